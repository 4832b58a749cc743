// `backlot lint` in a service repository reports its docs' problems with file:line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { makeDocsOrg } from '../../tests/docs/docs-org.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../cli/backlot.ts', import.meta.url));
let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'docs-lint-'));
  await makeDocsOrg(dir);
});
after(() => rm(dir, { recursive: true, force: true }));

async function lint(repo: string, ...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'lint', ...args], { cwd: path.join(dir, repo) });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

test('backlot lint reports broken docs links (page, heading) with file:line, as warnings', async () => {
  const { code, stdout } = await lint('handbook-service');
  assert.equal(code, 0);
  assert.match(stdout, /^docs\/guides\/internals\.md:5:1: warning: broken link: "nowhere\.md" — no page guides\/nowhere\.md in the docs \(docs-broken-link\) \[component:default\/handbook-service\]$/m);
  assert.match(stdout, /^docs\/guides\/internals\.md:5:1: warning: broken link: guides\/setup\.md has no heading "#no-such-heading"/m);
});

test('backlot lint fails on an invalid mkdocs.yml and names each refused file; --no-docs skips the check', async () => {
  const { code, stdout } = await lint('hostile-service');
  assert.equal(code, 1);
  assert.match(stdout, /^mkdocs\.yml:\d+:1: error: mkdocs\.yml is not valid YAML/m);
  assert.match(stdout, /^docs\/passwd\.md:1:1: warning: not published: a symbolic link that points outside the repository/m);
  assert.match(stdout, /^docs\/index\.md:3:1: warning: <script> removed/m);
  const skipped = await lint('hostile-service', '--no-docs');
  assert.equal(skipped.code, 0);
  assert.doesNotMatch(skipped.stdout, /docs\//);
});
