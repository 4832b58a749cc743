import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { measureEntityPageJs } from './entity-page-js.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-entity-js-'));
after(() => rm(dir, { recursive: true, force: true }));

const lazy = `export function draw(){ const f=document.querySelector('[data-testid="diagram"]'); f.innerHTML='<svg></svg>'; }\n// ${'padding '.repeat(50)}`;
const entry = `setTimeout(() => import('/_astro/lazy.js').then((m) => m.draw()), 50);`;
const unused = 'export const never = 1;';
await mkdir(path.join(dir, '_astro'), { recursive: true });
await mkdir(path.join(dir, 'drawn-late'), { recursive: true });
await mkdir(path.join(dir, 'drawn-at-build'), { recursive: true });
await writeFile(path.join(dir, '_astro', 'entry.js'), entry);
await writeFile(path.join(dir, '_astro', 'lazy.js'), lazy);
await writeFile(path.join(dir, '_astro', 'unused.js'), unused);
await writeFile(path.join(dir, 'drawn-late', 'index.html'), '<!doctype html><title>t</title><figure data-testid="diagram"></figure><script type="module" src="/_astro/entry.js"></script>');
await writeFile(path.join(dir, 'drawn-at-build', 'index.html'), '<!doctype html><title>t</title><figure data-testid="diagram"><svg></svg></figure>');

test('counts the scripts a page fetches, lazy chunks included, and the time until its diagram is an SVG', { timeout: 60_000 }, async () => {
  const late = await measureEntityPageJs(dir, 'drawn-late/index.html');
  assert.equal(late.files, 2, 'entry and the lazily imported chunk; not the unused file');
  assert.equal(late.bytes, Buffer.byteLength(entry) + Buffer.byteLength(lazy));
  assert.equal(late.gzip, gzipSync(entry).length + gzipSync(lazy).length);
  assert.ok(late.msToDiagram !== undefined && late.msToDiagram >= 50, `drawn after the 50 ms timer, got ${late.msToDiagram}`);

  const built = await measureEntityPageJs(dir, 'drawn-at-build/index.html');
  assert.deepEqual([built.files, built.bytes], [0, 0]);
  assert.ok(built.msToDiagram !== undefined && built.msToDiagram < late.msToDiagram!);
});
