// The shared GitHub client other collectors use: conditional, cached, counted requests against the
// stand-in, the cache kept between runs, GraphQL points counted, and clear refusals without a token.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GithubUnavailable, openGithubApi } from './api.ts';
import { generateRepositories, startGithubStandIn } from './testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN } from './testing/test-context.ts';

describe('openGithubApi', () => {
  test('pages a list with ETags, answers the next run from 304s, counts GraphQL points, and never stores the token', async () => {
    const github = await startGithubStandIn({
      org: 'acme',
      repositories: generateRepositories(2, 'acme'),
      routes: [{ method: 'GET', path: '/repos/:owner/:repo/deployments', handle: (request, world) => (world.repository(request.params) ? world.paginate(Array.from({ length: 5 }, (_, id) => ({ id })), request) : null) }],
    });
    const t = await createTestContext({ GITHUB_TOKEN: TEST_TOKEN });
    try {
      t.context.config = { ...t.context.config, github: githubConfig(github.baseUrl) };
      const first = await openGithubApi(t.context, { retryBaseMs: 5 });
      assert.deepEqual(await first.getAll('/repos/acme/service-001/deployments?per_page=2', { reduce: (d) => (d as { id: number }).id }), [0, 1, 2, 3, 4]);
      assert.equal(first.counters.requests, 3);
      const data = await first.graphql<{ rateLimit: { cost: number }; repository: { name: string } }>('query($n: String!) { rateLimit { cost } repository(owner: "acme", name: $n) { name } }', { n: 'service-002' });
      assert.equal(data.repository.name, 'service-002');
      assert.equal(first.counters.graphqlPoints, 1);
      assert.equal(await first.get('/repos/acme/nope/deployments'), null);
      await first.save();

      const second = await openGithubApi(t.context, { retryBaseMs: 5 });
      github.requests.length = 0;
      assert.equal((await second.getAll('/repos/acme/service-001/deployments?per_page=2'))?.length, 5);
      assert.equal(second.counters.notModified, 3, 'every page answered 304 from the saved cache');
      assert.equal(github.points().core, 0);
      assert.ok(github.requests.every((r) => r.authenticated));
      const { readFile, readdir } = await import('node:fs/promises');
      for (const file of await readdir(t.context.cacheDir)) assert.ok(!(await readFile(`${t.context.cacheDir}/${file}`, 'utf8')).includes(TEST_TOKEN));
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('without a token it refuses with what to do, before any request', async () => {
    const t = await createTestContext({});
    try {
      t.context.config = { ...t.context.config, github: githubConfig('http://127.0.0.1:9') };
      await assert.rejects(openGithubApi(t.context), (error: unknown) => error instanceof GithubUnavailable && error.kind === 'auth' && /Set GITHUB_TOKEN/.test(error.fix));
    } finally {
      await t.remove();
    }
  });
});
