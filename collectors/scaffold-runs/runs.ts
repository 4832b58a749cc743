// The shape of src/content/generated/scaffold-runs/runs.json: recent runs of each template's
// scaffold workflow, for the Create page. Written by the collector, read by the page.

export const RUNS_FILE = 'runs.json';

export interface ScaffoldRun {
  id: number;
  runNumber: number;
  /** queued, in_progress, completed … */
  status: string;
  /** success, failure, cancelled … (null while running) */
  conclusion: string | null;
  url: string;
  actor?: string;
  createdAt: string;
  title?: string;
}

export interface WorkflowRuns {
  runs: ScaffoldRun[];
  /** Why the latest read failed (last good runs kept). */
  error?: string;
  stale?: boolean;
}

export interface ScaffoldRunsContent {
  collectedAt: string;
  /** `none`: nothing was collected, and `reason` says why (e.g. the local example organisation). */
  source: 'github' | 'none';
  reason?: string;
  /** owner/name of the portal repository whose workflows were read. */
  repository?: string;
  /** Workflow file (`scaffold-<name>.yml`) → its recent runs. */
  workflows: Record<string, WorkflowRuns>;
}
