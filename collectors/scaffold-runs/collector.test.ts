import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestContext, githubConfig } from '../github/testing/test-context.ts';
import type { TestContext } from '../github/testing/test-context.ts';
import { startGithubStandIn } from '../github/testing/github-stand-in.ts';
import type { GithubStandIn } from '../github/testing/github-stand-in.ts';
import { scaffoldingState } from '../github/testing/routes/scaffolding.ts';
import { scaffoldRunsCollector } from './collector.ts';
import type { ScaffoldRunsContent } from './runs.ts';

const root = path.resolve(import.meta.dirname, '../..');
const examples = JSON.parse(await readFile(path.join(root, 'collectors/github/testing/recordings/openapi-write-examples.json'), 'utf8')) as Record<string, { workflow_runs: Record<string, unknown>[] }>;
const recordedRun = examples['workflow-run-paginated']!.workflow_runs[0]!;

let github: GithubStandIn;
let t: TestContext;
before(async () => {
  github = await startGithubStandIn({ org: 'acme-freight', repositories: [{ name: 'backlot', files: { 'README.md': 'portal\n' } }] });
  const runs: Record<string, Record<string, unknown>[]> = {};
  scaffoldingState(github).workflowRuns.set('backlot', runs);
  runs['scaffold-typescript-service.yml'] = [
    { ...recordedRun, id: 2, run_number: 2, status: 'completed', conclusion: 'failure', html_url: `${github.webUrl}/acme-freight/backlot/actions/runs/2`, display_title: 'Scaffold: TypeScript service' },
    { ...recordedRun, id: 1, run_number: 1, status: 'completed', conclusion: 'success', html_url: `${github.webUrl}/acme-freight/backlot/actions/runs/1` },
  ];
});
after(async () => {
  await github.close();
  await t?.remove();
});

const read = async (ctx: TestContext) => JSON.parse(await readFile(path.join(ctx.context.outDir, 'runs.json'), 'utf8')) as ScaffoldRunsContent;

test('with the local source nothing is collected, and the record says why', async () => {
  const local = await createTestContext();
  try {
    local.context.config = { ...local.context.config, source: 'local' };
    local.context.root = root;
    const report = await scaffoldRunsCollector.collect(local.context);
    assert.equal(report.items, 0);
    const content = await read(local);
    assert.equal(content.source, 'none');
    assert.match(content.reason!, /source is local/);
  } finally {
    await local.remove();
  }
});

test('reads the recent runs of each scaffold workflow through the GitHub source; a workflow not yet pushed has none', async () => {
  t = await createTestContext({ GITHUB_REPOSITORY: 'acme-freight/backlot', GITHUB_TOKEN: 'ghs_test' });
  t.context.config = { ...t.context.config, source: 'github', github: githubConfig(github.baseUrl, { org: 'acme-freight', retries: 0 }) };
  t.context.root = root;
  const report = await scaffoldRunsCollector.collect(t.context);
  assert.equal(report.items, 2);
  const content = await read(t);
  assert.equal(content.repository, 'acme-freight/backlot');
  const runs = content.workflows['scaffold-typescript-service.yml']!.runs;
  assert.deepEqual(runs.map((r) => [r.runNumber, r.status, r.conclusion]), [[2, 'completed', 'failure'], [1, 'completed', 'success']]);
  assert.equal(runs[0]!.actor, (recordedRun.actor as { login: string }).login);
  assert.match(content.workflows['scaffold-docs-addition.yml']!.error!, /not on the default branch/);
  assert.ok(github.requests.some((r) => r.path.startsWith('/repos/acme-freight/backlot/actions/workflows/scaffold-typescript-service.yml/runs?per_page=10')));
});

test('a failed read keeps the last good runs, marked stale, and the run is partial', async () => {
  github.addFault({ path: '/repos/acme-freight/backlot/actions/workflows/scaffold-typescript-service.yml/runs', kind: 'server-error', times: 1 });
  const report = await scaffoldRunsCollector.collect(t.context);
  assert.equal(report.partial, true);
  assert.equal(report.failures[0]!.item, 'scaffold-typescript-service.yml');
  const kept = (await read(t)).workflows['scaffold-typescript-service.yml']!;
  assert.equal(kept.stale, true);
  assert.equal(kept.runs.length, 2);
});
