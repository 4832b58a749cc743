// The CI collector: per entity, its repository's GitHub Actions workflows and default-branch runs,
// 30-day figures and flakiest jobs. For a GitHub organisation read incrementally from the API; for
// a local catalog from exports in `<exports>/<entity name>/actions/` — the bodies of
// `GET /repos/{o}/{r}/actions/workflows` (workflows.json), `…/actions/runs?branch=<default>`
// (runs.json) and `…/runs/{id}/attempts/{n}/jobs` (jobs/<id>-<n>.json), as `gh api` writes them.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { signalsSettings } from '../../lib/signals/config.ts';
import type { SignalEnvelope } from '../../lib/signals/envelope.ts';
import { openGithubSession } from '../../lib/signals/github-session.ts';
import { finishSignalRun, readEachTarget } from '../../lib/signals/per-target.ts';
import { readSignalTargets, type SignalTarget } from '../../lib/signals/targets.ts';
import { repositoryFactsDir } from '../github/facts.ts';
import { conditionalGet } from '../github/http-cache.ts';
import type { Collector } from '../types.ts';
import { buildCiData, declaresDispatch, emptyStoredActions, readRepositoryActions, toRunSummary, type ApiRun, type ApiWorkflow, type StoredActions } from './github-actions.ts';
import type { CiData } from './records.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

export const ciCollector: Collector = {
  name: 'ci',
  async collect(context) {
    const settings = signalsSettings(context.config);
    const exportsDir = path.resolve(context.root, settings.exportsDir);
    const targets = readSignalTargets(path.dirname(context.outDir));
    const session = await openGithubSession(context);
    const storeFile = path.join(context.cacheDir, 'runs.json');
    const store: Record<string, StoredActions> = await readFile(storeFile, 'utf8').then((t) => parseJsonInput(t, storeFile, MAX_STORED_DEPTH) as Record<string, StoredActions>, () => ({}));
    const byRepository = new Map<string, Promise<CiData>>();

    const fromGithub = (repository: string) => {
      let pending = byRepository.get(repository);
      if (pending) return pending;
      const [owner, repo] = repository.split('/') as [string, string];
      pending = (async () => {
        // The GitHub catalog source wrote the repository's facts this run: no request for the default branch.
        const known = await readFile(path.join(repositoryFactsDir(context), `${repo}.json`), 'utf8').then((t) => JSON.parse(t) as { fullName?: string; defaultBranch?: string }, () => undefined);
        const facts =
          known?.defaultBranch && known.fullName?.toLowerCase() === repository.toLowerCase()
            ? { data: { defaultBranch: known.defaultBranch } }
            : await conditionalGet<{ defaultBranch: string }>(session!.octokit, session!.cache, `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`, {
                reduce: (d) => ({ defaultBranch: (d as { default_branch?: string }).default_branch ?? 'main' }),
              });
        if (!facts) throw new Error(`repository ${repository} not found, or not visible to the token`);
        const result = await readRepositoryActions(
          { octokit: session!.octokit, cache: session!.cache, owner, repo, defaultBranch: facts.data.defaultBranch, webUrl: `${session!.webUrl}/${owner}/${repo}`, now: context.now },
          store[repository] ?? emptyStoredActions(),
        );
        store[repository] = result.stored;
        return result.data;
      })();
      byRepository.set(repository, pending);
      return pending;
    };

    const run = await readEachTarget<CiData>(context, targets, session, async (target) => {
      let data: CiData | undefined;
      let source: SignalEnvelope<CiData>['source'];
      if (session && target.repository) {
        data = await fromGithub(target.repository);
        source = { name: `GitHub Actions of ${target.repository}`, url: `${session.webUrl}/${target.repository}/actions` };
      } else {
        const folder = path.join(exportsDir, target.name, 'actions');
        if (!existsSync(path.join(folder, 'runs.json'))) return;
        data = await fromExports(folder, target, context.root);
        source = { name: `exports: ${path.join(settings.exportsDir, target.name, 'actions')}` };
      }
      if (data.workflows.length === 0) return;
      return { ref: target.ref, collectedAt: context.now.toISOString(), source, data };
    });
    return finishSignalRun(context, 'ci', run, { session, store: { file: storeFile, value: store }, stats: { repositories: byRepository.size } });
  },
};

async function readJson<T>(file: string): Promise<T> {
  try {
    return parseJsonInput(await readFile(file, 'utf8'), file) as T;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}; export it again with \`gh api\``, { cause: error });
  }
}

/**
 * CI data from exported API bodies; dispatchable workflows read from the entity's own folder when it
 * has the file. An export is a snapshot: its 30 days end at its newest run, not at collection time.
 */
async function fromExports(folder: string, target: SignalTarget, root: string): Promise<CiData> {
  const workflows = (await readJson<{ workflows?: ApiWorkflow[] }>(path.join(folder, 'workflows.json'))).workflows ?? [];
  const runs = (await readJson<{ workflow_runs?: ApiRun[] }>(path.join(folder, 'runs.json'))).workflow_runs ?? [];
  const stored = emptyStoredActions();
  for (const run of runs) stored.runs[run.id] = toRunSummary(run);
  const now = new Date(Math.max(0, ...runs.map((r) => Date.parse(r.updated_at)).filter((t) => !Number.isNaN(t))));
  for (const workflow of workflows) {
    const file = target.localFolder ? path.resolve(root, target.localFolder, workflow.path) : undefined;
    const text = file && file.startsWith(path.resolve(root, target.localFolder!) + path.sep) && existsSync(file) ? await readFile(file, 'utf8') : '';
    stored.workflowTriggers[workflow.id] = { updatedAt: workflow.updated_at, dispatchable: declaresDispatch(text) };
  }
  const defaultBranch = runs[0] ? ((runs[0] as ApiRun & { head_branch?: string }).head_branch ?? 'main') : 'main';
  const repository = target.repository ?? target.name;
  const webUrl = workflows[0]?.html_url ? workflows[0].html_url.replace(/\/blob\/.*$/, '') : `https://github.com/${repository}`;
  const { data } = await buildCiData({
    repository,
    defaultBranch,
    webUrl,
    now,
    workflows,
    stored,
    fetchFailedJobs: async (runId, attempt) => {
      const file = path.join(folder, 'jobs', `${runId}-${attempt}.json`);
      if (!existsSync(file)) return [];
      const jobs = (await readJson<{ jobs?: { name: string; conclusion: string | null }[] }>(file)).jobs ?? [];
      return jobs.filter((j) => j.conclusion === 'failure').map((j) => j.name);
    },
  });
  return data;
}
