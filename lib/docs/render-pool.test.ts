// A large site (1,000+ pages; 100 here) renders on worker threads beside the main thread (render-pool.ts): the written
// preview must be byte for byte the one a single thread writes, problems and page order included,
// and the render cache filled by the pool must answer like one filled in one thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocsPage, DocsRecord, DocsVersion, NavItem } from './records.ts';
import { createRenderPool } from './render-pool.ts';
import { renderDocsVersion } from './render-site.ts';
import { createRenderCache } from './render-cache.ts';
import { writePreviewSite } from '../docs-preview/write-site.ts';
import { corpusPage, corpusPagePath } from '../../bench/docs-corpus.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Corpus pages plus the example organisation's docs (tabs, admonitions, Mermaid, several languages) and broken links. */
function bigVersion(): DocsVersion {
  const total = 120;
  const pages: DocsPage[] = Array.from({ length: total }, (_, i) => ({ path: corpusPagePath(i), repoPath: `docs/${corpusPagePath(i)}`, markdown: corpusPage(i, total) }));
  for (const repo of ['shipment-service', 'architecture', 'tracking-gateway']) {
    const docs = path.join(root, 'examples/repos', repo, 'docs');
    for (const file of (readdirSync(docs, { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).sort()) {
      pages.push({ path: `examples/${repo}/${file}`, repoPath: `docs/examples/${repo}/${file}`, markdown: readFileSync(path.join(docs, file), 'utf8') });
    }
  }
  pages.push({ path: 'broken.md', repoPath: 'docs/broken.md', markdown: '# Broken\n\n[gone](nowhere.md) [anchor](index.md#no-such) <script>alert(1)</script> ![x](missing.png)\n' });
  const nav: NavItem[] = [{ title: 'Broken', page: 'broken.md' }, { title: 'Section', children: pages.slice(0, 30).map((p) => ({ title: p.path, page: p.path })) }];
  return { slug: 'main', label: 'main', isDefault: true, siteName: 'Big', lastUpdatedFrom: 'test', assets: {}, problems: [], nav, pages };
}

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of ((await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()))) {
    const file = path.join(f.parentPath, f.name);
    out.set(path.relative(dir, file), await readFile(file));
  }
  return out;
}

test('a preview rendered on worker threads is byte-identical to one rendered in one thread', { timeout: 120_000 }, async () => {
  const version = bigVersion();
  const record: DocsRecord = { ref: 'component:default/big', versions: [version], problems: [], collectedAt: 'now', source: 'repos/big' };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'backlot-render-pool-'));
  try {
    const common = { base: '/pr-3/', title: 'Preview', assetsDir: tmp, entities: new Map(), poolMinPages: 100 };
    const one = await writePreviewSite([record], { ...common, out: path.join(tmp, 'one'), threads: 1 });
    const pool = createRenderPool(1);
    let many;
    try {
      assert.equal(pool.workers, 1);
      many = await writePreviewSite([record], { ...common, out: path.join(tmp, 'many'), pool });
      assert.ok(pool.rendered.workers > 0 && pool.rendered.main > 0, `both threads rendered: ${JSON.stringify(pool.rendered)}`);
      assert.equal(pool.rendered.workers + pool.rendered.main, version.pages.length);
    } finally {
      await pool.close();
    }
    assert.deepEqual(many.problems, one.problems);
    assert.ok(one.problems.some((p) => /nowhere\.md/.test(p.message)) && one.problems.some((p) => /no heading "#no-such"/.test(p.message)), 'the broken links are reported');
    const [a, b] = [await filesOf(path.join(tmp, 'one')), await filesOf(path.join(tmp, 'many'))];
    assert.equal(one.pages, version.pages.length);
    assert.equal(many.pages, version.pages.length);
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    for (const [file, bytes] of a) assert.ok(bytes.equals(b.get(file)!), `${file} differs`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('the render cache filled through the pool answers the next run like one filled in one thread', { timeout: 120_000 }, async () => {
  const version = bigVersion();
  const record: DocsRecord = { ref: 'component:default/big', versions: [version], problems: [], collectedAt: 'now' };
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'backlot-render-pool-cache-'));
  const pool = createRenderPool(1);
  try {
    const single = await renderDocsVersion(record, version, { base: '/' });
    const cache = createRenderCache(tmp);
    const pooled = await renderDocsVersion(record, version, { base: '/', cache, pool, poolMinPages: 100 });
    assert.ok(pool.rendered.workers > 0, 'the worker rendered pages');
    assert.equal(cache.stats.misses, version.pages.length);
    const again = createRenderCache(tmp);
    const cached = await renderDocsVersion(record, version, { base: '/', cache: again });
    assert.equal(again.stats.hits, version.pages.length);
    for (const site of [pooled, cached]) {
      assert.deepEqual(site.pages, single.pages);
      assert.deepEqual(site.problems, single.problems);
      assert.deepEqual(site.order.map((p) => p.path), single.order.map((p) => p.path));
    }
  } finally {
    await pool.close();
    await rm(tmp, { recursive: true, force: true });
  }
});
