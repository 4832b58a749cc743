// Which ref is live in each GitHub environment of a repository, since when and by whom: the latest
// deployment per environment and its latest status. All conditional requests; a deployment whose
// status is already final is not asked again until a newer deployment replaces it.
import type { Octokit } from 'octokit';
import { conditionalGet, linkOf, type HttpCache } from '../github/http-cache.ts';

export interface EnvironmentDeployment {
  environment: string;
  ref: string;
  sha: string;
  /** GitHub login of who created the deployment. */
  creator: string;
  /** The latest status: `success` means this ref is live. */
  state: string;
  /** When the deployment was created, and when its latest status was set (live since). */
  createdAt: string;
  since: string;
  /** The deployed site, when the workflow reported one (http(s) only). */
  environmentUrl?: string;
  deploymentId: number;
}

/** Kept between runs: deployment id → its final status. */
export type StoredDeploymentStates = Record<string, { state: string; since: string; environmentUrl?: string }>;

const FINAL = new Set(['success', 'failure', 'error', 'inactive']);
const httpUrl = (v: unknown) => (typeof v === 'string' && /^https?:\/\//i.test(v) ? v : undefined);

export async function readGithubDeployments(octokit: Octokit, cache: HttpCache, owner: string, repo: string, stored: StoredDeploymentStates): Promise<{ environments: EnvironmentDeployment[]; stored: StoredDeploymentStates }> {
  const api = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const names: string[] = [];
  for (let url: string | undefined = `${api}/environments?per_page=100`; url; ) {
    const page = await conditionalGet<string[]>(octokit, cache, url, { reduce: (d) => ((d as { environments?: { name: string }[] }).environments ?? []).map((e) => e.name) });
    if (!page) break;
    names.push(...page.data);
    url = linkOf(page.link, 'next');
  }
  const next: StoredDeploymentStates = {};
  const environments: EnvironmentDeployment[] = [];
  for (const environment of names) {
    const latest = await conditionalGet(octokit, cache, `${api}/deployments?environment=${encodeURIComponent(environment)}&per_page=1`, {
      reduce: (d) => (Array.isArray(d) ? d.slice(0, 1) : []).map((x: { id: number; ref: string; sha: string; creator?: { login?: string }; created_at: string }) => ({ id: x.id, ref: x.ref, sha: x.sha, creator: x.creator?.login ?? '', createdAt: x.created_at })),
    });
    const deployment = latest?.data[0];
    if (!deployment) continue;
    let status = stored[deployment.id];
    if (!status || !FINAL.has(status.state)) {
      const statuses = await conditionalGet(octokit, cache, `${api}/deployments/${deployment.id}/statuses?per_page=1`, {
        reduce: (d) => (Array.isArray(d) ? d.slice(0, 1) : []).map((s: { state: string; created_at: string; environment_url?: string }) => ({ state: s.state, since: s.created_at, ...(httpUrl(s.environment_url) ? { environmentUrl: s.environment_url } : {}) })),
      });
      status = statuses?.data[0] ?? { state: 'pending', since: deployment.createdAt };
    }
    next[deployment.id] = status;
    environments.push({
      environment,
      ref: deployment.ref,
      sha: deployment.sha,
      creator: deployment.creator,
      state: status.state,
      createdAt: deployment.createdAt,
      since: status.since,
      ...(status.environmentUrl ? { environmentUrl: status.environmentUrl } : {}),
      deploymentId: deployment.id,
    });
  }
  return { environments, stored: next };
}
