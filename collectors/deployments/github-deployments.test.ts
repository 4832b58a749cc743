import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGithubClient } from '../github/client.ts';
import { loadHttpCache } from '../github/http-cache.ts';
import { startGithubStandIn, type GithubStandIn } from '../github/testing/github-stand-in.ts';
import type { StandInDeployment } from '../github/testing/routes/deployments.ts';
import { readGithubDeployments, type StoredDeploymentStates } from './github-deployments.ts';

describe('GitHub deployments from the stand-in', () => {
  let standIn: GithubStandIn;
  const deployments: StandInDeployment[] = [
    { id: 11, environment: 'production', ref: 'v1.41.0', sha: 'a'.repeat(40), creator: 'mona', createdAt: '2026-11-01T10:00:00Z', statuses: [{ state: 'success', createdAt: '2026-11-01T10:05:00Z' }] },
    { id: 12, environment: 'production', ref: 'v1.42.0', sha: 'b'.repeat(40), creator: 'hubot', createdAt: '2026-11-20T09:00:00Z', statuses: [{ state: 'in_progress', createdAt: '2026-11-20T09:00:10Z' }, { state: 'success', createdAt: '2026-11-20T09:04:00Z', environmentUrl: 'https://shipments.acme.example' }] },
    { id: 13, environment: 'staging', ref: 'main', sha: 'c'.repeat(40), creator: 'mona', createdAt: '2026-11-24T09:00:00Z', statuses: [{ state: 'failure', createdAt: '2026-11-24T09:03:00Z' }] },
  ];
  before(async () => {
    standIn = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'shipment-service', extra: { deployments } }] });
  });
  after(() => standIn.close());

  it('the latest deployment per environment with its state, since when, by whom; unchanged second read is all 304s and skips final statuses', async () => {
    const { octokit } = createGithubClient({ baseUrl: standIn.baseUrl, retries: 0, timeoutMs: 2000, log: { warn() {}, info() {} } });
    const cache = await loadHttpCache('/nonexistent');
    let stored: StoredDeploymentStates = {};
    const first = await readGithubDeployments(octokit, cache, 'acme', 'shipment-service', stored);
    stored = first.stored;
    const production = first.environments.find((e) => e.environment === 'production')!;
    assert.equal(production.ref, 'v1.42.0');
    assert.equal(production.state, 'success');
    assert.equal(production.since, '2026-11-20T09:04:00Z');
    assert.equal(production.creator, 'hubot');
    assert.equal(production.environmentUrl, 'https://shipments.acme.example');
    assert.equal(first.environments.find((e) => e.environment === 'staging')!.state, 'failure');

    standIn.requests.length = 0;
    await readGithubDeployments(octokit, cache, 'acme', 'shipment-service', stored);
    assert.deepEqual(standIn.requests.map((r) => r.status), [304, 304, 304], 'environments and one deployment list per environment; no status requests');
  });
});
