import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { indexSite, searchPartOf } from './pagefind-index.ts';

async function site(pages: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-pagefind-'));
  await writeFile(path.join(dir, 'index.html'), '<html lang="en"><body><h1>Home</h1></body></html>');
  for (let i = 0; i < pages; i++) {
    await mkdir(path.join(dir, 'catalog', `e${i}`), { recursive: true });
    await writeFile(path.join(dir, 'catalog', `e${i}`, 'index.html'), `<html lang="en"><body><main data-pagefind-body><h1>Entity ${i}</h1><p>shared word alpha${i}</p></main></body></html>`);
  }
  return dir;
}

const entryPages = (bundle: string) => (JSON.parse(readFileSync(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }).languages.en.page_count;

test('a small site is one search bundle, with an empty list of parts', async () => {
  const dir = await site(5);
  const report = await indexSite(dir);
  assert.equal(report.parts, 1);
  assert.equal(report.pages, 5, 'only pages with data-pagefind-body are indexed');
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'pagefind', 'parts.json'), 'utf8')), { bundles: [] });
});

test('a large site is indexed in parts, every indexed page in exactly one, listed for the browser to merge', async () => {
  const dir = await site(30);
  const report = await indexSite(dir, { partPages: 10 });
  assert.equal(report.parts, 4, '31 pages at 10 a part');
  const { bundles } = JSON.parse(readFileSync(path.join(dir, 'pagefind', 'parts.json'), 'utf8')) as { bundles: string[] };
  assert.deepEqual(bundles, ['part-2/', 'part-3/', 'part-4/']);
  const counts = ['', ...bundles].map((b) => entryPages(path.join(dir, 'pagefind', b)));
  assert.equal(counts.reduce((a, b) => a + b, 0), 30);
  assert.ok(counts.every((c) => c > 0), `an empty part: ${counts}`);
  assert.equal(report.pages, 30);
  for (const b of bundles) assert.ok(existsSync(path.join(dir, 'pagefind', b, 'pagefind.js')));
});

test('the part of a page depends only on its path and the number of parts', () => {
  assert.equal(searchPartOf('catalog/x/index.html', 7), searchPartOf('catalog/x/index.html', 7));
  const seen = new Set(Array.from({ length: 200 }, (_, i) => searchPartOf(`catalog/e${i}/index.html`, 5)));
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
});

test('a catalog is indexed from its records, several entities a page past the group size, with its docs pages', async () => {
  const dir = await site(3); // rendered entity pages: not read, the records are
  await mkdir(path.join(dir, 'docs', 'default', 'component', 'e1'), { recursive: true });
  await writeFile(path.join(dir, 'docs', 'default', 'component', 'e1', 'index.html'), '<html lang="en"><body><main data-pagefind-body><h1>Guide</h1><p>setup steps</p></main></body></html>');
  await mkdir(path.join(dir, 'docs', 'default', 'component', 'e1', 'versions', 'v1'), { recursive: true });
  await writeFile(path.join(dir, 'docs', 'default', 'component', 'e1', 'versions', 'v1', 'index.html'), '<html lang="en"><body><main><h1>Old guide</h1></main></body></html>');
  const records = Array.from({ length: 7 }, (_, i) => ({
    ref: `component:default/r${i}`, kind: 'Component', namespace: 'default', name: `r${i}`, title: `R ${i}`, path: `catalog/default/component/r${i}/`,
    links: {}, entity: { apiVersion: 'v1', kind: 'Component', metadata: { name: `r${i}` } }, source: { file: 'x', line: 1, column: 1 }, problems: [], collectedAt: '2026-01-01T00:00:00Z',
  }));
  const report = await indexSite(dir, { entities: { records, catalogSize: 7, titleOf: (r) => r, groupSize: 3 } });
  assert.equal(report.entities, 7);
  assert.equal(report.groupSize, 3);
  assert.equal(report.pages, 3 + 1, '7 entities in pages of 3, and the default docs version (not v1, not the rendered entity pages)');
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'pagefind', 'parts.json'), 'utf8')), { bundles: [], groupSize: 3 });
  const split = await indexSite(dir, { partPages: 2, entities: { records, catalogSize: 7, titleOf: (r) => r, groupSize: 3 } });
  assert.equal(split.parts, 2, '3 entity search pages at 2 a part (docs pages join the parts by hash: the count of entities decides)');
  assert.equal(split.pages, 4);
});
