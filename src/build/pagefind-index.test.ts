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

test('graph views of a system are not counted towards a part, nor indexed', async () => {
  const dir = await site(8);
  for (let i = 0; i < 18; i++) {
    const view = path.join(dir, 'catalog', 'default', 'system', 'shop', 'graph', `v${i}`);
    await mkdir(view, { recursive: true });
    await writeFile(path.join(view, 'index.html'), `<html lang="en"><body><main><h1>Graph view ${i}</h1></main></body></html>`);
  }
  const whole = await indexSite(dir, { partPages: 10 });
  assert.equal(whole.parts, 1, '9 pages at 10 a part: the 18 views do not count');
  assert.equal(whole.pages, 8);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'pagefind', 'parts.json'), 'utf8')), { bundles: [] });
  const split = await indexSite(dir, { partPages: 4 });
  assert.equal(split.parts, 3, '9 pages at 4 a part');
  assert.equal(split.scanned, 9, 'the parts are not handed the views');
  assert.equal(split.pages, 8);
});
