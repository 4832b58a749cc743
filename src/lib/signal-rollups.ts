// Roll-ups of service signals over a set of entities (a team's, or the whole organisation's):
// failing default branches, open critical findings, stale deployments. Pure, so the home page, the
// team section and their JSON twins under /api/ say the same thing.
import type { SignalsContent } from './signals-content.ts';

export interface RollupEntry {
  ref: string;
  /** What is wrong, in a few words. */
  detail: string;
  /** Where to look (a run, an alert list), http(s) only. */
  url?: string;
  /** The data is last good data kept after a failed read. */
  stale: boolean;
  collectedAt: string;
}

export interface SignalRollup {
  failingDefaultBranches: RollupEntry[];
  openCriticals: RollupEntry[];
  staleDeployments: RollupEntry[];
  /** Entities with any signal, and the oldest and newest collection among them. */
  covered: number;
  oldestCollectedAt?: string;
  newestCollectedAt?: string;
}

const http = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

export function rollUp(refs: Iterable<string>, signals: SignalsContent): SignalRollup {
  const rollup: SignalRollup = { failingDefaultBranches: [], openCriticals: [], staleDeployments: [], covered: 0 };
  const times: string[] = [];
  for (const ref of refs) {
    const ci = signals.ci.get(ref);
    const security = signals.security.get(ref);
    const deployments = signals.deployments.get(ref);
    const tests = signals.testReports.get(ref);
    const envelopes = [ci, security, deployments, tests].filter((e) => e !== undefined);
    if (envelopes.length === 0) continue;
    rollup.covered++;
    times.push(...envelopes.map((e) => e.collectedAt));
    if (ci?.data.failing) {
      const failing = ci.data.workflows.filter((w) => w.failing);
      const url = http(failing[0]?.lastRuns.find((r) => r.conclusion === 'failure')?.url);
      rollup.failingDefaultBranches.push({ ref, detail: `${failing.map((w) => w.name).join(', ')} failing on ${ci.data.defaultBranch}`, ...(url ? { url } : {}), stale: !!ci.stale, collectedAt: ci.collectedAt });
    }
    if (security && security.data.counts.critical > 0) {
      const worst = security.data.worst.find((f) => f.severity === 'critical');
      const url = http(worst?.url);
      const since = security.data.oldestCriticalAt ? `, oldest since ${security.data.oldestCriticalAt.slice(0, 10)}` : '';
      rollup.openCriticals.push({ ref, detail: `${security.data.counts.critical} open critical${security.data.counts.critical === 1 ? '' : 's'}${since}`, ...(url ? { url } : {}), stale: !!security.stale, collectedAt: security.collectedAt });
    }
    if (deployments?.data.stale) {
      rollup.staleDeployments.push({ ref, detail: deployments.data.staleReason ?? 'stale', stale: !!deployments.stale, collectedAt: deployments.collectedAt });
    }
  }
  times.sort();
  if (times.length) {
    rollup.oldestCollectedAt = times[0]!;
    rollup.newestCollectedAt = times.at(-1)!;
  }
  const byRef = (a: RollupEntry, b: RollupEntry) => a.ref.localeCompare(b.ref);
  rollup.failingDefaultBranches.sort(byRef);
  rollup.openCriticals.sort(byRef);
  rollup.staleDeployments.sort(byRef);
  return rollup;
}
