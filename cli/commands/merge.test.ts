// A sharded collection (`backlot collect --shard i/n` per matrix job, then `backlot merge`) against
// the GitHub stand-in gives, byte for byte, the content of one `backlot collect` of the same
// organisation: references between shards resolve, a Location reading another repository, a
// broken descriptor and duplicate names come out as one job reports them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepositories, startGithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import type { GithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import { TEST_TOKEN } from '../../collectors/github/testing/test-context.ts';

const CLI = fileURLToPath(new URL('../backlot.ts', import.meta.url));
const NOW = '2026-11-30T06:00:00.000Z';

function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true', GITHUB_TOKEN: TEST_TOKEN } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every file below `dir` (relative path → bytes), the run report left out: it holds timings. */
async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const file = path.relative(dir, full).split(path.sep).join('/');
    if (file !== 'collect-report.json') out.set(file, await readFile(full));
  }
  return out;
}

const descriptor = (name: string, extra: string[]) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${name}`, 'spec:', '  type: service', '  lifecycle: production', ...extra, ''].join('\n');

describe('a sharded collection merges into what one job collects', { timeout: 600_000 }, () => {
  let standIn: GithubStandIn | undefined;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-shards-'));
    standIn = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(24, 'acme'), token: TEST_TOKEN });
    const web = standIn.webUrl;
    // Relations that cross repositories (so, for most n, shards), and the problems one job reports.
    standIn.repositories.set('payments', { name: 'payments', pushedAt: '2026-02-01T00:00:00Z', files: { 'catalog-info.yaml': descriptor('payments', ['  owner: group:default/team-1', '  dependsOn: [component:default/service-003, component:default/service-017]', '  providesApis: [shared-ledger]']) } });
    standIn.repositories.set('platform-root', {
      name: 'platform-root',
      pushedAt: '2026-02-02T00:00:00Z',
      files: { 'catalog-info.yaml': ['apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata:', '  name: platform', 'spec:', '  targets:', `    - ${web}/acme/shared-apis/blob/main/apis/ledger.yaml`, ''].join('\n') },
    });
    standIn.repositories.set('shared-apis', {
      name: 'shared-apis',
      pushedAt: '2026-02-03T00:00:00Z',
      files: {
        'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: shared\nspec:\n  targets: [./apis/ledger.yaml]\n',
        'apis/ledger.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: shared-ledger\nspec:\n  type: openapi\n  lifecycle: production\n  owner: group:default/team-2\n  definition: "openapi: 3.0.0"\n',
      },
    });
    standIn.repositories.set('broken', { name: 'broken', pushedAt: '2026-02-04T00:00:00Z', files: { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n' } });
    standIn.repositories.set('dangling', { name: 'dangling', pushedAt: '2026-02-05T00:00:00Z', files: { 'catalog-info.yaml': descriptor('dangling', ['  owner: group:default/nobody', '  dependsOn: [component:default/does-not-exist]']) } });
    standIn.repositories.set('twin', { name: 'twin', pushedAt: '2026-02-06T00:00:00Z', files: { 'catalog-info.yaml': descriptor('service-005', ['  owner: group:default/team-0']) } });
    await writeFile(path.join(dir, 'backlot.config.yaml'), `source: github\ncollectors: [catalog]\ngithub:\n  org: acme\n  baseUrl: ${standIn.baseUrl}\n  api: rest\n  retries: 1\n  timeoutMs: 5000\n`);
  });
  after(async () => {
    await standIn?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  let single: Map<string, Buffer>;
  test('one job collects the organisation (the reference)', async () => {
    const run = await runCli(['collect', '--content-dir', 'single', '--cache-dir', 'cache/single', '--now', NOW], dir);
    assert.equal(run.code, 0, run.stderr);
    single = await filesOf(path.join(dir, 'single'));
    const records = [...single.keys()].filter((f) => f.startsWith('catalog/entities/'));
    assert.ok(records.length >= 28, `expected the whole organisation, got ${records.length} records`);
    const problems = single.get('catalog/problems.json')!.toString();
    assert.match(problems, /does-not-exist/, 'the dangling reference is reported');
  });

  for (const n of [1, 3, 7]) {
    test(`${n} shard${n === 1 ? '' : 's'}, merged, give the same bytes`, async () => {
      const entityCounts: number[] = [];
      for (let i = 1; i <= n; i++) {
        const run = await runCli(['collect', '--shard', `${i}/${n}`, '--content-dir', `shards-${n}/${i}`, '--cache-dir', `cache/${n}-${i}`, '--now', NOW], dir);
        assert.equal(run.code, 0, run.stderr);
        const read = JSON.parse(await readFile(path.join(dir, `shards-${n}/${i}/catalog/shard-read.json`), 'utf8')) as { read: { entities: unknown[] } };
        entityCounts.push(read.read.entities.length);
        assert.ok(!existsSync(path.join(dir, `shards-${n}/${i}/catalog/meta.json`)), 'a shard does not assemble a catalog of its own');
      }
      if (n > 1) assert.ok(entityCounts.filter((c) => c > 0).length > 1, `the repositories are spread over the shards: ${entityCounts}`);
      const merge = await runCli(['merge', '--shards', `shards-${n}`, '--content-dir', `merged-${n}`, '--cache-dir', `cache/merge-${n}`], dir);
      assert.equal(merge.code, 0, merge.stderr);
      const merged = await filesOf(path.join(dir, `merged-${n}`));
      assert.deepEqual([...merged.keys()].sort(), [...single.keys()].sort(), 'the same files');
      for (const [file, bytes] of single) assert.ok(merged.get(file)!.equals(bytes), `${file} differs from the single job's`);
      const report = JSON.parse(await readFile(path.join(dir, `merged-${n}/collect-report.json`), 'utf8')) as { collectors: { name: string }[] };
      assert.equal(report.collectors.filter((c) => /shard/.test(c.name)).length, n, 'the run report lists each shard');
    });
  }

  test('collecting the rest after the merge keeps the shards\' and the merge\'s lines in the run report', async () => {
    const rest = await runCli(['collect', '--skip', 'catalog', '--content-dir', 'merged-7', '--cache-dir', 'cache/merge-7', '--now', NOW], dir);
    assert.equal(rest.code, 0, rest.stderr);
    const report = JSON.parse(await readFile(path.join(dir, 'merged-7/collect-report.json'), 'utf8')) as { collectors: { name: string }[] };
    assert.deepEqual(report.collectors.map((c) => c.name), [...Array.from({ length: 7 }, (_, i) => `catalog (shard ${i + 1}/7)`), 'catalog (merge)']);
  });

  test('a missing shard is refused by name and the content is left as it was', async () => {
    const before = await filesOf(path.join(dir, 'merged-3'));
    await rm(path.join(dir, 'shards-3/2'), { recursive: true });
    const merge = await runCli(['merge', '--shards', 'shards-3', '--content-dir', 'merged-3'], dir);
    assert.equal(merge.code, 1);
    assert.match(merge.stderr, /shard 2\/3 missing/);
    const afterwards = await filesOf(path.join(dir, 'merged-3'));
    assert.deepEqual([...afterwards.keys()].sort(), [...before.keys()].sort());
    for (const [file, bytes] of before) assert.ok(afterwards.get(file)!.equals(bytes), `${file} changed`);
  });

  test('a shard needs a GitHub source, a valid i/n and its own folder', async () => {
    const bad = await runCli(['collect', '--shard', '4/3', '--content-dir', 'x'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--shard takes i\/n/);
    const assembled = await runCli(['collect', '--shard', '1/2', '--content-dir', 'single', '--cache-dir', 'cache/x'], dir);
    assert.equal(assembled.code, 2);
    assert.match(assembled.stderr, /holds an assembled catalog/);
  });
});
