// The figures a CI section shows, computed from stored runs alone (no network): success rate and
// median duration over 30 days, whether the default branch is failing, and flaky jobs — jobs that
// failed and then passed on the same commit (a re-run, or a new run of the same workflow).
import type { FlakyJob, RunSummary } from './records.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Success rate (0–100, one decimal) and median duration of the completed runs since `now - 30 days`. */
export function thirtyDayFigures(runs: RunSummary[], now: Date) {
  const since = now.getTime() - 30 * DAY_MS;
  const completed = runs.filter((r) => r.status === 'completed' && r.conclusion !== 'cancelled' && r.conclusion !== 'skipped' && Date.parse(r.createdAt) >= since);
  const successes = completed.filter((r) => r.conclusion === 'success').length;
  const durations = completed.map((r) => r.durationSeconds).filter((d): d is number => typeof d === 'number');
  const med = median(durations);
  return {
    runs30d: completed.length,
    ...(completed.length ? { successRate30d: Math.round((successes / completed.length) * 1000) / 10 } : {}),
    ...(med !== undefined ? { medianDurationSeconds30d: Math.round(med) } : {}),
  };
}

/** The latest completed run (by creation) decides whether a workflow's default branch is failing. */
export function isFailing(runsNewestFirst: RunSummary[]): boolean {
  const latest = runsNewestFirst.find((r) => r.status === 'completed' && r.conclusion !== 'cancelled' && r.conclusion !== 'skipped');
  return latest?.conclusion === 'failure' || latest?.conclusion === 'timed_out';
}

/** A run attempt (or run) whose jobs failed, later followed by a success on the same commit and workflow. */
export interface FlakyCandidate {
  runId: number;
  /** The attempt whose failed jobs are wanted. */
  attempt: number;
  workflowId: number;
  headSha: string;
  at: string;
}

/**
 * Failures that a later success on the same commit contradicts: an earlier attempt of a run that
 * finally succeeded, or an earlier failed run of the same workflow and commit. Within 30 days.
 */
export function flakyCandidates(runs: RunSummary[], now: Date): FlakyCandidate[] {
  const since = now.getTime() - 30 * DAY_MS;
  const out: FlakyCandidate[] = [];
  const byCommit = new Map<string, RunSummary[]>();
  for (const run of runs) {
    if (Date.parse(run.createdAt) < since) continue;
    const key = `${run.workflowId} ${run.headSha}`;
    byCommit.set(key, [...(byCommit.get(key) ?? []), run]);
    if (run.conclusion === 'success' && run.attempt > 1) {
      out.push({ runId: run.id, attempt: run.attempt - 1, workflowId: run.workflowId, headSha: run.headSha, at: run.createdAt });
    }
  }
  for (const group of byCommit.values()) {
    const ordered = group.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    ordered.forEach((run, i) => {
      if (run.conclusion === 'failure' && ordered.slice(i + 1).some((later) => later.conclusion === 'success')) {
        out.push({ runId: run.id, attempt: run.attempt, workflowId: run.workflowId, headSha: run.headSha, at: run.createdAt });
      }
    });
  }
  return out;
}

/** Counts, per workflow and job, the commits where the job failed in a failure a success later contradicted. */
export function flakiestJobs(failures: { workflow: string; job: string; headSha: string; at: string }[], limit = 5): FlakyJob[] {
  const byJob = new Map<string, { workflow: string; job: string; commits: Set<string>; lastSeenAt: string }>();
  for (const f of failures) {
    const key = `${f.workflow}\u0000${f.job}`;
    const entry = byJob.get(key) ?? { workflow: f.workflow, job: f.job, commits: new Set<string>(), lastSeenAt: f.at };
    entry.commits.add(f.headSha);
    if (f.at > entry.lastSeenAt) entry.lastSeenAt = f.at;
    byJob.set(key, entry);
  }
  return [...byJob.values()]
    .map((e) => ({ workflow: e.workflow, job: e.job, occurrences: e.commits.size, lastSeenAt: e.lastSeenAt }))
    .sort((a, b) => b.occurrences - a.occurrences || b.lastSeenAt.localeCompare(a.lastSeenAt))
    .slice(0, limit);
}
