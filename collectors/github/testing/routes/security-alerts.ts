// The stand-in's security alert endpoints: Dependabot, code scanning and secret scanning, with
// `state` filtering and pagination, and the 403/404 GitHub answers when the token may not read them
// or the feature is off (a repository's `extra.securityAlerts.<kind>` set to 'forbidden' / 'not-found').
import type { StandInRepository } from '../github-stand-in.ts';
import type { Route, RouteAnswer, RouteRequest, StandInWorld } from './route.ts';
import { basicError, rehome, signalsRecordings } from './signals-recordings.ts';

type Severity = 'critical' | 'high' | 'medium' | 'low';
export interface StandInAlert {
  number: number;
  state: 'open' | 'dismissed' | 'fixed' | 'resolved';
  severity: Severity;
  createdAt: string;
  /** Dependabot: the package; code scanning: the rule id; secret scanning: the secret type. */
  subject: string;
}
type AlertList = StandInAlert[] | 'forbidden' | 'not-found';
export interface StandInSecurityAlerts {
  dependabot?: AlertList;
  codeScanning?: AlertList;
  secretScanning?: AlertList;
}

const recordedSlugs = ['octocat/hello-world', 'octocat/Hello-World', 'octocat/hello-world'];
const codeScanningSeverity: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const securitySeverityLevel: Record<Severity, string> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low' };

function listAnswer(request: RouteRequest, world: StandInWorld, kind: keyof StandInSecurityAlerts, toBody: (repository: StandInRepository, alert: StandInAlert) => unknown): RouteAnswer | null {
  const repository = world.repository(request.params);
  if (!repository) return null;
  const list = (repository.extra?.securityAlerts as StandInSecurityAlerts | undefined)?.[kind] ?? [];
  // The messages are the descriptions of these answers in GitHub's OpenAPI description.
  if (list === 'forbidden') return { status: 403, body: basicError(kind === 'codeScanning' ? 'Response if GitHub Advanced Security is not enabled for this repository' : 'Forbidden', 403) };
  if (list === 'not-found') return { status: 404, body: basicError('Resource not found', 404) };
  const state = request.query.get('state');
  const alerts = list.filter((a) => !state || state.split(',').includes(a.state)).sort((a, b) => b.number - a.number).map((a) => toBody(repository, a));
  return world.paginate(alerts, request);
}

export const securityAlertRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/dependabot/alerts',
    handle: (request, world) =>
      listAnswer(request, world, 'dependabot', (repository, alert) => {
        const base = rehome(signalsRecordings.dependabotAlerts[0]!, world, repository.name, recordedSlugs) as Record<string, Record<string, unknown>>;
        const vulnerability = { ...base.security_vulnerability, severity: alert.severity, package: { ecosystem: 'npm', name: alert.subject } };
        return {
          ...base,
          number: alert.number,
          state: alert.state,
          created_at: alert.createdAt,
          html_url: `${world.origin}/${world.org}/${repository.name}/security/dependabot/${alert.number}`,
          dependency: { ...base.dependency, package: { ecosystem: 'npm', name: alert.subject } },
          security_vulnerability: vulnerability,
          security_advisory: { ...base.security_advisory, severity: alert.severity },
        };
      }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/code-scanning/alerts',
    handle: (request, world) =>
      listAnswer(request, world, 'codeScanning', (repository, alert) => {
        const base = rehome(signalsRecordings.codeScanningAlerts[0]!, world, repository.name, recordedSlugs) as Record<string, Record<string, unknown>>;
        return {
          ...base,
          number: alert.number,
          state: alert.state,
          created_at: alert.createdAt,
          html_url: `${world.origin}/${world.org}/${repository.name}/security/code-scanning/${alert.number}`,
          rule: { ...base.rule, id: alert.subject, name: alert.subject, severity: codeScanningSeverity[alert.severity], security_severity_level: securitySeverityLevel[alert.severity] },
        };
      }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/secret-scanning/alerts',
    handle: (request, world) =>
      listAnswer(request, world, 'secretScanning', (repository, alert) => {
        const base = rehome(signalsRecordings.secretScanningAlerts[0]!, world, repository.name, recordedSlugs);
        return {
          ...base,
          number: alert.number,
          state: alert.state === 'fixed' ? 'resolved' : alert.state,
          created_at: alert.createdAt,
          secret_type: alert.subject,
          secret_type_display_name: alert.subject,
          html_url: `${world.origin}/${world.org}/${repository.name}/security/secret-scanning/${alert.number}`,
        };
      }),
  },
];
