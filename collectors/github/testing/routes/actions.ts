// The stand-in's GitHub Actions endpoints: workflows, runs (filtered by branch), the jobs of a run or
// of one attempt, and artifacts with their zip download (a 302 to a second server, as GitHub
// redirects to blob storage). Bodies are the recorded shapes (signals-recordings.ts) with the
// repository's own values.
import type { StandInRepository } from '../github-stand-in.ts';
import type { Route, RouteRequest, StandInWorld } from './route.ts';
import { rehome, signalsRecordings } from './signals-recordings.ts';

export interface StandInJob {
  name: string;
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped';
}

export interface StandInRun {
  id: number;
  workflowId: number;
  branch: string;
  headSha: string;
  event?: string;
  status?: 'completed' | 'in_progress' | 'queued';
  conclusion: 'success' | 'failure' | 'cancelled' | null;
  createdAt: string;
  /** Seconds from start to the last update. */
  durationSeconds: number;
  actor?: string;
  title?: string;
  /** The latest attempt's number (1 unless re-run). */
  attempt?: number;
  jobs: StandInJob[];
  /** Jobs of the earlier attempts, attempt 1 first. */
  previousAttempts?: StandInJob[][];
}

export interface StandInActions {
  workflows: { id: number; name: string; path: string }[];
  runs: StandInRun[];
  artifacts?: { id: number; name: string; createdAt: string; sizeInBytes: number; workflowRunId?: number }[];
  /** Where artifact zips are downloaded from (`<base>/<artifact id>.zip`): the test's blob server. */
  artifactBlobBase?: string;
}

const actionsOf = (repository: StandInRepository | undefined) => repository?.extra?.actions as StandInActions | undefined;
const recordedSlugs = ['octo-org/octo-repo', 'octo-org/octo-docs', 'Codertocat/Hello-World'];

function within(request: RouteRequest, world: StandInWorld) {
  const repository = world.repository(request.params);
  return repository ? { repository, actions: actionsOf(repository) ?? { workflows: [], runs: [] } } : undefined;
}

function page<T>(items: T[], key: string, request: RouteRequest, world: StandInWorld) {
  const { body, link } = world.paginate(items, request);
  return { body: { total_count: items.length, [key]: body }, ...(link ? { link } : {}) };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function runBody(world: StandInWorld, repository: StandInRepository, actions: StandInActions, run: StandInRun) {
  const workflow = actions.workflows.find((w) => w.id === run.workflowId);
  const base = rehome(signalsRecordings.workflowRun, world, repository.name, recordedSlugs);
  const api = `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/actions/runs/${run.id}`;
  const started = Date.parse(run.createdAt);
  return {
    ...base,
    id: run.id,
    name: workflow?.name ?? 'CI',
    workflow_id: run.workflowId,
    path: workflow?.path ?? '.github/workflows/ci.yml',
    head_branch: run.branch,
    head_sha: run.headSha,
    display_title: run.title ?? `Build ${run.headSha.slice(0, 7)}`,
    event: run.event ?? 'push',
    status: run.status ?? 'completed',
    conclusion: run.conclusion,
    run_attempt: run.attempt ?? 1,
    run_number: run.id % 100_000,
    created_at: run.createdAt,
    run_started_at: run.createdAt,
    updated_at: iso(started + run.durationSeconds * 1000),
    html_url: `${world.origin}/${world.org}/${repository.name}/actions/runs/${run.id}`,
    url: api,
    jobs_url: `${api}/jobs`,
    actor: { ...(base.actor as object), login: run.actor ?? 'octocat' },
    triggering_actor: { ...(base.actor as object), login: run.actor ?? 'octocat' },
    head_commit: { ...(base.head_commit as object), id: run.headSha },
  };
}

function jobBodies(world: StandInWorld, repository: StandInRepository, run: StandInRun, jobs: StandInJob[]) {
  const base = rehome(signalsRecordings.job, world, repository.name, recordedSlugs);
  return jobs.map((job, i) => ({
    ...base,
    id: run.id * 100 + i,
    run_id: run.id,
    head_sha: run.headSha,
    name: job.name,
    status: 'completed',
    conclusion: job.conclusion,
    html_url: `${world.origin}/${world.org}/${repository.name}/actions/runs/${run.id}/job/${run.id * 100 + i}`,
  }));
}

export const actionsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/workflows',
    handle: (request, world) => {
      const found = within(request, world);
      if (!found) return null;
      const base = rehome(signalsRecordings.workflow, world, found.repository.name, recordedSlugs);
      const workflows = found.actions.workflows.map((w) => ({
        ...base,
        id: w.id,
        name: w.name,
        path: w.path,
        html_url: `${world.origin}/${world.org}/${found.repository.name}/blob/${found.repository.defaultBranch ?? 'main'}/${w.path}`,
        url: `${world.origin}${world.prefix}/repos/${world.org}/${found.repository.name}/actions/workflows/${w.id}`,
      }));
      return page(workflows, 'workflows', request, world);
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/runs',
    handle: (request, world) => {
      const found = within(request, world);
      if (!found) return null;
      const branch = request.query.get('branch');
      const runs = found.actions.runs
        .filter((r) => !branch || r.branch === branch)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
        .map((r) => runBody(world, found.repository, found.actions, r));
      return page(runs, 'workflow_runs', request, world);
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/runs/:run_id/jobs',
    handle: (request, world) => {
      const found = within(request, world);
      const run = found?.actions.runs.find((r) => String(r.id) === request.params.run_id);
      return found && run ? page(jobBodies(world, found.repository, run, run.jobs), 'jobs', request, world) : null;
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/runs/:run_id/attempts/:attempt/jobs',
    handle: (request, world) => {
      const found = within(request, world);
      const run = found?.actions.runs.find((r) => String(r.id) === request.params.run_id);
      if (!found || !run) return null;
      const attempt = Number(request.params.attempt);
      const jobs = attempt === (run.attempt ?? 1) ? run.jobs : run.previousAttempts?.[attempt - 1];
      return jobs ? page(jobBodies(world, found.repository, run, jobs), 'jobs', request, world) : null;
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/artifacts',
    handle: (request, world) => {
      const found = within(request, world);
      if (!found) return null;
      const name = request.query.get('name');
      const base = rehome(signalsRecordings.artifact, world, found.repository.name, recordedSlugs);
      const artifacts = (found.actions.artifacts ?? [])
        .filter((a) => !name || a.name === name)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((a) => ({
          ...base,
          id: a.id,
          name: a.name,
          size_in_bytes: a.sizeInBytes,
          created_at: a.createdAt,
          updated_at: a.createdAt,
          url: `${world.origin}${world.prefix}/repos/${world.org}/${found.repository.name}/actions/artifacts/${a.id}`,
          archive_download_url: `${world.origin}${world.prefix}/repos/${world.org}/${found.repository.name}/actions/artifacts/${a.id}/zip`,
          workflow_run: { ...(base.workflow_run as object), id: a.workflowRunId ?? 0, head_branch: found.repository.defaultBranch ?? 'main' },
        }));
      return page(artifacts, 'artifacts', request, world);
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/artifacts/:artifact_id/zip',
    handle: (request, world) => {
      const found = within(request, world);
      const artifact = found?.actions.artifacts?.find((a) => String(a.id) === request.params.artifact_id);
      if (!found || !artifact || !found.actions.artifactBlobBase) return null;
      return { status: 302, body: null, headers: { location: `${found.actions.artifactBlobBase}/${artifact.id}.zip` } };
    },
  },
];
