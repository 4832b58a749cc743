import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { writeCollectReport } from './collect-report.ts';
import { markdownText } from './markdown-text.ts';
import { summariseRun } from './run-summary.ts';

async function writeCatalog(contentDir: string, names: string[], extra: { stale?: string; hostile?: string } = {}) {
  await rm(path.join(contentDir, 'catalog'), { recursive: true, force: true });
  const folder = path.join(contentDir, 'catalog', 'entities', 'default', 'component');
  await mkdir(folder, { recursive: true });
  for (const name of names) {
    const record = {
      ref: `component:default/${name}`, kind: 'component', namespace: 'default', name,
      entity: { kind: 'Component', metadata: { name } }, source: { file: `${name}/catalog-info.yaml`, line: 1, column: 1 }, problems: [], collectedAt: '2026-11-30T00:00:00.000Z',
      repository: `acme/${name}`,
      ...(extra.stale === name ? { stale: { error: extra.hostile ?? 'HTTP 500', failedAt: '2026-11-30T00:00:00.000Z', lastSuccessAt: '2026-11-29T00:00:00.000Z' } } : {}),
    };
    await writeFile(path.join(folder, `${name}.json`), JSON.stringify(record));
  }
  await writeFile(path.join(contentDir, 'catalog', 'meta.json'), JSON.stringify({ origin: 'acme', countsByKind: { component: names.length } }));
  const problems = extra.hostile ? [{ severity: 'error', file: 'x/catalog-info.yaml', line: 3, column: 5, message: extra.hostile, rule: 'test' }] : [];
  await writeFile(path.join(contentDir, 'catalog', 'problems.json'), JSON.stringify(problems));
}

test('the summary counts entities, then new and removed ones against the previous run kept in the cache', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-summary-'));
  const contentDir = path.join(dir, 'content');
  const cacheDir = path.join(dir, 'cache');
  await writeCatalog(contentDir, ['a', 'b', 'c']);
  await writeCollectReport(contentDir, { startedAt: '', durationMs: 1200, exitCode: 0, collectors: [{ name: 'catalog', durationMs: 1200, items: 3, failures: [], stats: { requests: 7, rateLimitRemaining: 4993 } }] });
  const first = await summariseRun({ contentDir, cacheDir, buildSeconds: 12.34 });
  assert.equal(first.entities, 3);
  assert.match(first.markdown, /First run with this cache/);
  assert.match(first.markdown, /\| collect catalog \| 1\.2 s \| 3 items; requests=7, rateLimitRemaining=4993 \|/);
  assert.match(first.markdown, /\| build \| 12\.3 s \|/);

  await writeCatalog(contentDir, ['b', 'c', 'd', 'e'], { stale: 'c' });
  const second = await summariseRun({ contentDir, cacheDir });
  assert.deepEqual(second.added, ['component:default/d', 'component:default/e']);
  assert.deepEqual(second.removed, ['component:default/a']);
  assert.match(second.markdown, /\*\*2 new\*\*, \*\*1 removed\*\*/);
  assert.match(second.markdown, /Stale: 1 source keeps last good data/);
  assert.match(second.markdown, /`acme\/c` \| HTTP 500/);
});

test('the summary counts published files added, changed and removed since the last deploy', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-summary-site-'));
  const contentDir = path.join(dir, 'content');
  const cacheDir = path.join(dir, 'cache');
  const site = path.join(dir, 'site');
  await writeCatalog(contentDir, ['a']);
  await mkdir(site, { recursive: true });
  await writeFile(path.join(site, 'index.html'), 'one');
  await writeFile(path.join(site, 'gone.html'), 'bye');
  const first = await summariseRun({ contentDir, cacheDir, siteDir: site });
  assert.deepEqual(first.siteChanges, { added: 2, changed: 0, removed: 0, total: 2 });
  await writeFile(path.join(site, 'index.html'), 'two');
  await rm(path.join(site, 'gone.html'));
  await writeFile(path.join(site, 'new.html'), 'hi');
  const second = await summariseRun({ contentDir, cacheDir, siteDir: site, remember: false });
  assert.deepEqual(second.siteChanges, { added: 1, changed: 1, removed: 1, total: 2 });
  const stillFirst = JSON.parse(await readFile(path.join(cacheDir, 'summary', 'site-digests.json'), 'utf8'));
  assert.ok('gone.html' in stillFirst, 'a dry run does not replace the baseline');
});

test('descriptor text in the summary stays text: no link, image, HTML, table break or new line', async () => {
  const hostile = 'x | y\n::error::pwned ![t](https://evil.example/p.png) <img src=x onerror=alert(1)> [a](javascript:alert(1))';
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-summary-hostile-'));
  const contentDir = path.join(dir, 'content');
  await writeCatalog(contentDir, ['a`b'], { stale: 'a`b', hostile });
  const { markdown } = await summariseRun({ contentDir, cacheDir: path.join(dir, 'cache') });
  assert.doesNotMatch(markdown, /<img|!\[|\]\(|\n::/);
  assert.doesNotMatch(markdown, /x \| y/);
  const escaped = markdownText(hostile);
  assert.ok(!escaped.includes('\n'));
  assert.match(escaped, /x \\\| y/);
});
