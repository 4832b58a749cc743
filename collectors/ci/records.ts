// What the CI collector writes for an entity and what its page section reads: a repository's
// workflows with their last runs on the default branch, 30-day figures, and the flakiest jobs.

export interface RunSummary {
  id: number;
  workflowId: number;
  /** `completed`, `in_progress`, `queued` … */
  status: string;
  /** `success`, `failure`, `cancelled` … (null while running). */
  conclusion: string | null;
  headSha: string;
  title: string;
  event: string;
  actor: string;
  createdAt: string;
  /** From run start to its last update, in seconds (absent while running). */
  durationSeconds?: number;
  attempt: number;
  url: string;
}

export interface WorkflowSummary {
  id: number;
  name: string;
  path: string;
  /** The workflow's page on GitHub; for a dispatchable workflow it has the "Run workflow" button. */
  url: string;
  /** The file declares `workflow_dispatch`. */
  dispatchable: boolean;
  /** Newest first, on the default branch, at most LAST_RUNS. */
  lastRuns: RunSummary[];
  /** Completed runs on the default branch in the 30 days before collection. */
  runs30d: number;
  /** Successful share of those, 0–100 (absent without runs). */
  successRate30d?: number;
  medianDurationSeconds30d?: number;
  /** The latest completed run on the default branch failed. */
  failing: boolean;
}

export interface FlakyJob {
  workflow: string;
  job: string;
  /** Commits on which this job failed and then passed (30 days). */
  occurrences: number;
  lastSeenAt: string;
}

export interface CiData {
  /** `owner/name`. */
  repository: string;
  defaultBranch: string;
  workflows: WorkflowSummary[];
  flakyJobs: FlakyJob[];
  /** Any workflow's latest completed default-branch run failed. */
  failing: boolean;
}

export const LAST_RUNS = 5;
