import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGithubClient } from '../github/client.ts';
import { loadHttpCache } from '../github/http-cache.ts';
import { startGithubStandIn, type GithubStandIn } from '../github/testing/github-stand-in.ts';
import type { StandInActions, StandInRun } from '../github/testing/routes/actions.ts';
import { declaresDispatch, emptyStoredActions, readRepositoryActions, type StoredActions } from './github-actions.ts';

const now = new Date('2026-11-25T12:00:00Z');
const daysAgo = (d: number, h = 0) => new Date(now.getTime() - d * 86_400_000 - h * 3_600_000).toISOString().replace('.000Z', 'Z');
const run = (id: number, workflowId: number, sha: string, conclusion: StandInRun['conclusion'], createdAt: string, extra: Partial<StandInRun> = {}): StandInRun => ({
  id, workflowId, branch: 'main', headSha: sha, conclusion, createdAt, durationSeconds: 60 * (id % 7 + 1), actor: 'mona', jobs: [{ name: 'build', conclusion: conclusion === 'failure' ? 'failure' : 'success' }], ...extra,
});

function actions(): StandInActions {
  return {
    workflows: [
      { id: 1, name: 'CI', path: '.github/workflows/ci.yml' },
      { id: 2, name: 'Release', path: '.github/workflows/release.yml' },
    ],
    runs: [
      run(101, 1, 'aaa', 'success', daysAgo(20)),
      // e2e failed, then passed on the re-run of the same run (attempt 2).
      run(102, 1, 'bbb', 'success', daysAgo(10), { attempt: 2, previousAttempts: [[{ name: 'build', conclusion: 'success' }, { name: 'e2e', conclusion: 'failure' }]] }),
      // e2e failed on ccc, a new run of the same commit passed.
      run(103, 1, 'ccc', 'failure', daysAgo(5), { jobs: [{ name: 'build', conclusion: 'success' }, { name: 'e2e', conclusion: 'failure' }] }),
      run(104, 1, 'ccc', 'success', daysAgo(5, -1)),
      run(105, 1, 'ddd', 'failure', daysAgo(1)),
      run(106, 1, 'old', 'success', daysAgo(45)),
      run(107, 1, 'feature', 'failure', daysAgo(2), { branch: 'feature/x' }),
      run(201, 2, 'aaa', 'success', daysAgo(20), { event: 'workflow_dispatch' }),
    ],
  };
}

describe('GitHub Actions, read incrementally from the stand-in', () => {
  let standIn: GithubStandIn;
  let stored: StoredActions = emptyStoredActions();
  const cachePromise = loadHttpCache('/nonexistent/cache.json');
  const client = () => createGithubClient({ baseUrl: standIn.baseUrl, retries: 0, timeoutMs: 2000, log: { warn() {}, info() {} } });

  before(async () => {
    standIn = await startGithubStandIn({
      org: 'acme',
      repositories: [
        {
          name: 'shipment-service',
          files: {
            '.github/workflows/ci.yml': 'name: CI\non:\n  push:\n    branches: [main]\n  pull_request:\n',
            '.github/workflows/release.yml': 'name: Release\non:\n  workflow_dispatch:\n    inputs:\n      version: {required: true}\n',
          },
          extra: { actions: actions() },
        },
      ],
    });
  });
  after(() => standIn.close());

  const read = async () => {
    const { octokit, counters } = client();
    const result = await readRepositoryActions({ octokit, cache: await cachePromise, owner: 'acme', repo: 'shipment-service', defaultBranch: 'main', webUrl: `${standIn.webUrl}/acme/shipment-service`, now }, stored);
    stored = result.stored;
    return { data: result.data, counters };
  };

  it('first run: workflows, last runs on the default branch, 30-day figures, flaky jobs, dispatchable workflows', async () => {
    const { data, counters } = await read();
    const ci = data.workflows.find((w) => w.name === 'CI')!;
    const release = data.workflows.find((w) => w.name === 'Release')!;
    assert.equal(ci.dispatchable, false);
    assert.equal(release.dispatchable, true, 'release.yml declares workflow_dispatch');
    assert.match(release.url, /\/acme\/shipment-service\/actions\/workflows\/release\.yml$/);
    assert.deepEqual(ci.lastRuns.map((r) => r.id), [105, 104, 103, 102, 101], 'newest first, default branch only');
    assert.equal(ci.runs30d, 5, 'the 45-day-old run is outside the window');
    assert.equal(ci.successRate30d, 60);
    assert.equal(ci.failing, true, 'the latest run (ddd) failed');
    assert.equal(data.failing, true);
    assert.deepEqual(data.flakyJobs.map((j) => [j.workflow, j.job, j.occurrences]), [['CI', 'e2e', 2]]);
    assert.ok(ci.medianDurationSeconds30d! > 0);
    assert.equal(ci.lastRuns[0]!.actor, 'mona');
    assert.ok(counters.requests >= 5, `workflows, 2 workflow files, runs, 2 job lists: ${counters.requests}`);
  });

  it('an unchanged second run costs two conditional requests, both 304', async () => {
    standIn.requests.length = 0;
    const { counters, data } = await read();
    assert.deepEqual(standIn.requests.map((r) => [r.path.split('?')[0], r.status]), [
      ['/repos/acme/shipment-service/actions/workflows', 304],
      ['/repos/acme/shipment-service/actions/runs', 304],
    ]);
    assert.equal(counters.notModified, 2);
    assert.deepEqual(data.flakyJobs.map((j) => j.job), ['e2e'], 'figures come from the stored runs');
  });

  it('a new run is picked up from the first page alone; runs already collected are not fetched again', async () => {
    (standIn.repositories.get('shipment-service')!.extra!.actions as StandInActions).runs.push(run(108, 1, 'eee', 'success', daysAgo(0, 1)));
    standIn.requests.length = 0;
    const { data } = await read();
    assert.deepEqual(standIn.requests.map((r) => r.path.split('?')[0]), ['/repos/acme/shipment-service/actions/workflows', '/repos/acme/shipment-service/actions/runs']);
    const ci = data.workflows.find((w) => w.name === 'CI')!;
    assert.equal(ci.lastRuns[0]!.id, 108);
    assert.equal(ci.failing, false, 'the default branch is green again');
  });

  it('reads workflow_dispatch in every form `on` takes, and never runs the file', () => {
    assert.equal(declaresDispatch('on: workflow_dispatch\n'), true);
    assert.equal(declaresDispatch('on: [push, workflow_dispatch]\n'), true);
    assert.equal(declaresDispatch('on:\n  workflow_dispatch: {}\n'), true);
    assert.equal(declaresDispatch('on: [push]\n'), false);
    assert.equal(declaresDispatch('{{ not: yaml'), false);
  });
});
