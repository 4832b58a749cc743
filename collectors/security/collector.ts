// The security collector: per entity, open findings by severity from GitHub's Dependabot and
// code-scanning alerts (and the secret-scanning count) for a GitHub organisation, and from SARIF,
// Trivy and Grype reports dropped in `<exports>/<entity name>/security/`. A source the token may
// not read is listed as "not available" with the reason, never counted as zero.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../lib/reports/problem.ts';
import { checkReportSize } from '../../lib/reports/size-limit.ts';
import { signalsSettings } from '../../lib/signals/config.ts';
import { exportFiles } from '../../lib/signals/exports-folder.ts';
import { openGithubSession } from '../../lib/signals/github-session.ts';
import { finishSignalRun, readEachTarget } from '../../lib/signals/per-target.ts';
import { readSignalTargets } from '../../lib/signals/targets.ts';
import type { Collector } from '../types.ts';
import { compareFindings, countBySeverity, type Finding } from './finding.ts';
import { readGithubAlerts } from './github-alerts.ts';
import { WORST_LISTED, type SecurityData, type SecuritySource } from './records.ts';
import { parseScannerReport } from './scanner-reports.ts';

export const securityCollector: Collector = {
  name: 'security',
  async collect(context) {
    const settings = signalsSettings(context.config);
    const exportsDir = path.resolve(context.root, settings.exportsDir);
    const targets = readSignalTargets(path.dirname(context.outDir));
    const session = await openGithubSession(context);
    const problems: string[] = [];
    // Entities of one repository share its alerts: read each repository once.
    const alertsByRepository = new Map<string, ReturnType<typeof readGithubAlerts>>();

    const run = await readEachTarget<SecurityData>(context, targets, session, async (target) => {
      const findings: Finding[] = [];
      const sources: SecuritySource[] = [];
      const notes: string[] = [];
      let secretAlerts: number | undefined;
      let origin: string[] = [];
      for (const file of exportFiles(exportsDir, path.join(target.name, 'security'))) {
        const shown = path.join(settings.exportsDir, file);
        const tooLarge = await checkReportSize(path.join(exportsDir, file), shown, settings.maxReportBytes);
        if (tooLarge) {
          notes.push(formatProblem(tooLarge));
          sources.push({ name: shown, available: false, reason: tooLarge.message });
          continue;
        }
        const { value, problems: fileProblems } = parseScannerReport(await readFile(path.join(exportsDir, file), 'utf8'), shown);
        notes.push(...fileProblems.map(formatProblem));
        if (!value) {
          sources.push({ name: shown, available: false, reason: fileProblems[0]?.message ?? 'unreadable' });
          continue;
        }
        findings.push(...value.findings);
        sources.push({ name: `${value.tool} (${shown})`, available: true, counts: countBySeverity(value.findings) });
        origin.push(shown);
      }
      if (session && target.repository) {
        const [owner, repo] = target.repository.split('/') as [string, string];
        let pending = alertsByRepository.get(target.repository);
        if (!pending) alertsByRepository.set(target.repository, (pending = readGithubAlerts(session.octokit, session.cache, owner, repo)));
        const alerts = await pending;
        for (const [name, list] of [['Dependabot', alerts.dependabot], ['Code scanning', alerts.codeScanning]] as const) {
          if (list.available) {
            findings.push(...list.findings);
            sources.push({ name, available: true, counts: countBySeverity(list.findings) });
          } else sources.push({ name, available: false, reason: list.reason });
        }
        if (alerts.secretScanning.available) {
          secretAlerts = alerts.secretScanning.open;
          sources.push({ name: 'Secret scanning', available: true, open: alerts.secretScanning.open });
        } else sources.push({ name: 'Secret scanning', available: false, reason: alerts.secretScanning.reason });
        origin = [`GitHub alerts of ${target.repository}`, ...origin];
      }
      problems.push(...notes);
      if (sources.length === 0) return;
      const sorted = [...findings].sort(compareFindings);
      const criticalDates = findings.filter((f) => f.severity === 'critical' && f.createdAt).map((f) => f.createdAt!).sort();
      return {
        ref: target.ref,
        collectedAt: context.now.toISOString(),
        source: { name: origin.join('; ') || 'exports', ...(session && target.repository ? { url: `${session.webUrl}/${target.repository}/security` } : {}) },
        ...(notes.length ? { notes } : {}),
        data: {
          counts: countBySeverity(findings),
          worst: sorted.slice(0, WORST_LISTED),
          ...(criticalDates.length ? { oldestCriticalAt: criticalDates[0]! } : {}),
          ...(secretAlerts !== undefined ? { secretAlerts } : {}),
          sources,
        },
      };
    });
    return finishSignalRun(context, 'security', run, { problems, session, stats: { reportProblems: problems.length } });
  },
};
