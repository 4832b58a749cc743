// Docs in the portal as a reader meets them: a small organisation is made on disk (a git repository
// with release tags, a hostile docs folder), collected and built like CI does, served on 127.0.0.1
// and driven in Chromium with real clicks. One build is shared by every test here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { PROJECT_ROOT, runBacklot } from './support/backlot-cli.ts';
import { startPreview, type PreviewServer } from './support/preview-server.ts';
import { docsOrgConfig, HANDBOOK, makeDocsOrg } from '../docs/docs-org.ts';
import { offlinePage } from './support/offline-page.ts';

describe('docs in a browser', { timeout: 420_000 }, () => {
  let dir = '';
  let outRoot = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let home = '';
  const contexts: BrowserContext[] = [];
  /** Every request that left 127.0.0.1, from any page of any test. */
  const outside: string[] = [];

  const newPage = (): Promise<Page> => offlinePage(browser!, contexts, outside);

  before(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-docs-e2e-'));
    await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
    outRoot = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'docs-e2e-'));
    const locations = await makeDocsOrg(path.join(dir, 'org'));
    const config = path.join(dir, 'backlot.config.yaml');
    await writeFile(config, docsOrgConfig(locations));
    const content = path.join(dir, 'content');
    await runBacklot(['collect', '--config', config, '--content-dir', content, '--cache-dir', path.join(dir, 'cache'), '--quiet']);
    await runBacklot(['build', '--config', config, '--content-dir', content, '--out', path.join(outRoot, 'dist'), '--no-budgets', '--quiet']);
    server = await startPreview(['--out', path.join(outRoot, 'dist'), '--config', config]);
    home = new URL('/', server.origin).href;
  }, { timeout: 300_000 });

  after(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(outRoot, { recursive: true, force: true });
  });

  test('the hostile docs page: no script runs, no outside request, and every case is a problem on the entity page', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(new URL('docs/default/component/hostile-service/', home).href);
    await page.locator('[data-testid="docs-page"] h1').waitFor();
    // Give handlers and the diagram script their chance to run, then try the tempting clicks.
    await page.locator('[data-testid="diagram"][data-rendered]').waitFor({ timeout: 20_000 });
    await page.locator('text=html js link').click();
    await page.locator('text=overlay').click();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'no author script ran');
    // The diagram's own drawing (mermaid, securityLevel strict) is the portal's; nothing else may be active markup.
    const active = await page.evaluate(() => [...document.querySelectorAll('.docs-content script, .docs-content iframe, .docs-content form, .docs-content svg, .docs-content [style]')].filter((e) => !e.closest('figure.diagram')).map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(active, []);
    assert.equal(await page.locator('.docs-content [onclick], .docs-content [onerror], .docs-content [onload]').count(), 0);
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).display), 'none', 'the author style did not hide the page');
    assert.deepEqual(outside, [], `requests left the machine: ${outside.join(', ')}`);

    await page.goto(new URL('catalog/default/component/hostile-service/', home).href);
    const problems = await page.locator('[data-testid="docs-section"] [data-testid="problem-list"]').innerText();
    for (const expected of [
      /mkdocs\.yml is not valid YAML[\s\S]*hostile-service\/mkdocs\.yml:\d+/,
      /<script> removed[\s\S]*docs\/index\.md:3/,
      /event handler onerror on <img> removed[\s\S]*docs\/index\.md:5/,
      /javascript: URL on <a> removed[\s\S]*docs\/index\.md:7/,
      /<svg> removed[\s\S]*docs\/index\.md:9/,
      /not published: it contains a <script> element\n[^\n]*docs\/evil\.svg:1/,
      /image "https:\/\/evil\.example\/track\.png" not shown/,
      /broken link: "\.\.\/\.\.\/\.\.\/etc\/passwd" leaves the docs folder[\s\S]*docs\/index\.md:11/,
      /passwd\.md[\s\S]*symbolic link that points outside the repository|symbolic link that points outside the repository[\s\S]*passwd\.md/,
      /huge\.md|10\.0 MB is over the 1 MB limit/,
      /iframe "https:\/\/evil\.example\/frame" removed/,
      /<style> removed/,
      /<form> removed/,
    ]) assert.match(problems, expected);
    assert.deepEqual(outside, []);
  });

  test('navigate the nav, follow a relative link and an image, use the TOC and next', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(new URL('catalog/default/component/handbook-service/', home).href);
    await page.locator('[data-testid="docs-link"]').click();
    await page.waitForURL(/\/docs\/default\/component\/handbook-service\/$/);
    assert.equal(await page.locator('.docs-content h1').innerText(), 'Handbook#');
    // The image is the docs folder's own, served by the portal.
    const image = page.locator('.docs-content img[alt="A pixel"]');
    await image.scrollIntoViewIfNeeded();
    assert.ok(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1), 'the image loaded');
    assert.match((await page.locator('.admonition-note').innerText()), /Before you start[\s\S]*You need access/);
    assert.match((await page.locator('.admonition-warning').innerText()), /Warning[\s\S]*Mind the gap/);
    // Nested sections: a closed section is a link to its first page; there the section is open.
    const nav = page.locator('[data-testid="docs-nav"]');
    await nav.locator('a', { hasText: 'Guides' }).click();
    await page.waitForURL(/\/guides\/setup\/$/);
    await nav.locator('a', { hasText: 'Deep' }).click();
    await page.waitForURL(/\/guides\/internals\/$/);
    assert.equal(await nav.locator('details[open] > summary').allInnerTexts().then((t) => t.join('/')), 'Guides/Deep');
    assert.equal(await nav.locator('a[aria-current="page"]').innerText(), 'Internals');
    assert.match(await page.locator('[data-testid="docs-last-updated"]').innerText(), /2024-06-01/);
    assert.equal(await page.locator('[data-testid="docs-edit"]').getAttribute('href'), 'https://github.com/acme/handbook-service/edit/main/docs/guides/internals.md');
    // Back to the home page through the pager, then the relative link with an anchor.
    await page.locator('[data-testid="docs-prev"]').click();
    await page.waitForURL(/\/guides\/setup\/$/);
    await page.locator('[data-testid="docs-prev"]').click();
    await page.locator('.docs-content a', { hasText: 'setting up' }).click();
    await page.waitForURL(/\/guides\/setup\/#install$/);
    // Tabs work without a script: the second tab's label shows its panel.
    await page.locator('.tab-label', { hasText: 'apt' }).click();
    assert.ok(await page.locator('.tab-panel', { hasText: 'apt-get install handbook' }).isVisible());
    assert.ok(!(await page.locator('.tab-panel', { hasText: 'npm install handbook' }).isVisible()));
    await page.locator('[data-testid="docs-toc"] a', { hasText: 'Check' }).click();
    await page.waitForURL(/#check$/);
    await page.locator('[data-testid="diagram"][data-rendered="true"] svg').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="docs-entity-link"]').click();
    await page.waitForURL(/\/catalog\/default\/component\/handbook-service\/$/);
    // Broken links of the default branch are listed with file:line.
    const problems = await page.locator('[data-testid="docs-section"] [data-testid="problem-list"]').innerText();
    assert.match(problems, /no page guides\/nowhere\.md[\s\S]*handbook-service\/docs\/guides\/internals\.md:5/);
    assert.match(problems, /guides\/setup\.md has no heading "#no-such-heading"/);
    // …and on the Problems page, with the entity named.
    await page.goto(new URL('problems/', home).href);
    const all = await page.locator('[data-testid="docs-problems"]').innerText();
    assert.match(all, /no page guides\/nowhere\.md[\s\S]*Handbook Service[\s\S]*internals\.md:5/);
    assert.deepEqual(outside, []);
  });

  test('docs health per entity and team: on the team page and in /api/docs-health.json', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(new URL('catalog/default/group/docs-team/', home).href);
    const rows = await page.locator('[data-testid="docs-health"] tbody tr').allInnerTexts();
    assert.deepEqual(rows.map((r) => r.split('\t').map((c) => c.trim())).map(([entity, pages, , broken]) => [entity, pages, broken]), [
      ['Handbook Service', '3', '2'],
      ['hostile-service', '1', '4'],
    ]);
    const health = await (await fetch(new URL('api/docs-health.json', home))).json() as { entities: { ref: string; pages: number; brokenLinks: number; lastUpdated?: string }[]; teams: { owner: string; entities: number; pages: number; brokenLinks: number }[] };
    const handbook = health.entities.find((e) => e.ref === HANDBOOK.ref)!;
    assert.deepEqual([handbook.pages, handbook.brokenLinks, handbook.lastUpdated], [3, 2, '2024-06-01T08:30:00+00:00']);
    assert.deepEqual(health.teams.map((t) => [t.owner, t.entities, t.pages, t.brokenLinks]), [['group:default/docs-team', 2, 4, 6]]);
  });

  test('the version switcher lists the default branch first and opens the same page of a release', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(new URL('docs/default/component/handbook-service/guides/setup/', home).href);
    const switcher = page.locator('[data-testid="version-switcher"]');
    await switcher.locator('summary').click();
    assert.deepEqual(await switcher.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('data-version'))), ['main', 'v2.0.0', 'v1.0.0']);
    await switcher.locator('a[data-version="v1.0.0"]').click();
    await page.waitForURL(/\/versions\/v1\.0\.0\/guides\/setup\/$/);
    assert.match(await page.locator('.docs-content').innerText(), /Install it\./);
    await page.locator('[data-testid="docs-nav"] a', { hasText: 'Home' }).click();
    assert.match(await page.locator('.docs-content').innerText(), new RegExp(HANDBOOK.v1Text));
    // Pages with no diagram never load mermaid.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /mermaid/i.test(n)));
    assert.deepEqual(scripts, []);
  });

  test('search finds a docs page by a word in it, with the docs kind facet; the entity ranks above docs that mention it', { timeout: 60_000 }, async () => {
    const page = await newPage();
    await page.goto(new URL('search/', home).href);
    const input = page.locator('[data-testid="search-input"]');
    await input.click();
    await input.pressSequentially(HANDBOOK.searchWord, { delay: 20 });
    const hit = page.locator('[data-testid="search-results"] a[href$="/docs/default/component/handbook-service/guides/setup/"]').first();
    await hit.waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="facet-kind"]').selectOption('docs');
    await hit.waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="facet-kind"]').selectOption('');
    await input.fill('');
    await input.pressSequentially('handbook', { delay: 20 });
    const first = page.locator('[data-testid="search-results"] li a').first();
    await page.locator('[data-testid="search-results"] a[href$="/catalog/default/component/handbook-service/"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="search-results"] a[href*="/docs/default/component/handbook-service/"]').first().waitFor({ timeout: 15_000 });
    assert.match((await first.getAttribute('href')) ?? '', /\/catalog\/default\/component\/handbook-service\/$/);
    assert.deepEqual(outside, []);
  });
});
