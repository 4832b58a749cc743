// The docs preview workflow's comment step, run as the workflow runs it (`backlot docs comment`)
// against the GitHub stand-in: the first run creates the comment, the second updates the same one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startGithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import { MARKER, previewCommentBody } from './comment.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../cli/backlot.ts', import.meta.url));

test('first run creates one comment, the next run updates it: list + create, then list + update', { timeout: 60_000 }, async () => {
  const standIn = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'handbook', files: {} }], token: 'ghs_test' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docs-comment-'));
  try {
    const report = path.join(dir, 'docs-preview.json');
    const env = { ...process.env, GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'acme/handbook', PR_NUMBER: '7', GITHUB_API_URL: standIn.baseUrl, GITHUB_SHA: 'a'.repeat(40) };
    const comment = async (problems: unknown[]) => {
      await writeFile(report, JSON.stringify({ pages: 3, entry: '/pr-7/docs/default/component/handbook/', problems }));
      return run(process.execPath, [CLI, 'docs', 'comment', '--report', report, '--url', 'https://acme.github.io/portal/pr-7/docs/default/component/handbook/'], { env });
    };
    const first = await comment([{ severity: 'warning', file: 'docs/a.md', line: 5, message: 'broken link: "b.md" — no page b.md in the docs' }]);
    assert.match(first.stdout, /docs preview comment created \(id 1\)/);
    const second = await comment([]);
    assert.match(second.stdout, /docs preview comment updated \(id 1\)/);
    const calls = standIn.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
    assert.deepEqual(calls, [
      'GET /repos/acme/handbook/issues/7/comments 200',
      'POST /repos/acme/handbook/issues/7/comments 201',
      'GET /repos/acme/handbook/issues/7/comments 200',
      'PATCH /repos/acme/handbook/issues/comments/1 200',
    ]);
    const listed = (await (await fetch(`${standIn.baseUrl}/repos/acme/handbook/issues/7/comments`, { headers: { authorization: 'token ghs_test' } })).json()) as { body: string }[];
    assert.equal(listed.length, 1);
    assert.match(listed[0].body, /No broken links, no problems\./);
    assert.ok(listed[0].body.startsWith(MARKER));
  } finally {
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('problems from the repository are fenced text: no mention, link or HTML from a docs file becomes markup', () => {
  const body = previewCommentBody({ pages: 1, entry: '/', problems: [{ severity: 'warning', file: 'docs/x.md', line: 1, message: 'broken link: "```\n@everyone <img src=x onerror=alert(1)> [click](javascript:alert(1))"' }] }, undefined, 'not a sha; rm -rf');
  const fence = /\n(`{4,})text\n([\s\S]*?)\n\1(\n|$)/.exec(body);
  assert.ok(fence, body);
  assert.match(fence[2], /@everyone <img src=x onerror=alert\(1\)>/);
  assert.equal(fence[2].split('\n').length, 1, 'a line break in a message cannot end the fence');
  assert.doesNotMatch(body.replace(fence[0], ''), /@everyone|onerror|javascript:|rm -rf/);
  assert.match(body, /attached to the workflow run as an artifact/);
});
