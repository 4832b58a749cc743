// The stand-in's deployment endpoints: environments, deployments (filterable by environment) and
// each deployment's statuses, newest first as GitHub lists them; recorded shapes, the repository's values.
import type { StandInRepository } from '../github-stand-in.ts';
import type { Route, StandInWorld } from './route.ts';
import { rehome, signalsRecordings } from './signals-recordings.ts';

export interface StandInDeployment {
  id: number;
  environment: string;
  ref: string;
  sha: string;
  creator: string;
  createdAt: string;
  /** Newest last, as they happened. */
  statuses: { state: 'success' | 'failure' | 'error' | 'inactive' | 'in_progress' | 'queued' | 'pending'; createdAt: string; environmentUrl?: string }[];
}

const recordedSlugs = ['octocat/example', 'github/hello-world', 'octocat/Hello-World'];
const deploymentsOf = (repository: StandInRepository | undefined) => (repository?.extra?.deployments as StandInDeployment[] | undefined) ?? [];

function deploymentBody(world: StandInWorld, repository: StandInRepository, d: StandInDeployment) {
  const base = rehome(signalsRecordings.deployment, world, repository.name, recordedSlugs);
  const api = `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/deployments/${d.id}`;
  return {
    ...base,
    id: d.id,
    url: api,
    statuses_url: `${api}/statuses`,
    sha: d.sha,
    ref: d.ref,
    environment: d.environment,
    original_environment: d.environment,
    production_environment: d.environment === 'production',
    creator: { ...(base.creator as object), login: d.creator },
    created_at: d.createdAt,
    updated_at: d.statuses.at(-1)?.createdAt ?? d.createdAt,
  };
}

export const deploymentRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/environments',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const base = rehome(signalsRecordings.environment, world, repository.name, recordedSlugs);
      const names = [...new Set(deploymentsOf(repository).map((d) => d.environment))].sort();
      const environments = names.map((name, i) => ({ ...base, id: 1000 + i, name, url: `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/environments/${name}` }));
      const { body, link } = world.paginate(environments, request);
      return { body: { total_count: environments.length, environments: body }, ...(link ? { link } : {}) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/deployments',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const environment = request.query.get('environment');
      const list = deploymentsOf(repository)
        .filter((d) => !environment || d.environment === environment)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
        .map((d) => deploymentBody(world, repository, d));
      return world.paginate(list, request);
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/deployments/:deployment_id/statuses',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      const deployment = deploymentsOf(repository).find((d) => String(d.id) === request.params.deployment_id);
      if (!repository || !deployment) return null;
      const base = rehome(signalsRecordings.deploymentStatus, world, repository.name, recordedSlugs);
      const statuses = deployment.statuses
        .map((s, i) => ({
          ...base,
          id: deployment.id * 100 + i,
          state: s.state,
          environment: deployment.environment,
          created_at: s.createdAt,
          updated_at: s.createdAt,
          environment_url: s.environmentUrl ?? '',
          deployment_url: `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/deployments/${deployment.id}`,
        }))
        .reverse();
      return world.paginate(statuses, request);
    },
  },
];
