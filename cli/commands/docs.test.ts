// `backlot docs preview` renders one repository's docs under a PR's base path, with the problems
// written beside them for the preview workflow's comment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDocsOrg } from '../../tests/docs/docs-org.ts';

const CLI = fileURLToPath(new URL('../backlot.ts', import.meta.url));
let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'docs-preview-'));
  await makeDocsOrg(path.join(dir, 'org'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('docs preview <repo> --out --base: the pages under the base, links rewritten to it, problems in docs-preview.json', { timeout: 180_000 }, () => {
  const out = path.join(dir, 'preview');
  // Run from another folder than the portal's: a service repository's workflow does that.
  const result = spawnSync(process.execPath, [CLI, 'docs', 'preview', path.join(dir, 'org', 'handbook-service'), '--out', out, '--base', '/pr-42/'], { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /^docs\/guides\/internals\.md:5: warning: broken link: "nowhere\.md"/m);
  assert.match(result.stdout, /3 pages, 0 errors, 2 warnings/);
  // The owner (group:docs-team) is in another repository: a one-repository preview does not call it dangling.
  assert.doesNotMatch(result.stdout + result.stderr, /dangling-reference|not in the catalog/);
  const report = JSON.parse(readFileSync(path.join(out, 'docs-preview.json'), 'utf8'));
  assert.equal(report.entry, '/pr-42/docs/default/component/handbook-service/');
  assert.equal(report.pages, 3);
  assert.deepEqual(report.problems.map((p: { file: string; line: number }) => `${p.file}:${p.line}`), ['docs/guides/internals.md:5', 'docs/guides/internals.md:5']);
  const home = readFileSync(path.join(out, 'docs/default/component/handbook-service/index.html'), 'utf8');
  assert.match(home, /href="\/pr-42\/docs\/default\/component\/handbook-service\/guides\/setup\/#install"/);
  assert.match(home, /src="\/pr-42\/docs-assets\/[0-9a-f]{64}\.png"/);
  assert.ok(existsSync(path.join(out, 'docs/default/component/handbook-service/guides/internals/index.html')));
});

test('docs preview --cache-dir: a second run reuses every unchanged page and writes the same pages', { timeout: 180_000 }, () => {
  const cache = path.join(dir, 'render-cache');
  const run = (out: string) => spawnSync(process.execPath, [CLI, 'docs', 'preview', path.join(dir, 'org', 'handbook-service'), '--out', out, '--cache-dir', cache], { cwd: dir, encoding: 'utf8' });
  const first = run(path.join(dir, 'cached-1'));
  assert.equal(first.status, 0, first.stderr + first.stdout);
  // Every page of every version: the default branch (3 pages) and two release tags (3 each).
  assert.match(first.stdout, /render cache: 0 pages reused, 9 rendered/);
  const second = run(path.join(dir, 'cached-2'));
  assert.match(second.stdout, /render cache: 9 pages reused, 0 rendered/);
  assert.match(second.stdout, /3 pages, 0 errors, 2 warnings/, 'the broken links are still reported from the cache');
  const page = 'docs/default/component/handbook-service/index.html';
  assert.equal(readFileSync(path.join(dir, 'cached-2', page), 'utf8'), readFileSync(path.join(dir, 'cached-1', page), 'utf8'));
});

test('docs preview fails clearly without a descriptor, and on a wrong base', () => {
  const noDescriptor = spawnSync(process.execPath, [CLI, 'docs', 'preview', dir], { cwd: dir, encoding: 'utf8' });
  assert.equal(noDescriptor.status, 1);
  assert.match(noDescriptor.stderr, /no catalog-info\.yaml in .*; add one with the annotation backstage\.io\/techdocs-ref: dir:\./);
  const badBase = spawnSync(process.execPath, [CLI, 'docs', 'preview', dir, '--base', 'pr-1'], { cwd: dir, encoding: 'utf8' });
  assert.equal(badBase.status, 2);
  // A base is written into every page's URLs, attributes and a script: markup in it is refused.
  for (const hostile of ['/x"><script>alert(1)</script>/', "/a'b/", '/a b/', '/%3Cscript%3E/']) {
    const refused = spawnSync(process.execPath, [CLI, 'docs', 'preview', dir, '--base', hostile], { cwd: dir, encoding: 'utf8' });
    assert.equal(refused.status, 2, hostile);
    assert.match(refused.stderr, /--base must be a URL path that starts with \//);
  }
});
