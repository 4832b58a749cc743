// The stand-in's own behaviour that other concerns build on: route patterns, added routes sharing
// ETags, pagination and rate-limit accounts, a spent account refusing until its reset, bad tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateRepositories, startGithubStandIn } from './github-stand-in.ts';
import { matchRoute } from './routes/route.ts';

describe('the GitHub stand-in', () => {
  it('matches :segment and *rest patterns, decoding values', () => {
    assert.deepEqual(matchRoute('/repos/:owner/:repo', '/repos/acme/x'), { owner: 'acme', repo: 'x' });
    assert.equal(matchRoute('/repos/:owner/:repo', '/repos/acme/x/languages'), null);
    assert.deepEqual(matchRoute('/repos/:owner/:repo/contents/*path', '/repos/acme/x/contents/docs/a%20b.md'), { owner: 'acme', repo: 'x', path: 'docs/a b.md' });
    assert.deepEqual(matchRoute('/repos/:owner/:repo/contents/*path', '/repos/acme/x/contents'), { owner: 'acme', repo: 'x', path: '' });
  });

  it('serves a route added from outside with ETags, Link pagination and the shared rate account', async () => {
    const standIn = await startGithubStandIn({
      org: 'acme',
      repositories: generateRepositories(3, 'acme'),
      routes: [
        {
          method: 'GET',
          path: '/repos/:owner/:repo/deployments',
          handle: (request, world) => {
            const repository = world.repository(request.params);
            return repository ? world.paginate([1, 2, 3].map((id) => ({ id, ref: repository.name })), request) : null;
          },
        },
        { method: 'POST', path: '/orgs/:org/repos', handle: (request) => ({ status: 201, body: { name: (request.body as { name: string }).name } }) },
      ],
    });
    try {
      const first = await fetch(`${standIn.baseUrl}/repos/acme/service-002/deployments?per_page=2`);
      assert.equal(first.status, 200);
      assert.deepEqual(await first.json(), [{ id: 1, ref: 'service-002' }, { id: 2, ref: 'service-002' }]);
      assert.match(first.headers.get('link') ?? '', /page=2>; rel="next"/);
      const again = await fetch(`${standIn.baseUrl}/repos/acme/service-002/deployments?per_page=2`, { headers: { 'if-none-match': first.headers.get('etag')! } });
      assert.equal(again.status, 304);
      assert.equal((await fetch(`${standIn.baseUrl}/repos/other/service-002/deployments`)).status, 404);
      const created = await fetch(`${standIn.baseUrl}/orgs/acme/repos`, { method: 'POST', body: JSON.stringify({ name: 'new-one' }) });
      assert.equal(created.status, 201);
      assert.deepEqual(standIn.requests.at(-1)?.body, { name: 'new-one' });
      assert.equal(standIn.points().core, 3, 'the 304 was free, the 404 and the POST cost one each');
    } finally {
      await standIn.close();
    }
  });

  it('refuses with the primary-limit 403 once an account is spent, until the window resets', async () => {
    const standIn = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(1, 'acme'), rateLimit: { core: 2 }, rateWindowSeconds: 1 });
    try {
      const get = () => fetch(`${standIn.baseUrl}/repos/acme/service-001`, { headers: { authorization: 'token x' } });
      assert.equal((await get()).status, 200);
      assert.equal((await get()).status, 200);
      const refused = await get();
      assert.equal(refused.status, 403);
      assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
      const reset = Number(refused.headers.get('x-ratelimit-reset'));
      assert.ok(reset * 1000 > Date.now() - 1000);
      await new Promise((resolve) => setTimeout(resolve, reset * 1000 - Date.now() + 50));
      assert.equal((await get()).status, 200);
    } finally {
      await standIn.close();
    }
  });

  it('answers 401 Bad credentials to a token it was not given', async () => {
    const standIn = await startGithubStandIn({ org: 'acme', repositories: [], token: 'right' });
    try {
      const wrong = await fetch(`${standIn.baseUrl}/orgs/acme/repos`, { headers: { authorization: 'token wrong' } });
      assert.equal(wrong.status, 401);
      assert.equal(((await wrong.json()) as { message: string }).message, 'Bad credentials');
      assert.equal((await fetch(`${standIn.baseUrl}/orgs/acme/repos`, { headers: { authorization: 'Bearer right' } })).status, 200);
    } finally {
      await standIn.close();
    }
  });
});
