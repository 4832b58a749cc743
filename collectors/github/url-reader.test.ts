import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openGithubApi } from './api.ts';
import { startGithubStandIn } from './testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN } from './testing/test-context.ts';
import { createGithubUrlReader } from './url-reader.ts';

test('the GitHub URL reader reads web URLs of its organisation through the API (authenticated, cached, counted) and claims no others', async () => {
  const github = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'specs', files: { 'openapi.yaml': 'openapi: 3.0.0\n' } }] });
  const t = await createTestContext({ GITHUB_TOKEN: TEST_TOKEN });
  try {
    t.context.config = { ...t.context.config, github: githubConfig(github.baseUrl) };
    const api = await openGithubApi(t.context, { retryBaseMs: 5 });
    const reader = createGithubUrlReader(api);
    const blob = new URL(`${github.webUrl}/acme/specs/blob/main/openapi.yaml`);
    assert.equal(reader.handles(blob), true);
    assert.equal(reader.handles(new URL(`${github.webUrl}/other-org/specs/blob/main/openapi.yaml`)), false);
    assert.equal(reader.handles(new URL('https://example.com/acme/specs/blob/main/openapi.yaml')), false);
    assert.equal(await reader.read(blob, { maxBytes: 1024 }), 'openapi: 3.0.0\n');
    assert.equal(await reader.read(new URL(`${github.webUrl}/acme/specs/blob/main/missing.yaml`), { maxBytes: 1024 }), null);
    await assert.rejects(reader.read(blob, { maxBytes: 4 }), /over the limit of 4 \(github\.maxFileBytes\)/);
    assert.equal(api.counters.requests, 3);
    assert.ok(github.requests.every((r) => r.authenticated && r.path.startsWith('/repos/acme/specs/contents/')));
    await api.save();
    const again = createGithubUrlReader(await openGithubApi(t.context, { retryBaseMs: 5 }));
    github.requests.length = 0;
    assert.equal(await again.read(blob, { maxBytes: 1024 }), 'openapi: 3.0.0\n');
    assert.equal(github.requests[0]?.status, 304, 'answered from the saved ETag');
  } finally {
    await github.close();
    await t.remove();
  }
});
