import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { checkBudgets, limitFor, pageAssets, staticImports, type Budgets } from './budgets.ts';

const gz = (s: string) => gzipSync(s).length;
let out: string;
const entry = 'import{a}from"./shared.js";a();import("./lazy.js");';
const shared = 'export const a=()=>console.log("shared module of the portal");';
const lazy = 'export default "x".repeat(100000)';
const css = 'body{color:red}'.repeat(50);

before(() => {
  out = mkdtempSync(path.join(tmpdir(), 'backlot-budgets-'));
  mkdirSync(path.join(out, '_astro'));
  mkdirSync(path.join(out, 'catalog'));
  mkdirSync(path.join(out, 'pagefind'));
  writeFileSync(path.join(out, '_astro', 'entry.js'), entry);
  writeFileSync(path.join(out, '_astro', 'shared.js'), shared);
  writeFileSync(path.join(out, '_astro', 'lazy.js'), lazy);
  writeFileSync(path.join(out, '_astro', 'site.css'), css);
  writeFileSync(path.join(out, 'index.html'), '<html><head><link rel="stylesheet" href="/portal/_astro/site.css"><script type="module" src="/portal/_astro/entry.js"></script></head><body>hi</body></html>');
  writeFileSync(path.join(out, 'catalog', 'index.html'), `<html><body>${'<tr><td>row</td></tr>'.repeat(2000)}<script>console.log(1)</script></body></html>`);
  writeFileSync(path.join(out, 'pagefind', 'ignored.html'), 'x'.repeat(10000));
});
after(() => rmSync(out, { recursive: true, force: true }));

test('finds scripts, stylesheets and inline code of a page', () => {
  const assets = pageAssets('<link rel="stylesheet" href="/a.css"><script type="module" src="/b.js"></script><script>x()</script><style>p{}</style>');
  assert.deepEqual(assets, { scripts: ['/b.js'], styles: ['/a.css'], inlineScripts: ['x()'], inlineStyles: ['p{}'] });
});

test('follows static imports but not dynamic import(), which loads lazily', () => {
  assert.deepEqual(staticImports(entry), ['./shared.js']);
  assert.deepEqual(staticImports('import "./side.js";import * as m from "./m.js"'), ['./side.js', './m.js']);
});

test('measures each page\'s gzip HTML, up-front JS (with static imports) and CSS under the base path', async () => {
  const budgets: Budgets = { html: { default: 100 }, js: { default: 100 }, css: { default: 100 } };
  const report = await checkBudgets(out, budgets, '/portal/');
  assert.deepEqual(report.pages.map((p) => p.page), ['catalog/index.html', 'index.html']);
  const home = report.pages.find((p) => p.page === 'index.html')!;
  assert.equal(home.js, gz(entry) + gz(shared));
  assert.equal(home.css, gz(css));
  assert.equal(report.violations.length, 0);
  assert.equal(report.largest.js?.page, 'index.html');
});

test('reports every page past its budget, a per-page glob overriding the default', async () => {
  const tight: Budgets = { html: { default: 0.05, pages: { 'catalog/*': 10 } }, js: { default: 0.01 }, css: { default: 100 } };
  const { violations } = await checkBudgets(out, tight, '/portal/');
  assert.deepEqual(violations.map((v) => `${v.page} ${v.measure}`).sort(), ['catalog/index.html js', 'index.html html', 'index.html js']);
  assert.equal(limitFor(tight.html, 'catalog/index.html'), 10_000);
  assert.equal(limitFor(tight.html, 'org/index.html'), 50);
});

test('repository content (data-budget="repository") is left out of the HTML measure, nested elements and all', async () => {
  const { withoutRepositoryContent } = await import('./budgets.ts');
  const html = '<main><h1>API</h1><section class="api-definition" data-budget="repository"><section><p>inner</p></section><pre>&lt;/section&gt; text</pre></section><footer>own</footer></main>';
  assert.equal(withoutRepositoryContent(html), '<main><h1>API</h1><footer>own</footer></main>');
  assert.equal(withoutRepositoryContent('<p>no content</p>'), '<p>no content</p>');
  const huge = `<div data-budget="repository">${'<p>x</p>'.repeat(200_000)}</div><p>page</p>`;
  assert.equal(withoutRepositoryContent(huge), '<p>page</p>');
});
