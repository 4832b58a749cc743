// Never lose data, never show the wrong data: an organisation switch starts clean, a failed
// listing keeps the cache entries it did not replace, a killed run resumes from what it saved,
// a spent rate limit stops cleanly with the reset time, and a client-side error is not retried.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { catalogCollector } from '../catalog/collector.ts';
import { repositoryFactsDir } from './facts.ts';
import { readGithubCatalog } from './index.ts';
import { generateRepositories, startGithubStandIn } from './testing/github-stand-in.ts';
import type { RecordedRequest } from './testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN } from './testing/test-context.ts';

const fast = { retryBaseMs: 5 };
const env = { GITHUB_TOKEN: TEST_TOKEN };
const CLI = fileURLToPath(new URL('../../cli/backlot.ts', import.meta.url));

/** Names of the repositories a request reads (REST path, or a GraphQL query's variables/text). */
function repositoriesOf(request: RecordedRequest): string[] {
  const rest = /^\/repos\/[^/]+\/([^/?]+)/.exec(request.path);
  if (rest) return [decodeURIComponent(rest[1]!)];
  if (request.path === '/graphql') return [...JSON.stringify(request.body).matchAll(/service-\d+/g)].map((m) => m[0]);
  return [];
}

describe('settings', () => {
  test('switching github.org starts clean and says so: the old organisation is never shown as the new one', async () => {
    const acme = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(20, 'acme') });
    const t = await createTestContext(env);
    try {
      t.context.config = { ...t.context.config, github: githubConfig(acme.baseUrl) };
      const first = await catalogCollector.collect(t.context);
      assert.equal(first.items, 20);

      // Another organisation that cannot be listed: nothing of acme may appear as its data.
      t.context.config = { ...t.context.config, github: githubConfig(acme.baseUrl, { org: 'globex' }) };
      const second = await catalogCollector.collect(t.context);
      assert.equal(second.items, 0);
      assert.ok(t.output.some((l) => /settings changed \(org "acme" → "globex"\)/.test(l)), t.output.join(''));
      assert.ok(t.output.some((l) => /collected with other settings .*starting clean/.test(l)));
      assert.deepEqual(await readdir(path.join(t.context.cacheDir, 'github', 'repositories')).catch(() => []), []);
      assert.deepEqual(await readdir(repositoryFactsDir(t.context)), [], 'no facts of acme are left as facts of globex');
    } finally {
      await acme.close();
      await t.remove();
    }
  });
});

describe('a failed listing', () => {
  test('keeps the cached ETags of the pages it did not reach, so the next good run pays nothing for them', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(250, 'acme') });
    const t = await createTestContext(env);
    try {
      const config = githubConfig(github.baseUrl, { retries: 1 });
      await readGithubCatalog(t.context, config, fast);
      github.addFault({ path: '/orgs/acme/repos', kind: 'server-error', times: 2 });
      const failed = await readGithubCatalog(t.context, config, fast);
      assert.equal(failed.unlisted?.kind, 'transient');
      github.requests.length = 0;
      const again = await readGithubCatalog(t.context, config, fast);
      assert.equal(again.entities.length, 250);
      assert.equal(github.requests.length, 3);
      assert.ok(github.requests.every((r) => r.status === 304), github.requests.map((r) => `${r.status} ${r.path}`).join('\n'));
      assert.equal(github.points().core, 0);
    } finally {
      await github.close();
      await t.remove();
    }
  });
});

describe('a killed run', () => {
  test('resumes from what it saved: repositories read before the kill are not requested again', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(200, 'acme') });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-killed-'));
    try {
      await writeFile(path.join(dir, 'backlot.config.yaml'), `source: github\ncollectors: [catalog]\ngithub:\n  org: acme\n  baseUrl: ${github.baseUrl}\n  concurrency: 4\n  retries: 0\n  timeoutMs: 60000\n`);
      // The second half of the organisation answers slowly: the process is killed while reading it.
      github.addFault({ path: /service-(1[0-9][0-9]|200)/, kind: 'slow', delayMs: 30_000, times: Infinity });
      const child = spawn(process.execPath, [CLI, 'collect', '--content-dir', 'content', '--cache-dir', 'cache'], { cwd: dir, env: { ...process.env, CI: 'true', ...env }, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const deadline = Date.now() + 60_000;
      while (!github.requests.some((r) => /service-1\d\d/.test(JSON.stringify(r.body ?? '') + r.path)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      child.kill('SIGKILL');
      await exited;
      const saved = (await readdir(path.join(dir, 'cache/catalog/github/repositories'))).map((f) => decodeURIComponent(f.replace(/\.json$/, '')));
      assert.ok(saved.length >= 50, `${saved.length} repositories saved before the kill`);
      assert.ok(saved.length < 200);

      github.clearFaults();
      github.requests.length = 0;
      const resumed = spawn(process.execPath, [CLI, 'collect', '--content-dir', 'content', '--cache-dir', 'cache'], { cwd: dir, env: { ...process.env, CI: 'true', ...env }, stdio: 'ignore' });
      const code = await new Promise((resolve) => resumed.on('exit', resolve));
      assert.equal(code, 0);
      const requested = new Set(github.requests.flatMap(repositoriesOf));
      for (const name of saved) assert.ok(!requested.has(name), `${name} was read again`);
      assert.equal(requested.size, 200 - saved.length);
      assert.equal((await readdir(path.join(dir, 'content/catalog/entities/default/component'))).length, 200);
    } finally {
      await github.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the primary rate limit', () => {
  test('used up with a reset beyond github.maxWaitSeconds: the run stops cleanly, partial, with the reset time', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(40, 'acme'), rateLimit: { core: 30, graphql: 3 } });
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { maxWaitSeconds: 5 }), fast);
      const resetAt = new Date(github.rate('core').resetAt);
      assert.equal(result.report.partial, true);
      assert.ok(result.entities.length > 0 && result.entities.length < 40, `${result.entities.length} read before the limit`);
      const stoppedAt = String(result.report.stats?.rateLimitResetAt);
      assert.ok(Math.abs(Date.parse(stoppedAt) - resetAt.getTime()) < 2000, `${stoppedAt} vs ${resetAt.toISOString()}`);
      assert.ok(t.output.some((l) => l.includes('github.maxWaitSeconds (5 s)') && l.includes(stoppedAt.slice(0, 16))), t.output.join(''));
      const refused = github.requests.filter((r) => r.status === 403).length;
      assert.ok(refused <= 8, `${refused} requests refused: only those already in flight (concurrency 8), none sent after the stop`);
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('the GraphQL account used up: the run stops cleanly too, what was read is kept, the rest is reported with the reset time', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(150, 'acme'), rateLimit: { graphql: 2 } });
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { api: 'graphql', maxWaitSeconds: 5, timeoutMs: 30_000 }), fast);
      assert.equal(result.report.partial, true);
      assert.equal(result.entities.length, 100, 'two batches of 50 were read before the account ran out');
      assert.equal(result.report.stats?.rateLimitResetAt !== undefined, true);
      assert.ok(result.report.failures.length === 50 && result.report.failures.every((f) => /github\.maxWaitSeconds \(5 s\)/.test(f.message)), JSON.stringify(result.report.failures.slice(0, 2)));
      assert.equal(github.requests.filter((r) => r.path.startsWith('/repos/')).length, 0, 'no REST request was sent after the stop');
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('used up with a reset within the budget: waited out, with a progress line while waiting', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(5, 'acme') });
    const t = await createTestContext(env);
    try {
      github.addFault({ path: '/orgs/acme/repos', kind: 'primary-rate-limit', resetInSeconds: 2, times: 1 });
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { maxWaitSeconds: 10 }), { ...fast, waitProgressMs: 500 });
      assert.equal(result.entities.length, 5);
      assert.equal(result.report.partial, false);
      assert.ok(t.output.some((l) => /waiting \d+ s for its reset at/.test(l)));
      assert.ok(t.output.some((l) => /still waiting for the rate-limit reset at .*: \d+ s left/.test(l)), t.output.join(''));
    } finally {
      await github.close();
      await t.remove();
    }
  });
});

describe('client-side errors', () => {
  test('a 422 is not retried like a 5xx', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(3, 'acme') });
    const t = await createTestContext(env);
    try {
      await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 3, api: 'rest' }), fast);
      github.push('service-002', { 'x.txt': 'changed' });
      github.addFault({ path: '/repos/acme/service-002/languages', kind: 'bad-request', times: Infinity });
      github.requests.length = 0;
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 3, api: 'rest' }), fast);
      assert.equal(github.requests.filter((r) => r.path === '/repos/acme/service-002/languages').length, 1);
      assert.equal(result.report.partial, true);
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('a token no header can carry is refused before sending, once, as a configuration problem', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(3, 'acme') });
    const t = await createTestContext({ GITHUB_TOKEN: 'ghp_abc\ndef' });
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 3 }), fast);
      assert.equal(github.requests.length, 0);
      assert.equal(result.unlisted?.kind, 'auth');
      assert.match(result.unlisted?.message ?? '', /GITHUB_TOKEN holds a character an HTTP header cannot carry/);
      assert.equal(result.report.stats?.requests, 0);
    } finally {
      await github.close();
      await t.remove();
    }
  });
});
