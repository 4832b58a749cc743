import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { measurePageWeights } from './page-weight.ts';

test('the catalog first view counts its HTML, CSS and up-front JS; an entity page is measured too', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'page-weight-'));
  try {
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    };
    const catalogHtml = '<link rel="stylesheet" href="/_astro/s.css"><script type="module" src="/_astro/a.js"></script><p>rows</p>';
    await write('catalog/index.html', catalogHtml);
    await write('_astro/s.css', 'body{color:red}');
    await write('_astro/a.js', 'import "./b.js"; import("./lazy.js");');
    await write('_astro/b.js', 'export const b = 1;');
    await write('_astro/lazy.js', 'export const lazy = "not counted";');
    await write('catalog/default/component/web/index.html', '<script type="module" src="/_astro/b.js"></script>');
    const weights = await measurePageWeights(dir);
    const gz = (s: string) => gzipSync(s).length;
    assert.equal(weights.catalog.html, gz(catalogHtml));
    assert.equal(weights.catalog.css, gz('body{color:red}'));
    assert.equal(weights.catalog.js, gz('import "./b.js"; import("./lazy.js");') + gz('export const b = 1;'), 'static imports count, lazy ones do not');
    assert.equal(weights.catalog.total, weights.catalog.html + weights.catalog.css + weights.catalog.js);
    assert.equal(weights.entity?.page, 'catalog/default/component/web/index.html');
    assert.equal(weights.entity?.js, gz('export const b = 1;'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
