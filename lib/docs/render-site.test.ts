// Links between docs pages: relative links and images become portal URLs, and every way a link can
// break (missing page, missing heading on another page, leaving the docs folder) is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDocsVersion, resolveDocsLink } from './render-site.ts';
import type { DocsRecord, DocsVersion } from './records.ts';
import { pageSlug, docsRoot } from './urls.ts';

const context = { pageSet: new Set(['index.md', 'guide/setup.md', 'guide/index.md']), assets: { 'img/a.png': { file: 'abc.png', bytes: 1 } }, root: 'docs/default/component/x/', base: '/portal/', imageHosts: ['img.shields.io'] };
const link = (url: string, from = 'guide/setup.md', kind: 'link' | 'image' = 'link') => resolveDocsLink({ url, kind, line: 1 }, from, context);

test('relative links to pages, folders and images become portal URLs', () => {
  assert.deepEqual(link('../index.md'), { href: '/portal/docs/default/component/x/', target: { page: 'index.md', anchor: undefined } });
  assert.deepEqual(link('setup.md#install'), { href: '/portal/docs/default/component/x/guide/setup/#install', target: { page: 'guide/setup.md', anchor: 'install' } });
  assert.deepEqual(link('./', 'guide/setup.md'), { href: '/portal/docs/default/component/x/guide/', target: { page: 'guide/index.md', anchor: undefined } });
  assert.deepEqual(link('../img/a.png', 'guide/setup.md', 'image'), { href: '/portal/docs-assets/abc.png' });
  assert.deepEqual(link('https://img.shields.io/badge.svg', 'index.md', 'image'), { href: 'https://img.shields.io/badge.svg' });
  assert.deepEqual(link('https://example.com/x'), { href: 'https://example.com/x' });
});

test('broken and unsafe targets are dropped with the reason', () => {
  assert.match((link('missing.md') as { drop: string }).drop, /no page guide\/missing\.md/);
  assert.match((link('../../outside.md') as { drop: string }).drop, /leaves the docs folder/);
  assert.match((link('/etc/passwd') as { drop: string }).drop, /absolute path/);
  assert.match((link('img/nope.png', 'index.md', 'image') as { drop: string }).drop, /not an image in the docs folder/);
  assert.match((link('https://tracker.example/p.gif', 'index.md', 'image') as { drop: string }).drop, /docs\.imageHosts/);
  assert.match((link('vbscript:x') as { drop: string }).drop, /only http\(s\) and mailto/);
});

test('a version renders every page, checks anchors across pages and orders pages by the nav', async () => {
  const version: DocsVersion = {
    slug: 'v1', label: 'v1', isDefault: false, siteName: 'X', lastUpdatedFrom: 'git log v1', assets: {}, problems: [],
    nav: [{ title: 'Setup', page: 'setup.md' }, { title: 'Home', page: 'index.md' }],
    pages: [
      { path: 'index.md', repoPath: 'docs/index.md', markdown: '# Home\n\n[ok](setup.md#install) [bad](setup.md#nope)' },
      { path: 'setup.md', repoPath: 'docs/setup.md', markdown: '# Setup\n\n## Install\n\n[home](index.md)' },
      { path: 'orphan.md', repoPath: 'docs/orphan.md', markdown: 'No heading' },
    ],
  };
  const record: DocsRecord = { ref: 'component:default/x', versions: [version], problems: [], collectedAt: 'now', source: 'repos/x' };
  const site = await renderDocsVersion(record, version, { base: '/' });
  assert.deepEqual(site.order.map((p) => p.path), ['setup.md', 'index.md', 'orphan.md']);
  assert.deepEqual(site.problems.map((p) => `${p.file}:${p.line} ${p.message}`), ['repos/x/docs/index.md:3 broken link: setup.md has no heading "#nope"']);
  assert.equal(site.byPath.get('setup.md')!.url, 'docs/default/component/x/versions/v1/setup/');
  assert.equal(site.byPath.get('orphan.md')!.title, 'orphan.md');
  assert.equal(pageSlug('guide/README.md'), 'guide/');
  assert.equal(docsRoot('Component:Default/My-Service'), 'docs/default/component/my-service/');
});
