// A repository's open security alerts from GitHub: Dependabot and code scanning as findings,
// secret scanning as a count only — the alert body carries the secret itself, so it is dropped
// before anything is cached or written. A 403 or 404 (no permission, feature off) is recorded as
// "not available" with the reason, never as zero.
import type { Octokit } from 'octokit';
import { conditionalGet, linkOf, type HttpCache } from '../github/http-cache.ts';
import { normaliseSeverity, safeHttpUrl, type Finding } from './finding.ts';

export type Availability<T> = ({ available: true } & T) | { available: false; reason: string };

export interface GithubAlerts {
  dependabot: Availability<{ findings: Finding[] }>;
  codeScanning: Availability<{ findings: Finding[] }>;
  /** Open secret-scanning alerts: how many and since when; never which secret. */
  secretScanning: Availability<{ open: number; oldestAt?: string }>;
}

type Json = Record<string, unknown>;
const o = (v: unknown) => (v && typeof v === 'object' ? (v as Json) : {});

function dependabotFinding(alert: Json): Finding | undefined {
  const advisory = o(alert.security_advisory);
  const vulnerability = o(alert.security_vulnerability);
  const severity = normaliseSeverity(vulnerability.severity ?? advisory.severity);
  if (!severity) return undefined;
  const pkg = o(vulnerability.package).name ?? o(o(alert.dependency).package).name;
  return {
    id: String(advisory.ghsa_id ?? advisory.cve_id ?? alert.number),
    title: String(advisory.summary ?? advisory.ghsa_id ?? 'Dependabot alert'),
    severity,
    tool: 'dependabot',
    ...(typeof pkg === 'string' ? { package: pkg } : {}),
    ...(typeof o(vulnerability.first_patched_version).identifier === 'string' ? { fixedIn: o(vulnerability.first_patched_version).identifier as string } : {}),
    ...(safeHttpUrl(alert.html_url) ? { url: safeHttpUrl(alert.html_url)! } : {}),
    ...(typeof alert.created_at === 'string' ? { createdAt: alert.created_at } : {}),
  };
}

function codeScanningFinding(alert: Json): Finding | undefined {
  const rule = o(alert.rule);
  const severity = normaliseSeverity(rule.security_severity_level ?? rule.severity);
  if (!severity) return undefined;
  const location = o(o(alert.most_recent_instance).location);
  return {
    id: String(rule.id ?? alert.number),
    title: String(rule.description ?? rule.name ?? rule.id ?? 'Code scanning alert'),
    severity,
    tool: String(o(alert.tool).name ?? 'code scanning'),
    ...(typeof location.path === 'string' ? { location: typeof location.start_line === 'number' ? `${location.path}:${location.start_line}` : location.path } : {}),
    ...(safeHttpUrl(alert.html_url) ? { url: safeHttpUrl(alert.html_url)! } : {}),
    ...(typeof alert.created_at === 'string' ? { createdAt: alert.created_at } : {}),
  };
}

/** Every page of an alert list; the reduce keeps only what is shown, so the cache holds no more. */
async function readAllPages<T>(octokit: Octokit, cache: HttpCache, first: string, reduce: (alert: Json) => T | undefined): Promise<T[] | { status: number }> {
  const out: T[] = [];
  for (let url: string | undefined = first; url; ) {
    let page;
    try {
      page = await conditionalGet<T[]>(octokit, cache, url, { reduce: (d) => (Array.isArray(d) ? d : []).map((a) => reduce(o(a))).filter((x): x is Awaited<T> => x !== undefined) as T[] });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 403) return { status };
      throw error;
    }
    if (!page) return { status: 404 };
    out.push(...page.data);
    url = linkOf(page.link, 'next');
  }
  return out;
}

const why = (kind: string, status: number) =>
  status === 403
    ? `${kind}: the token may not read these alerts (403); give it the "${kind === 'Dependabot' ? 'Dependabot alerts' : kind === 'Code scanning' ? 'Code scanning alerts' : 'Secret scanning alerts'}: read" permission`
    : `${kind}: not enabled for this repository, or not visible to the token (404)`;

export async function readGithubAlerts(octokit: Octokit, cache: HttpCache, owner: string, repo: string): Promise<GithubAlerts> {
  const api = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const dependabot = await readAllPages(octokit, cache, `${api}/dependabot/alerts?state=open&per_page=100`, dependabotFinding);
  const codeScanning = await readAllPages(octokit, cache, `${api}/code-scanning/alerts?state=open&per_page=100`, codeScanningFinding);
  const secrets = await readAllPages(octokit, cache, `${api}/secret-scanning/alerts?state=open&per_page=100`, (alert) => ({ createdAt: typeof alert.created_at === 'string' ? alert.created_at : '' }));
  return {
    dependabot: Array.isArray(dependabot) ? { available: true, findings: dependabot } : { available: false, reason: why('Dependabot', dependabot.status) },
    codeScanning: Array.isArray(codeScanning) ? { available: true, findings: codeScanning } : { available: false, reason: why('Code scanning', codeScanning.status) },
    secretScanning: Array.isArray(secrets)
      ? { available: true, open: secrets.length, ...(secrets.length ? { oldestAt: secrets.map((s) => s.createdAt).filter(Boolean).sort()[0]! } : {}) }
      : { available: false, reason: why('Secret scanning', secrets.status) },
  };
}
