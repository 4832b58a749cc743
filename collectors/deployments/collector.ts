// The deployments collector: per entity, GitHub environments (latest deployment, state, since, by
// whom) for a GitHub organisation, and Kubernetes workloads from `kubectl get deployments,pods -o json`
// files in `<exports>/kubernetes/`, matched by `backstage.io/kubernetes-id` or
// `backstage.io/kubernetes-label-selector`. Marks deployments older than staleDeploymentDays.
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
import { readGithubDeployments, type EnvironmentDeployment, type StoredDeploymentStates } from './github-deployments.ts';
import { parseKubernetesExport, workloadsForEntity, type Workload } from './kubernetes.ts';
import type { DeployedWorkload, DeploymentsData } from './records.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

const DAY_MS = 86_400_000;

export const deploymentsCollector: Collector = {
  name: 'deployments',
  async collect(context) {
    const settings = signalsSettings(context.config);
    const exportsDir = path.resolve(context.root, settings.exportsDir);
    const targets = readSignalTargets(path.dirname(context.outDir));
    const session = await openGithubSession(context);
    const problems: string[] = [];

    // Organisation-wide Kubernetes state, read once.
    const workloads: (Workload & { file: string })[] = [];
    for (const file of exportFiles(exportsDir, 'kubernetes').filter((f) => f.endsWith('.json'))) {
      const shown = path.join(settings.exportsDir, file);
      const tooLarge = await checkReportSize(path.join(exportsDir, file), shown, settings.maxReportBytes);
      if (tooLarge) {
        problems.push(formatProblem(tooLarge));
        continue;
      }
      const { value, problems: fileProblems } = parseKubernetesExport(await readFile(path.join(exportsDir, file), 'utf8'), shown);
      problems.push(...fileProblems.map(formatProblem));
      for (const w of value?.workloads ?? []) workloads.push({ ...w, file: shown });
    }

    const storeFile = path.join(context.cacheDir, 'deployment-states.json');
    const stored: Record<string, StoredDeploymentStates> = await readFile(storeFile, 'utf8').then((t) => parseJsonInput(t, storeFile, MAX_STORED_DEPTH) as Record<string, StoredDeploymentStates>, () => ({}));
    const byRepository = new Map<string, Promise<EnvironmentDeployment[]>>();
    const staleBefore = context.now.getTime() - settings.staleDeploymentDays * DAY_MS;
    // A Kubernetes export is a snapshot: a workload is stale against the newest rollout in it, not today.
    const snapshotAt = Math.max(0, ...workloads.map((w) => (w.updatedAt ? Date.parse(w.updatedAt) : 0)));
    const workloadStaleBefore = snapshotAt - settings.staleDeploymentDays * DAY_MS;

    const run = await readEachTarget<DeploymentsData>(context, targets, session, async (target) => {
      const notes: string[] = [];
      const matched = workloadsForEntity(target.annotations, workloads);
      if (matched.problem) notes.push(`${target.ref}: ${matched.problem}`);
      const own: DeployedWorkload[] = (matched.workloads as (Workload & { file: string })[]).map(({ selector: _s, labels: _l, ...w }) => w);
      let environments: EnvironmentDeployment[] = [];
      const sources: string[] = [...new Set(own.map((w) => w.file))];
      if (session && target.repository) {
        const [owner, repo] = target.repository.split('/') as [string, string];
        let pending = byRepository.get(target.repository);
        if (!pending) {
          pending = readGithubDeployments(session.octokit, session.cache, owner, repo, stored[target.repository] ?? {}).then((r) => {
            stored[target.repository!] = r.stored;
            return r.environments;
          });
          byRepository.set(target.repository, pending);
        }
        environments = await pending;
        sources.unshift(`GitHub deployments of ${target.repository}`);
      }
      problems.push(...notes);
      if (own.length === 0 && environments.length === 0) return;
      const production = environments.find((e) => /^prod(uction)?$/i.test(e.environment));
      let stale = false;
      let staleReason: string | undefined;
      if (production && Date.parse(production.since) < staleBefore) {
        stale = true;
        staleReason = `production last deployed ${production.since.slice(0, 10)}, over ${settings.staleDeploymentDays} days ago`;
      } else if (!production && own.length > 0 && own.every((w) => w.updatedAt && Date.parse(w.updatedAt) < workloadStaleBefore)) {
        stale = true;
        staleReason = `no workload rolled out in the last ${settings.staleDeploymentDays} days`;
      }
      return {
        ref: target.ref,
        collectedAt: context.now.toISOString(),
        source: { name: sources.join('; '), ...(session && target.repository ? { url: `${session.webUrl}/${target.repository}/deployments` } : {}) },
        ...(notes.length ? { notes } : {}),
        data: { environments, workloads: own, stale, ...(staleReason ? { staleReason } : {}) },
      };
    });
    return finishSignalRun(context, 'deployments', run, { problems, session, store: { file: storeFile, value: stored }, stats: { workloads: workloads.length, reportProblems: problems.length } });
  },
};
