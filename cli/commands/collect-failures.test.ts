// `backlot collect` against a GitHub organisation that cannot be listed (wrong or missing token,
// unknown organisation, host down): the content stays exactly as it was, marked stale, with or
// without a cache, and the exit code says which kind of failure it was.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepositories, startGithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import type { GithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import { TEST_TOKEN } from '../../collectors/github/testing/test-context.ts';
import type { EntityRecord } from '../../lib/content/records.ts';

const CLI = fileURLToPath(new URL('../backlot.ts', import.meta.url));
const ARGS = ['collect', '--content-dir', 'content', '--cache-dir', 'cache'];

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const clean: NodeJS.ProcessEnv = { ...process.env, CI: 'true', ...env };
    if (!('GITHUB_TOKEN' in env)) delete clean.GITHUB_TOKEN;
    execFile(process.execPath, [CLI, ...args], { cwd, env: clean }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Every file under `dir` by relative path → parsed JSON. */
async function snapshotOf(dir: string): Promise<Map<string, Record<string, unknown>>> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const out = new Map<string, Record<string, unknown>>();
  for (const f of files.filter((e) => e.isFile() && e.name.endsWith('.json'))) {
    const full = path.join(f.parentPath, f.name);
    out.set(path.relative(dir, full), JSON.parse(await readFile(full, 'utf8')) as Record<string, unknown>);
  }
  return out;
}

/** The content is what it was, each entity record and facts file the same but for a stale mark. */
function assertKeptStale(before: Map<string, Record<string, unknown>>, after: Map<string, Record<string, unknown>>, error: RegExp) {
  const records = [...before.keys()].filter((k) => k.startsWith('catalog/entities/') || k.startsWith('github/repositories/'));
  assert.ok(records.length >= 60, `${records.length} files`);
  assert.deepEqual([...after.keys()].filter((k) => records.includes(k)).sort(), records.sort(), 'every file is still there');
  for (const key of records) {
    const { stale, ...rest } = after.get(key) as Record<string, unknown> & { stale?: EntityRecord['stale'] };
    const { stale: _earlier, ...was } = before.get(key)!;
    assert.deepEqual(rest, was, `${key} is unchanged`);
    assert.ok(stale, `${key} is marked stale`);
    assert.match(stale.error, error);
    assert.equal(stale.lastSuccessAt, (before.get(key) as { collectedAt: string }).collectedAt);
  }
}

describe('collect when the organisation cannot be listed', () => {
  let standIn: GithubStandIn;
  let dir: string;
  let good: Map<string, Record<string, unknown>>;
  let closed = false;
  before(async () => {
    standIn = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(30, 'acme'), token: TEST_TOKEN });
    dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-cli-failures-'));
    await writeFile(path.join(dir, 'backlot.config.yaml'), `source: github\ncollectors: [catalog]\ngithub:\n  org: acme\n  baseUrl: ${standIn.baseUrl}\n  retries: 1\n  timeoutMs: 2000\n`);
    const first = await runCli(ARGS, dir, { GITHUB_TOKEN: TEST_TOKEN });
    assert.equal(first.code, 0, first.stderr);
    good = await snapshotOf(path.join(dir, 'content'));
  });
  after(async () => {
    if (!closed) await standIn.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a wrong token exits 4 with the fix on stderr; every entity and repository is kept, marked stale', async () => {
    const run = await runCli(ARGS, dir, { GITHUB_TOKEN: 'ghp_' + 'wrong'.padEnd(36, 'x') });
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /401/);
    assert.match(run.stderr, /to fix: Check the token in GITHUB_TOKEN/);
    assert.match(run.stderr, /30 entities kept exactly as they were/);
    assertKeptStale(good, await snapshotOf(path.join(dir, 'content')), /401/);
  });

  test('without a cache too: a missing token exits 4, nothing is requested, nothing disappears', async () => {
    await rm(path.join(dir, 'cache'), { recursive: true, force: true });
    const requestsBefore = standIn.requests.length;
    const run = await runCli(ARGS, dir, {});
    assert.equal(run.code, 4, run.stderr);
    assert.equal(standIn.requests.length, requestsBefore, 'no request without a token');
    assert.match(run.stderr, /GITHUB_TOKEN is not set/);
    assert.match(run.stderr, /to fix: Set GITHUB_TOKEN to a personal access token/);
    assertKeptStale(good, await snapshotOf(path.join(dir, 'content')), /GITHUB_TOKEN is not set/);
  });

  test('an unknown organisation exits 4 and names github.org', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'backlot-cli-failures-'));
    try {
      await writeFile(path.join(other, 'backlot.config.yaml'), `source: github\ncollectors: [catalog]\ngithub:\n  org: nosuchorg\n  baseUrl: ${standIn.baseUrl}\n  retries: 1\n`);
      const run = await runCli(ARGS, other, { GITHUB_TOKEN: TEST_TOKEN });
      assert.equal(run.code, 4, run.stderr);
      assert.match(run.stderr, /"nosuchorg" was not found/);
      assert.match(run.stderr, /to fix: Check github\.org/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('collect --help documents the exit codes', async () => {
    const run = await runCli(['collect', '--help'], dir, {});
    assert.match(run.stdout + run.stderr, /4 {2}configuration or authentication/);
    assert.match(run.stdout + run.stderr, /5 {2}unreachable/);
  });

  test('the host down (same settings) exits 5 and keeps the content', async () => {
    await standIn.close();
    closed = true;
    const run = await runCli(ARGS, dir, { GITHUB_TOKEN: TEST_TOKEN });
    assert.equal(run.code, 5, run.stderr);
    assert.match(run.stderr, /could not be reached/);
    assert.match(run.stderr, /to fix: Check github\.baseUrl/);
    assertKeptStale(good, await snapshotOf(path.join(dir, 'content')), /could not be reached/);
  });
});
