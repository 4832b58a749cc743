// The docs collector on real files: a git repository with tags made by the test, mkdocs.yml with
// INHERIT and nested nav, and the paths a hostile repository would try.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { collectLocalDocs, docsConfig, parseTechdocsRef } from './collector.ts';
import { readMkdocsConfig } from './mkdocs-config.ts';
import { folderTree, insideRepository } from './tree.ts';
import { folderNav, editBase, unsafeSvg } from './site.ts';
import { makeDocsOrg } from '../../tests/docs/docs-org.ts';
import type { DocsProblem } from '../../lib/docs/records.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'docs-collector-'));
  await makeDocsOrg(dir);
});
after(() => rm(dir, { recursive: true, force: true }));

const noAssets = { async write() {} };

test('techdocs-ref: dir: and url: to a repository of the organisation; anything else is a clear error', () => {
  assert.deepEqual(parseTechdocsRef('dir:.'), { dir: '.' });
  assert.deepEqual(parseTechdocsRef('dir:./website'), { dir: './website' });
  assert.deepEqual(parseTechdocsRef('url:https://github.com/acme/handbook/tree/main/docs'), { repository: 'handbook', dir: 'docs' });
  assert.deepEqual(parseTechdocsRef('url:https://github.com/acme/handbook'), { repository: 'handbook', dir: '.' });
  assert.match((parseTechdocsRef('s3:bucket') as { error: string }).error, /must start with dir: or url:/);
});

test('the default branch and the newest release tags matching the pattern become versions, dates from git', async () => {
  const docs = await collectLocalDocs({ ref: 'component:default/handbook-service', repositoryRoot: path.join(dir, 'handbook-service'), dir: '.', config: docsConfig({}), assets: noAssets, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
  assert.deepEqual(docs.versions.map((v) => [v.label, v.slug, v.isDefault]), [['main', '', true], ['v2.0.0', 'v2.0.0', false], ['v1.0.0', 'v1.0.0', false]]);
  const [main, v2, v1] = docs.versions;
  assert.equal(main.siteName, 'Handbook', 'site_name of mkdocs.yml wins over the INHERITed one');
  assert.equal(main.editBase, 'https://github.com/acme/handbook-service/edit/main/docs/', 'repo_url from the INHERITed file');
  assert.equal(main.pages.find((p) => p.path === 'guides/internals.md')?.lastUpdated?.at, '2024-06-01T08:30:00+00:00');
  assert.equal(v2.pages.find((p) => p.path === 'guides/internals.md')?.lastUpdated?.at, '2024-01-10T10:00:00+00:00');
  assert.match(v1.pages.find((p) => p.path === 'index.md')!.markdown, /first release/);
  assert.deepEqual(Object.keys(main.assets), ['img/pixel.png']);
  assert.deepEqual(Object.keys(v1.assets), []);
  assert.deepEqual(main.nav, [
    { title: 'Home', page: 'index.md' },
    { title: 'Guides', children: [{ title: 'Setting up', page: 'guides/setup.md' }, { title: 'Deep', children: [{ title: 'Internals', page: 'guides/internals.md' }] }] },
  ]);
  const limited = await collectLocalDocs({ ref: 'x', repositoryRoot: path.join(dir, 'handbook-service'), dir: '.', config: docsConfig({ docs: { versions: { tags: 'v1*', last: 5 } } }), assets: noAssets, collectedAt: 'now', descriptorFile: 'c' });
  assert.deepEqual(limited.versions.map((v) => v.label), ['main', 'v1.0.0']);
});

test('the hostile repository: symlinks out, the 10 MB page, the SVG with a script and invalid mkdocs.yml are problems; the rest is read', async () => {
  const docs = await collectLocalDocs({ ref: 'component:default/hostile-service', repositoryRoot: path.join(dir, 'hostile-service'), dir: '.', config: docsConfig({}), assets: noAssets, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
  const [version] = docs.versions;
  assert.deepEqual(version.pages.map((p) => p.path), ['index.md']);
  const said = version.problems.map((p) => `${p.file}:${p.line} ${p.message}`);
  assert.ok(said.some((s) => /^mkdocs\.yml:\d+ mkdocs\.yml is not valid YAML/.test(s)), said.join('\n'));
  assert.ok(said.includes('docs/passwd.md:1 not published: a symbolic link that points outside the repository'));
  assert.ok(said.includes('docs/secret.md:1 not published: a symbolic link that points outside the repository'));
  assert.ok(said.includes('docs/evil.svg:1 not published: it contains a <script> element'));
  assert.ok(said.includes('docs/huge.md:1 not published: 10.0 MB is over the 1 MB limit for a page; split it'));
  assert.equal(version.lastUpdatedFrom, 'not a git repository');
});

test('paths out of the repository are refused: techdocs-ref, docs_dir, INHERIT, nav entries', async () => {
  const repo = path.join(dir, 'escape');
  await mkdir(path.join(repo, 'docs'), { recursive: true });
  await writeFile(path.join(repo, 'docs/index.md'), '# Hi\n');
  const out = await collectLocalDocs({ ref: 'x', repositoryRoot: repo, dir: '../handbook-service', config: docsConfig({}), assets: noAssets, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
  assert.deepEqual(out.versions, []);
  assert.match(out.problems[0].message, /"\.\.\/handbook-service" leaves the repository; refused/);
  await writeFile(path.join(repo, 'mkdocs.yml'), 'site_name: X\nINHERIT: ../../etc/mkdocs.yml\nnav:\n  - Home: index.md\n  - Out: ../../secret.md\n  - Gone: gone.md\n  - Script: "javascript:alert(1)"\n');
  const problems: DocsProblem[] = [];
  const read = await readMkdocsConfig(folderTree(repo), '', problems);
  assert.equal(read?.config.docsDir, 'docs');
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [
    [2, 'INHERIT: "../../etc/mkdocs.yml" leaves the repository; it is ignored'],
    [5, 'nav entry "../../secret.md" leaves the docs folder; refused'],
    [7, 'nav link "javascript:alert(1)" is not http(s); left out'],
  ]);
  await writeFile(path.join(repo, 'mkdocs.yml'), 'docs_dir: ../../\n');
  const escaped: DocsProblem[] = [];
  assert.equal(await readMkdocsConfig(folderTree(repo), '', escaped), undefined);
  assert.match(escaped[0].message, /docs_dir: "\.\.\/\.\.\/" leaves the repository; refused/);
  const site = await collectLocalDocs({ ref: 'x', repositoryRoot: repo, dir: '.', config: docsConfig({}), assets: noAssets, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
  assert.deepEqual(site.versions[0].pages.map((p) => p.path), ['index.md'], 'falls back to the docs folder');
  await writeFile(path.join(repo, 'mkdocs.yml'), 'nav:\n  - Home: index.md\n  - Gone: gone.md\n');
  const gone = await collectLocalDocs({ ref: 'x', repositoryRoot: repo, dir: '.', config: docsConfig({}), assets: noAssets, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
  assert.deepEqual(gone.versions[0].problems.map((p) => `${p.file}:${p.line} ${p.message}`), ['mkdocs.yml:3 nav names "gone.md", which is not a page in docs']);
});

test('a symbolic link inside the repository is read; one to a folder is not followed', async () => {
  const repo = path.join(dir, 'links');
  await mkdir(path.join(repo, 'docs/sub'), { recursive: true });
  await writeFile(path.join(repo, 'docs/index.md'), '# Hi\n');
  await symlink(path.join(repo, 'docs/index.md'), path.join(repo, 'docs/alias.md'));
  await symlink(path.join(repo, 'docs/sub'), path.join(repo, 'docs/loop'));
  const { files, refused } = await folderTree(repo).list('docs');
  assert.deepEqual(files.map((f) => f.path), ['docs/alias.md', 'docs/index.md']);
  assert.deepEqual(refused, [{ path: 'docs/loop', reason: 'a symbolic link to a folder (not followed)' }]);
});

test('helpers: repository-relative paths, folder order, edit links, unsafe SVG', () => {
  assert.equal(insideRepository('docs/../docs/a.md'), 'docs/a.md');
  assert.equal(insideRepository('../a'), undefined);
  assert.equal(insideRepository('/etc/passwd'), undefined);
  assert.equal(insideRepository('C:/x'), undefined);
  const titles = new Map([['index.md', 'Home'], ['b.md', 'B'], ['a.md', 'A'], ['guide/README.md', 'Guide'], ['guide/x.md', 'X']]);
  assert.deepEqual(folderNav([...titles.keys()], titles), [
    { title: 'Home', page: 'index.md' }, { title: 'A', page: 'a.md' }, { title: 'B', page: 'b.md' },
    { title: 'Guide', children: [{ title: 'Guide', page: 'guide/README.md' }, { title: 'X', page: 'guide/x.md' }] },
  ]);
  assert.equal(editBase('https://github.com/a/b/', undefined, 'docs', 'trunk'), 'https://github.com/a/b/edit/trunk/docs/');
  assert.equal(editBase('https://github.com/a/b', 'edit/main/site/docs', 'x', 'main'), 'https://github.com/a/b/edit/main/site/docs/');
  assert.equal(editBase('javascript:alert(1)', undefined, 'docs', 'main'), undefined);
  assert.equal(editBase('https://github.com/a/b', '', 'docs', 'main'), undefined);
  assert.match(unsafeSvg('<svg onload="x()"/>')!, /event handler/);
  assert.match(unsafeSvg('<svg><a href="javascript:x"/></svg>')!, /javascript/);
  assert.match(unsafeSvg('<svg><image href="https://evil.example/x.png"/></svg>')!, /another site/);
  assert.equal(unsafeSvg('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'), undefined);
});
