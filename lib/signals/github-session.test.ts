import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, githubConfig, TEST_TOKEN } from '../../collectors/github/testing/test-context.ts';
import { openGithubSession } from './github-session.ts';

test('without a token a signal collector sends no request and says which variable to set', async () => {
  const t = await createTestContext({});
  try {
    // Nothing listens on this port: a request would fail differently from the refusal asserted here.
    const context = { ...t.context, config: { ...t.context.config, source: 'github' as const, github: githubConfig('http://127.0.0.1:9') } };
    await assert.rejects(openGithubSession(context), /GITHUB_TOKEN is not set; to fix: Set GITHUB_TOKEN to a token that can read acme's repositories/);
    const session = await openGithubSession({ ...context, env: { GITHUB_TOKEN: TEST_TOKEN } });
    assert.equal(session?.webUrl, 'http://127.0.0.1:9');
    assert.equal(session?.counters.requests, 0);
    assert.equal(await openGithubSession({ ...context, config: { ...context.config, source: 'local' } }), undefined, 'a local catalog reads exports, not the API');
  } finally {
    await t.remove();
  }
});
