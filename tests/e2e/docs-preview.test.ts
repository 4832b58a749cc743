// `backlot docs preview` writes pages without Astro (lib/docs-preview/write-site.ts), so its output is
// a page path of its own: the hostile docs folder is previewed, served on 127.0.0.1 under a PR's
// base path and driven in Chromium — no author script runs, nothing leaves the machine, the
// portal's stylesheet applies, nav and search work.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { PROJECT_ROOT, runBacklot } from './support/backlot-cli.ts';
import { startPreview, type PreviewServer } from './support/preview-server.ts';
import { makeDocsOrg } from '../docs/docs-org.ts';
import { offlinePage } from './support/offline-page.ts';

describe('docs preview in a browser', { timeout: 300_000 }, () => {
  let dir = '';
  let outRoot = '';
  let hostileServer: PreviewServer | undefined;
  let handbookServer: PreviewServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const outside: string[] = [];

  const newPage = (): Promise<Page> => offlinePage(browser!, contexts, outside);

  before(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-docs-preview-e2e-'));
    await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
    outRoot = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'docs-preview-e2e-'));
    await makeDocsOrg(path.join(dir, 'org'));
    // The hostile folder's mkdocs.yml is invalid: an error, so the command exits 1 and still writes the preview.
    const hostile = await runBacklot(['docs', 'preview', path.join(dir, 'org', 'hostile-service'), '--out', path.join(outRoot, 'hostile'), '--base', '/pr-7/'], { okCodes: [1] });
    assert.match(hostile.stdout, /mkdocs\.yml:\d+: error: /);
    await runBacklot(['docs', 'preview', path.join(dir, 'org', 'handbook-service'), '--out', path.join(outRoot, 'handbook'), '--base', '/pr-8/']);
    hostileServer = await startPreview(['--out', path.join(outRoot, 'hostile'), '--base', '/pr-7/']);
    handbookServer = await startPreview(['--out', path.join(outRoot, 'handbook'), '--base', '/pr-8/']);
  }, { timeout: 240_000 });

  after(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await hostileServer?.stop();
    await handbookServer?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    if (outRoot) await rm(outRoot, { recursive: true, force: true });
  });

  test('the hostile page in a preview: no author script runs, no outside request, the portal stylesheet applies', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(new URL('docs/default/component/hostile-service/', hostileServer!.url).href);
    await page.locator('[data-testid="docs-page"] h1').waitFor();
    // The diagram is drawn by the portal's script (types stripped) with mermaid's own files, served from the preview.
    await page.locator('[data-testid="diagram"][data-rendered="true"]').waitFor({ timeout: 20_000 });
    await page.locator('text=html js link').click();
    await page.locator('text=overlay').click();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'no author script ran');
    const active = await page.evaluate(() => [...document.querySelectorAll('.docs-content script, .docs-content iframe, .docs-content form, .docs-content svg, .docs-content [style]')].filter((e) => !e.closest('figure.diagram')).map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(active, []);
    assert.equal(await page.locator('.docs-content [onclick], .docs-content [onerror], .docs-content [onload]').count(), 0);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.docs-layout')!).display), 'grid', 'docs.css applies');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).display), 'none', 'the author style did not hide the page');
    assert.deepEqual(outside, [], `requests left the machine: ${outside.join(', ')}`);
  });

  test('a preview under /pr-8/: front page, nav, a relative link and an image, and search', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(handbookServer!.url);
    await page.locator('[data-testid="preview-entries"] a').click();
    await page.locator('[data-testid="docs-nav"]').waitFor();
    assert.match(page.url(), /\/pr-8\/docs\/default\/component\/handbook-service\/$/);
    // loading="lazy": scrolled into view, it loads from the preview's docs-assets/.
    await page.locator('.docs-content img').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => { const img = document.querySelector<HTMLImageElement>('.docs-content img'); return Boolean(img?.complete && img.naturalWidth > 0); }, undefined, { timeout: 10_000 });
    await page.locator('.docs-content a[href*="guides/setup/#install"]').first().click();
    await page.waitForURL(/\/pr-8\/docs\/default\/component\/handbook-service\/guides\/setup\/#install$/);
    assert.equal(await page.locator('[data-testid="docs-nav"] a[aria-current="page"]').count(), 1);
    await page.locator('#preview-search input').fill('internals');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    const hrefs = await page.locator('.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((h) => h?.startsWith('/pr-8/docs/default/component/handbook-service/guides/internals/')), hrefs.join(', '));
    assert.deepEqual(outside, []);
  });
});
