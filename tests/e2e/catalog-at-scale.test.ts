// The catalog at 10,000 entities, in a browser: one synthetic organisation (bench/generate-org.ts)
// collected and built once for every test here, because the build is the expensive part (about a
// minute and a half on two cores). The tests check what a person does: filter by owner and text,
// and page through the full list with JavaScript off; search across the index's parts; and what
// the first view costs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { generateOrg } from '../../bench/generate-org.ts';
import { pageAssets } from '../../src/build/budgets.ts';
import { searchPartOf } from '../../src/build/pagefind-index.ts';
import { launchChromium } from './support/chromium.ts';
import { buildAndServe, collectCatalog, type BuiltPortal, type Workspace } from './support/portal-fixture.ts';
import { displayName, readCollectedCatalog, type CollectedCatalog } from './support/collected-content.ts';
import { ownerOf } from './support/catalog-expectations.ts';
import { entityUrl, isEntityPageUrl } from './support/portal-urls.ts';
import type { EntityRecord } from '../../lib/content/records.ts';

const ENTITIES = 10_000;
const SEARCH_PART_PAGES = 6_000;

describe('the catalog of 10,000 entities in a browser', { timeout: 600_000 }, () => {
  let workspace: Workspace | undefined;
  let portal: BuiltPortal | undefined;
  let browser: Browser | undefined;
  let catalog: CollectedCatalog;

  before(async () => {
    browser = await launchChromium();
    const orgDir = await mkdtemp(path.join(os.tmpdir(), 'backlot-org-'));
    try {
      const org = await generateOrg({ entities: ENTITIES, dir: orgDir, seed: 7 });
      workspace = await collectCatalog(org.rootFile);
    } finally {
      await rm(orgDir, { recursive: true, force: true });
    }
    catalog = await readCollectedCatalog(workspace.contentDir);
    // Two search index parts (one would hold all ~10,000 pages), so the browser's merge is tested too.
    portal = await buildAndServe(workspace, '/', ['--search-part-pages', String(SEARCH_PART_PAGES)]);
  }, { timeout: 480_000 });

  after(async () => {
    await browser?.close();
    await portal?.server.stop();
    await workspace?.dispose();
  }, { timeout: 30_000 });

  test('the first view of /catalog/ (HTML, CSS and the JS it loads up front) stays under 100 kB gzip', async (t) => {
    assert.ok(catalog.entities.length >= ENTITIES, `the generated catalog has ${catalog.entities.length} entities`);
    const html = await readFile(path.join(portal!.outDir, 'catalog/index.html'), 'utf8');
    const { scripts, styles } = pageAssets(html);
    const files = [...scripts, ...styles].map((u) => path.join(portal!.outDir, u.replace(/^\//, '')));
    const assets = await Promise.all(files.map((f) => readFile(f)));
    const bytes = gzipSync(html).length + assets.reduce((sum, a) => sum + gzipSync(a).length, 0);
    t.diagnostic(`first view: ${bytes} bytes gzip (HTML ${gzipSync(html).length})`);
    assert.ok(bytes < 100_000, `first view is ${bytes} bytes gzip`);
  });

  test('filters by owner and by text over the whole catalog, fetching only the components index', async (t) => {
    const context = await browser!.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    const indexRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/catalog-index')) indexRequests.push(new URL(r.url()).pathname);
    });
    await page.goto(new URL('catalog/', portal!.home).href);
    assert.deepEqual(indexRequests.filter((u) => u.endsWith('component.json')), [], 'the first view fetches no rows');

    // An owner whose components, narrowed by a word of one of their descriptions, are a handful.
    const components = catalog.entities.filter((e) => e.kind === 'component');
    const { owner, word, expected } = pickOwnerAndWord(components);
    const ownerName = displayName(catalog.byRef.get(owner)!);
    const owners = page.locator('[data-testid="filter-owner"]');
    await owners.locator(`option[value="${owner}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await owners.selectOption(owner);
    const rows = page.locator('[data-testid="catalog-table"] tbody tr');
    const ofOwner = components.filter((e) => ownerOf(e) === owner);
    await waitFor(async () => (await rows.count()) === Math.min(ofOwner.length, 100), `the owner filter leaves ${ofOwner.length} rows`);
    const text = page.locator('[data-testid="filter-q"]');
    await text.click();
    await text.pressSequentially(word, { delay: 15 });
    await waitFor(async () => (await rows.count()) === expected.length, `"${word}" leaves ${expected.length} of ${ownerName}'s components`);
    const links = await rows.locator('td:first-child a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.deepEqual(links.sort(), expected.map((e) => entityUrl(portal!.home, e.ref)).sort());
    assert.deepEqual([...new Set(await rows.locator('td:nth-child(4)').allInnerTexts())], [ownerName], 'every row shows the chosen owner');
    // The rows can settle before the last keystroke reaches the URL ("addres" matches as "address" does).
    await page.waitForURL(new RegExp(`[?&]q=${word}\\b`), { timeout: 10_000 });
    assert.deepEqual([...new Set(indexRequests)].sort(), ['/api/catalog-index.json', '/api/catalog-index/component.json'], 'only the facets and the components shard were fetched');
  });

  test('without JavaScript every entity is listed, page by page, from the kind switch', async (t) => {
    const context = await browser!.newContext({ javaScriptEnabled: false });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(new URL('catalog/', portal!.home).href);
    // A person clicks Components, then Next, then the last page number.
    await page.locator('[data-testid="kind-tabs"] a[data-kind="component"]').click();
    await page.waitForURL(/\/browse\/component\/$/);
    const firstPage = await entityLinks(page);
    await page.locator('[data-testid="browse-next"]').click();
    await page.waitForURL(/\/browse\/component\/2\/$/);
    const secondPage = await entityLinks(page);
    assert.equal(firstPage.length, 500);
    assert.equal(secondPage.filter((u) => firstPage.includes(u)).length, 0, 'the second page has other entities');

    // Every kind's pages, followed through their links, list every entity exactly once.
    const listed: string[] = [];
    for (const tab of await page.locator('[data-testid="kind-tabs"] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      for (let next: string | null = tab; next; ) {
        await page.goto(next);
        listed.push(...(await entityLinks(page)));
        const link = page.locator('[data-testid="browse-next"]');
        next = (await link.count()) > 0 ? await link.evaluate((a) => (a as HTMLAnchorElement).href) : null;
      }
    }
    assert.equal(listed.length, catalog.entities.length, 'each entity once');
    const expected = new Set(catalog.entities.map((e) => entityUrl(portal!.home, e.ref)));
    assert.deepEqual(listed.filter((u) => !expected.has(u)), []);
    assert.equal(new Set(listed).size, expected.size);
  });

  test('search finds entities whose pages are in different parts of the index', async (t) => {
    const parts = JSON.parse(await readFile(path.join(portal!.outDir, 'pagefind/parts.json'), 'utf8')) as { bundles: string[] };
    assert.ok(parts.bundles.length >= 1, `the index was built in parts (${JSON.stringify(parts)})`);
    const partCount = parts.bundles.length + 1;
    // One component from each part: the part a page is in follows from its path, as the build splits.
    const components = catalog.entities.filter((e) => e.kind === 'component').sort((a, b) => (a.ref < b.ref ? -1 : 1));
    const partOf = (e: EntityRecord) => searchPartOf(`catalog/${e.namespace}/${e.kind}/${e.name}/index.html`, partCount);
    const picks = [0, 1].map((part) => components.find((e) => partOf(e) === part)!);
    assert.ok(picks.every(Boolean), 'a component in each of the first two parts');
    const context = await browser!.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    for (const target of picks) {
      await page.goto(new URL(`search/?q=${encodeURIComponent(target.name)}`, portal!.home).href);
      await page.locator(`[data-testid="search-results"] a[href="${entityUrl(portal!.home, target.ref, true)}"]`).first().waitFor({ timeout: 20_000 });
    }
  });

  async function entityLinks(page: import('playwright-core').Page): Promise<string[]> {
    const hrefs = await page.locator('[data-testid="catalog-table"] tbody td:first-child a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    return hrefs.filter((h) => isEntityPageUrl(portal!.home, h));
  }
});

/** An owner with many components and a word in some (not all) of their descriptions. */
function pickOwnerAndWord(components: EntityRecord[]): { owner: string; word: string; expected: EntityRecord[] } {
  const byOwner = new Map<string, EntityRecord[]>();
  for (const c of components) {
    const owner = ownerOf(c);
    if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), c]);
  }
  const [owner, owned] = [...byOwner].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
  const matches = (e: EntityRecord, word: string) =>
    [displayName(e), e.entity.metadata.description ?? '', `${e.namespace}/${e.name}`].some((s) => s.toLowerCase().includes(word));
  const words = [...new Set(owned.flatMap((e) => (e.entity.metadata.description ?? '').toLowerCase().match(/\b[a-z]{6,}\b/g) ?? []))].sort();
  for (const word of words) {
    const expected = owned.filter((e) => matches(e, word));
    if (expected.length >= 2 && expected.length < owned.length / 2) return { owner, word, expected };
  }
  throw new Error(`no word narrows ${owner}'s ${owned.length} components`);
}

async function waitFor(check: () => Promise<boolean>, message: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
