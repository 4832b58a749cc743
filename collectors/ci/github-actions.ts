// Reads one repository's GitHub Actions history incrementally: the workflow list and the first page
// of default-branch runs are conditional requests (a 304 when nothing happened, which GitHub does
// not count against the rate limit); older pages are read only while they hold runs not yet stored;
// the jobs of a failed attempt are fetched once, for flaky-job detection, and kept.
import type { Octokit } from 'octokit';
import { parse as parseYaml } from 'yaml';
import { conditionalGet, linkOf, type HttpCache } from '../github/http-cache.ts';
import { LAST_RUNS, type CiData, type RunSummary, type WorkflowSummary } from './records.ts';
import { DAY_MS, flakiestJobs, flakyCandidates, isFailing, thirtyDayFigures } from './statistics.ts';
import { findDataFault } from '../../lib/parse/keys.ts';

/** What is kept between runs for one repository (in the collector's cache folder). */
export interface StoredActions {
  runs: Record<string, RunSummary>;
  /** Workflow id → the file's `updated_at` when its triggers were read, and whether it is dispatchable. */
  workflowTriggers: Record<string, { updatedAt: string; dispatchable: boolean }>;
  /** `runId/attempt` → names of the jobs that failed in that attempt. */
  failedJobs: Record<string, string[]>;
}

export const emptyStoredActions = (): StoredActions => ({ runs: {}, workflowTriggers: {}, failedJobs: {} });

export type ApiRun = {
  id: number;
  workflow_id: number;
  status: string | null;
  conclusion: string | null;
  head_sha: string;
  display_title?: string;
  event: string;
  actor?: { login?: string } | null;
  created_at: string;
  run_started_at?: string;
  updated_at: string;
  run_attempt?: number;
  html_url: string;
};
export type ApiWorkflow = { id: number; name: string; path: string; html_url: string; updated_at: string; state: string };

export function toRunSummary(run: ApiRun): RunSummary {
  const started = Date.parse(run.run_started_at ?? run.created_at);
  const completed = run.status === 'completed';
  return {
    id: run.id,
    workflowId: run.workflow_id,
    status: run.status ?? 'unknown',
    conclusion: run.conclusion,
    headSha: run.head_sha,
    title: run.display_title ?? '',
    event: run.event,
    actor: run.actor?.login ?? '',
    createdAt: run.created_at,
    ...(completed ? { durationSeconds: Math.max(0, Math.round((Date.parse(run.updated_at) - started) / 1000)) } : {}),
    attempt: run.run_attempt ?? 1,
    url: run.html_url,
  };
}

/** A workflow file declares `workflow_dispatch` in `on` (string, list or map form). */
export function declaresDispatch(text: string): boolean {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return false;
  }
  // lib/parse's one rule for input data: a workflow holding a __proto__/constructor/prototype key is not read.
  if (findDataFault(doc)) return false;
  if (!doc || typeof doc !== 'object') return false;
  // YAML 1.1 readers turn a bare `on` key into true; the yaml package (1.2) keeps "on".
  const on = (doc as Record<string, unknown>).on ?? (doc as Record<string, unknown>).true;
  if (typeof on === 'string') return on === 'workflow_dispatch';
  if (Array.isArray(on)) return on.includes('workflow_dispatch');
  return !!on && typeof on === 'object' && Object.hasOwn(on, 'workflow_dispatch');
}

export interface ReadActionsOptions {
  octokit: Octokit;
  cache: HttpCache;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** The repository's web URL (`https://github.com/acme/x`), for workflow links. */
  webUrl: string;
  now: Date;
}

export async function readRepositoryActions(options: ReadActionsOptions, stored: StoredActions): Promise<{ data: CiData; stored: StoredActions }> {
  const { octokit, cache, owner, repo, defaultBranch, now } = options;
  const api = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const next: StoredActions = { runs: { ...stored.runs }, workflowTriggers: { ...stored.workflowTriggers }, failedJobs: { ...stored.failedJobs } };

  // Workflows (active ones), and which of them can be dispatched (read from the file only when it changed).
  const workflows: ApiWorkflow[] = [];
  for (let url: string | undefined = `${api}/actions/workflows?per_page=100`; url; ) {
    const page = await conditionalGet<{ workflows: ApiWorkflow[] }>(octokit, cache, url, {
      reduce: (d) => ({ workflows: ((d as { workflows: ApiWorkflow[] }).workflows ?? []).map(({ id, name, path, html_url, updated_at, state }) => ({ id, name, path, html_url, updated_at, state })) }),
    });
    if (!page) break;
    workflows.push(...page.data.workflows);
    url = linkOf(page.link, 'next');
  }
  for (const workflow of workflows) {
    const known = next.workflowTriggers[workflow.id];
    if (known && known.updatedAt === workflow.updated_at) continue;
    const file = await conditionalGet<string>(octokit, cache, `${api}/contents/${workflow.path.split('/').map(encodeURIComponent).join('/')}?ref=${encodeURIComponent(defaultBranch)}`, {
      mediaType: 'application/vnd.github.raw+json',
      reduce: (d) => (typeof d === 'string' ? d : d instanceof ArrayBuffer ? new TextDecoder().decode(d) : ''),
    });
    next.workflowTriggers[workflow.id] = { updatedAt: workflow.updated_at, dispatchable: file ? declaresDispatch(file.data) : false };
  }

  // Runs on the default branch, newest first; stop at the first page that holds nothing new.
  const since = now.getTime() - 30 * DAY_MS;
  for (let url: string | undefined = `${api}/actions/runs?branch=${encodeURIComponent(defaultBranch)}&per_page=100`; url; ) {
    const page = await conditionalGet<{ runs: ApiRun[] }>(octokit, cache, url, {
      reduce: (d) => ({ runs: ((d as { workflow_runs: ApiRun[] }).workflow_runs ?? []).map(({ id, workflow_id, status, conclusion, head_sha, display_title, event, actor, created_at, run_started_at, updated_at, run_attempt, html_url }) => ({ id, workflow_id, status, conclusion, head_sha, display_title, event, actor: { login: actor?.login }, created_at, run_started_at, updated_at, run_attempt, html_url })) as ApiRun[] }),
    });
    if (!page || page.notModified) break;
    let anythingNew = false;
    for (const run of page.data.runs) {
      const summary = toRunSummary(run);
      const before = next.runs[run.id];
      if (!before || before.status !== summary.status || before.conclusion !== summary.conclusion || before.attempt !== summary.attempt) anythingNew = true;
      next.runs[run.id] = summary;
    }
    const oldest = page.data.runs.at(-1);
    if (!anythingNew || !oldest || Date.parse(oldest.created_at) < since) break;
    url = linkOf(page.link, 'next');
  }

  const { data, failedJobs } = await buildCiData({
    repository: `${owner}/${repo}`,
    defaultBranch,
    webUrl: options.webUrl,
    now,
    workflows,
    stored: next,
    fetchFailedJobs: async (runId, attempt) => {
      const jobs = await conditionalGet<string[]>(octokit, cache, `${api}/actions/runs/${runId}/attempts/${attempt}/jobs?per_page=100`, {
        reduce: (d) => ((d as { jobs: { name: string; conclusion: string | null }[] }).jobs ?? []).filter((j) => j.conclusion === 'failure').map((j) => j.name),
      });
      return jobs?.data ?? [];
    },
  });
  next.failedJobs = failedJobs;
  return { data, stored: next };
}

export interface BuildCiDataInput {
  repository: string;
  defaultBranch: string;
  webUrl: string;
  now: Date;
  workflows: ApiWorkflow[];
  /** Runs and triggers known so far; old runs are pruned from `stored.runs` in place. */
  stored: StoredActions;
  /** Names of the jobs that failed in one attempt of a run (fetched once, then kept in `stored.failedJobs`). */
  fetchFailedJobs(runId: number, attempt: number): Promise<string[]>;
}

/** The CI section's data from workflows and stored runs: last runs, 30-day figures, flakiest jobs. */
export async function buildCiData(input: BuildCiDataInput): Promise<{ data: CiData; failedJobs: StoredActions['failedJobs'] }> {
  const { now, workflows, stored: next } = input;
  const since = now.getTime() - 30 * DAY_MS;
  // Forget runs older than 30 days, except the last few of each workflow.
  const all = Object.values(next.runs).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const keptPerWorkflow = new Map<number, number>();
  for (const run of all) {
    const kept = keptPerWorkflow.get(run.workflowId) ?? 0;
    if (Date.parse(run.createdAt) < since && kept >= LAST_RUNS) delete next.runs[run.id];
    else keptPerWorkflow.set(run.workflowId, kept + 1);
  }
  const runs = all.filter((r) => next.runs[r.id]);

  // Flaky jobs: the failed jobs of each contradicted failure, fetched once.
  const failures: { workflow: string; job: string; headSha: string; at: string }[] = [];
  for (const candidate of flakyCandidates(runs, now)) {
    const key = `${candidate.runId}/${candidate.attempt}`;
    if (!next.failedJobs[key]) {
      next.failedJobs[key] = await input.fetchFailedJobs(candidate.runId, candidate.attempt);
    }
    const workflowName = workflows.find((w) => w.id === candidate.workflowId)?.name ?? String(candidate.workflowId);
    for (const job of next.failedJobs[key]!) failures.push({ workflow: workflowName, job, headSha: candidate.headSha, at: candidate.at });
  }
  const liveFailedKeys = new Set(flakyCandidates(runs, now).map((c) => `${c.runId}/${c.attempt}`));
  for (const key of Object.keys(next.failedJobs)) if (!liveFailedKeys.has(key)) delete next.failedJobs[key];

  const summaries: WorkflowSummary[] = workflows
    .filter((w) => w.state === 'active' || runs.some((r) => r.workflowId === w.id))
    .map((w) => {
      const own = runs.filter((r) => r.workflowId === w.id);
      return {
        id: w.id,
        name: w.name,
        path: w.path,
        url: `${input.webUrl}/actions/workflows/${w.path.split('/').pop()}`,
        dispatchable: next.workflowTriggers[w.id]?.dispatchable ?? false,
        lastRuns: own.slice(0, LAST_RUNS),
        ...thirtyDayFigures(own, now),
        failing: isFailing(own),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    data: { repository: input.repository, defaultBranch: input.defaultBranch, workflows: summaries, flakyJobs: flakiestJobs(failures), failing: summaries.some((w) => w.failing) },
    failedJobs: next.failedJobs,
  };
}
