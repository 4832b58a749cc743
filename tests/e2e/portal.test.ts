// The portal as a person uses it: the example organisation is collected and built exactly as CI
// does (`backlot collect`, `backlot build`), served by `backlot preview`, and driven in Debian's
// Chromium with real clicks and typing. Expected values come from the collected content, not from
// hand-written names, so the tests follow examples/ as it changes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { buildAndServe, collectExamples, type BuiltPortal, type Workspace } from './support/portal-fixture.ts';
import { displayName, readCollectedCatalog, type CollectedCatalog } from './support/collected-content.ts';
import { crawlSite, formatBrokenLinks, type CrawlResult } from './support/crawl-site.ts';
import { formatPageErrors, watchContextErrors, type PageError } from './support/page-errors.ts';
import { ownerOf, pickConnectedSystem, pickFilterKind, pickOpenApiOperation, pickPersonWithTeam, pickRichComponent, pickSearchTarget } from './support/catalog-expectations.ts';
import { entityUrl, isEntityPageUrl } from './support/portal-urls.ts';
import { runWithFakeGh } from './support/fake-gh.ts';
import { pickSignalExpectations } from './support/signal-expectations.ts';
import { SWEEP_MODES, formatFindings, onePagePerType, sweep, type SweepTarget } from './support/axe-sweep.ts';
import { entityFacets, entitySearchPages } from '../../src/build/search-records.ts';

// Collect + build of the examples, twice with the /portal/ build: minutes on a 2-core machine.
const SETUP_TIMEOUT = 300_000;
const TEST_TIMEOUT = 60_000;

describe('the built portal in a browser', { timeout: 1_200_000 }, () => {
  let workspace: Workspace | undefined;
  let portal: BuiltPortal | undefined;
  let browser: Browser | undefined;
  let catalog: CollectedCatalog;
  let crawl: CrawlResult | undefined;
  const errors: PageError[] = [];
  const contexts: BrowserContext[] = [];

  /** A fresh browser context whose pages' console errors are all recorded. */
  async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser!.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true });
    contexts.push(context);
    watchContextErrors(context, errors);
    return context.newPage();
  }

  async function closePages(): Promise<void> {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  }

  async function siteCrawl(): Promise<CrawlResult> {
    crawl ??= await crawlSite(portal!.home);
    return crawl;
  }

  before(async () => {
    // Launch first: a missing Chromium should fail in a second, not after the builds.
    browser = await launchChromium();
    workspace = await collectExamples();
    catalog = await readCollectedCatalog(workspace.contentDir);
    portal = await buildAndServe(workspace, '/');
  }, { timeout: SETUP_TIMEOUT });

  after(async () => {
    await closePages().catch(() => {});
    await browser?.close();
    await portal?.server.stop();
    await workspace?.dispose();
  }, { timeout: 30_000 });

  test('search finds an entity by a word of its description, and the owner facet narrows the results', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const { word, target, owner, othersWithWord } = pickSearchTarget(catalog);
    const page = await newPage();
    const filterRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.pf_filter')) filterRequests.push(request.url());
    });
    await page.goto(new URL('search/', portal!.home).href);
    const input = page.locator('[data-testid="search-input"]');
    await input.click();
    await input.pressSequentially(word, { delay: 20 });
    const result = (ref: string) => page.locator(`[data-testid="search-results"] a[href="${entityUrl(portal!.home, ref, true)}"]`).first();
    await result(target.ref).waitFor({ timeout: 15_000 });
    for (const other of othersWithWord) await result(other.ref).waitFor({ timeout: 10_000 });
    // Facet counts cost every facet's index: fetched only when the person turns to the facets.
    assert.deepEqual(filterRequests, [], 'a query without facets fetches no facet index');
    const ownerFacet = page.locator('[data-testid="facet-owner"]');
    await ownerFacet.focus();
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLOptionElement>('[data-testid="facet-owner"] option')].some((o) => /\(\d+\)$/.test(o.textContent ?? '')), undefined, { timeout: 10_000 });
    assert.ok(filterRequests.length > 0, 'turning to the facets loads their indexes, and the options show counts');
    assert.ok(othersWithWord.length > 0, `"${word}" should also match entities of another owner than ${owner}, so the facet has something to remove`);
    await page.locator('[data-testid="facet-owner"]').selectOption(owner);
    for (const other of othersWithWord) await result(other.ref).waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await result(target.ref).count(), 1, `${target.ref} is still found with the owner facet ${owner}`);
  });

  test('search results show an excerpt with the matched word highlighted, and the header suggests pages while typing', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const { word, target } = pickSearchTarget(catalog);
    const page = await newPage();
    await page.goto(new URL(`search/?q=${encodeURIComponent(word)}`, portal!.home).href);
    const result = page.locator(`[data-testid="search-result"]:has(> a[href="${entityUrl(portal!.home, target.ref, true)}"])`);
    const mark = result.locator('p mark').first();
    await mark.waitFor({ timeout: 15_000 });
    assert.match((await mark.innerText()).toLowerCase(), new RegExp(word.slice(0, 5)), 'the highlighted text is the searched word');
    const styled = await mark.evaluate((m) => getComputedStyle(m).fontWeight);
    assert.equal(styled, '600', 'the highlight is styled by the portal');

    // The header box on another page: suggestions as a listbox, arrows and Enter open one.
    await page.goto(new URL('catalog/', portal!.home).href);
    const input = page.locator('[data-testid="header-search"] input[type="search"]');
    await input.click();
    await input.pressSequentially(word, { delay: 25 });
    const suggestions = page.locator('[data-testid="suggestions"] [role="option"]');
    await suggestions.first().waitFor({ timeout: 15_000 });
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.ok((await page.locator('[data-testid="suggestions"] mark').count()) > 0, 'suggestions highlight the word too');
    await page.keyboard.press('ArrowDown');
    const first = await suggestions.first().getAttribute('id');
    assert.equal(await input.getAttribute('aria-activedescendant'), first, 'the arrow key moves to the first suggestion');
    await page.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false', 'Escape closes the list');
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith('/search/') && url.searchParams.get('q') === word);
  });

  test('the catalog opens on Components; a kind, a filter and the columns change the rows and survive a reload', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const page = await newPage();
    await page.goto(new URL('catalog/', portal!.home).href);
    const rows = page.locator('[data-testid="catalog-table"] tbody tr:visible');
    const components = catalog.entities.filter((e) => e.kind === 'component').length;
    await waitForCount(rows, components, 'unfiltered, the table shows the components (as Backstage does)');
    const kind = pickFilterKind(catalog);
    const expected = catalog.entities.filter((e) => e.kind === kind).length;
    await page.locator('[data-testid="filter-kind"]').selectOption(kind);
    await waitForCount(rows, expected, `filtered by kind ${kind}, the table shows the ${kind} entities only`);
    // The kind column is hidden in a one-kind view until the column picker shows it.
    await page.locator('[data-testid="column-picker"] summary').click();
    await page.locator('[data-testid="column-picker"] input[value="kind"]').check();
    await page.locator('[data-testid="column-picker"] input[value="description"]').uncheck();
    const names = await page.locator('[data-testid="catalog-table"] tbody tr:visible td:nth-child(2)').allInnerTexts();
    assert.equal(new Set(names).size, 1, `every visible row has the same kind (${[...new Set(names)].join(', ')})`);
    assert.equal(await page.locator('[data-testid="catalog-table"] th[data-column="description"]').isVisible(), false, 'the description column is hidden');
    await page.reload();
    assert.equal(await page.locator('[data-testid="filter-kind"]').inputValue(), kind, 'the filter control shows the chosen kind after a reload');
    await waitForCount(rows, expected, 'the filter is still applied after a reload');
    assert.equal(await page.locator('[data-testid="catalog-table"] th[data-column="kind"]').isVisible(), true, 'the kind column is still shown after a reload');
    assert.equal(await page.locator('[data-testid="catalog-table"] th[data-column="description"]').isVisible(), false, 'the description column is still hidden after a reload');
    // "All kinds" leaves the locations out; the Locations tab shows them.
    await page.locator('[data-testid="filter-kind"]').selectOption('all');
    const locations = catalog.entities.filter((e) => e.kind === 'location').length;
    assert.ok(locations > 0, 'the examples have Location entities');
    await waitForCount(rows, catalog.entities.length - locations, 'all kinds but locations');
    await page.locator('[data-testid="kind-tabs"] a[data-kind="location"]').click();
    await waitForCount(rows, locations, 'the Locations tab shows the locations');
    assert.match(page.url(), /[?&]kind=location\b/, 'the tab switched the view in place, kept in the URL');
  });

  test('on a phone the catalog shows cards, not a table that scrolls sideways', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    watchContextErrors(context, errors);
    const page = await context.newPage();
    await page.goto(new URL('catalog/', portal!.home).href);
    const first = page.locator('[data-testid="catalog-table"] tbody tr').first();
    const shape = await first.evaluate((tr) => ({ display: getComputedStyle(tr).display, width: tr.getBoundingClientRect().width, label: getComputedStyle((tr as HTMLTableRowElement).cells[2], '::before').content }));
    assert.notEqual(shape.display, 'table-row', 'a row is laid out as a card');
    assert.ok(shape.width <= 390, `a card fits the screen (${shape.width} px)`);
    assert.equal(shape.label, '"Type"', 'each value of a card is labelled');
    // The header row stays for screen readers but takes no room.
    assert.ok(await page.locator('[data-testid="catalog-table"] thead').evaluate((h) => h.getBoundingClientRect().height <= 1), 'no visible table header row on a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow} px too wide)`);
  });

  test('an entity page shows its relations, and its owner link leads to the team page', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const component = pickRichComponent(catalog);
    const page = await newPage();
    await page.goto(entityUrl(portal!.home, component.ref));
    const relations = page.locator('[data-section="relations"]');
    const shown = (component.entity.relations ?? []).filter((r) => catalog.byRef.has(r.targetRef));
    assert.ok(shown.length >= 3, `${component.ref} should have several relations to check`);
    for (const relation of shown) {
      const link = relations.locator(`[data-relation="${relation.type}"] a[href="${entityUrl(portal!.home, relation.targetRef, true)}"]`);
      assert.equal(await link.count(), 1, `the ${relation.type} relation to ${relation.targetRef} is a link on ${component.ref}'s page`);
    }
    const owner = catalog.byRef.get(ownerOf(component)!)!;
    await page.locator('[data-testid="entity-owner"] a').first().click();
    await page.waitForURL(entityUrl(portal!.home, owner.ref));
    assert.equal((await page.locator('[data-testid="entity-title"]').innerText()).trim(), displayName(owner));
  });

  test('an API page shows an operation of its OpenAPI definition', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const operation = pickOpenApiOperation(catalog);
    const page = await newPage();
    await page.goto(entityUrl(portal!.home, operation.api.ref));
    const section = page.locator('[data-section="api-definition"]');
    const pathText = section.getByText(operation.path, { exact: true }).first();
    await pathText.waitFor({ state: 'visible', timeout: 5_000 });
    const label = operation.summary ?? operation.operationId;
    if (label) assert.ok((await section.getByText(label).count()) > 0, `the operation's "${label}" is shown`);
    assert.ok((await section.getByText(new RegExp(`^\\s*${operation.method}\\s*$`, 'i')).count()) > 0, `the method ${operation.method.toUpperCase()} is shown`);
  });

  test('without JavaScript a system page links to its graph, where depth, relations and direction are links that redraw it', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const system = pickConnectedSystem(catalog);
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(entityUrl(portal!.home, system.ref));
    await page.getByTestId('explore-graph').click();
    const graphUrl = (variant: string) => new URL(`graph/${variant}/`, entityUrl(portal!.home, system.ref)).href;
    await page.waitForURL(graphUrl('2-all-lr'));
    assert.equal(await page.getByTestId('graph-title').innerText(), `Graph of ${displayName(system)}`);
    const controls = page.getByTestId('graph-controls');
    const current = () => controls.locator('a[aria-current="page"]').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.value));
    assert.deepEqual(await current(), ['2', 'all', 'lr']);
    /** Clicks one control's value; only that part of the page's URL changes. */
    const choose = async (control: string, value: string, variant: string) => {
      await controls.locator(`[data-control="${control}"] a[data-value="${value}"]`).click();
      await page.waitForURL(graphUrl(variant));
    };
    const svg = page.locator('[data-testid="graph-view"] svg');
    const nodeCount = () => svg.locator('.diagram-nodes > g').count();
    const edgeLabels = async () => [...new Set(await svg.locator('.diagram-edge-labels text').allTextContents())].sort();
    const legend = async () => (await page.getByTestId('graph-legend').locator('[data-relation-label]').allTextContents()).sort();

    await choose('depth', '1', '1-all-lr');
    const shallow = await nodeCount();
    await choose('depth', '3', '3-all-lr');
    const deep = await nodeCount();
    assert.ok(deep > shallow, `depth 3 draws more than depth 1 (${deep} > ${shallow} nodes)`);
    assert.deepEqual(await current(), ['3', 'all', 'lr'], 'the other controls kept their values');
    assert.ok((await page.getByTestId('graph-left-out').innerText()).length > 0, 'says how many were left out');
    const all = await edgeLabels();
    assert.deepEqual(await legend(), all, 'the legend names the relations drawn');

    await choose('relations', 'apis', '3-apis-lr');
    const apis = await edgeLabels();
    assert.ok(apis.length > 0 && apis.every((l) => ['provides', 'consumes', 'depends on', 'dependency of'].includes(l)), `only API and dependency edges: ${apis.join(', ')}`);
    assert.deepEqual(await legend(), apis);
    await choose('relations', 'structure', '3-structure-lr');
    const structure = await edgeLabels();
    assert.ok(structure.includes('owned by') && structure.every((l) => ['owned by', 'part of', 'child of', 'member of'].includes(l)), `only structure and ownership edges: ${structure.join(', ')}`);
    assert.ok(all.length > structure.length && all.length > apis.length, 'all relations draw both kinds');
    assert.deepEqual(await current(), ['3', 'structure', 'lr']);

    // Ranks run along the direction: left to right, nodes of a rank share an x; top to bottom, a y.
    const axes = async () => {
      const at = await svg.locator('.diagram-nodes > g').evaluateAll((gs) => gs.map((g) => /translate\((-?\d+) (-?\d+)\)/.exec(g.getAttribute('transform') ?? '')!.slice(1)));
      return { x: new Set(at.map((p) => p[0])).size, y: new Set(at.map((p) => p[1])).size };
    };
    await choose('relations', 'all', '3-all-lr');
    const lr = await axes();
    await choose('direction', 'tb', '3-all-tb');
    const tb = await axes();
    assert.ok(lr.x < lr.y && tb.y < tb.x, `ranks are columns left to right (${lr.x} x, ${lr.y} y) and rows top to bottom (${tb.x} x, ${tb.y} y)`);
    assert.deepEqual(await current(), ['3', 'all', 'tb']);

    // A node leads to its entity; the breadcrumb back to the system.
    const part = svg.locator('a.diagram-node:not([aria-current])').first();
    const ref = await part.getAttribute('data-ref');
    await part.click();
    await page.waitForURL(entityUrl(portal!.home, ref!));
    await page.goBack();
    await page.getByTestId('graph-entity-link').click();
    await page.waitForURL(entityUrl(portal!.home, system.ref));
  });

  test('with JavaScript disabled every collected entity is listed from /catalog/ through the kind pages', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(new URL('catalog/', portal!.home).href);
    const listed = new Set<string>();
    const tabs = await page.locator('[data-testid="kind-tabs"] a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(tabs.length >= 2, 'the kind switch is a list of links');
    for (const tab of tabs) {
      // Each kind's static list, followed page by page through its Next link.
      for (let next: string | null = tab; next; ) {
        await page.goto(next);
        const hrefs = await page.locator('[data-testid="catalog-table"] a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
        for (const h of hrefs) if (isEntityPageUrl(portal!.home, h)) listed.add(h);
        const link = page.locator('[data-testid="browse-next"]');
        next = (await link.count()) > 0 ? await link.evaluate((a) => (a as HTMLAnchorElement).href) : null;
      }
    }
    const expected = new Set(catalog.entities.map((e) => entityUrl(portal!.home, e.ref)));
    assert.equal(catalog.meta.entityCount, catalog.entities.length, 'meta.json counts every entity record');
    assert.deepEqual([...expected].filter((u) => !listed.has(u)), [], 'every collected entity has a link on a kind page');
  });

  test('"who am I": a person picks themselves, home shows what their teams own with problems first, and the choice survives a reload', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const { user, owned, withProblems } = pickPersonWithTeam(catalog);
    const page = await newPage();
    await page.goto(portal!.home);
    assert.equal(await page.locator('[data-testid="personal-view"]').isVisible(), false, 'without a choice, no personal section');
    const input = page.locator('[data-testid="me-input"]');
    await input.click();
    await input.pressSequentially(displayName(user), { delay: 10 });
    await page.locator('[data-testid="me-submit"]').click();
    const items = page.locator('[data-testid="my-owned"] > li');
    await waitForCount(items, owned.length, `home lists the ${owned.length} entities ${displayName(user)}'s teams own`);
    const refs = await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.ref));
    assert.deepEqual([...refs].sort(), owned.map((r) => r.ref).sort());
    assert.deepEqual(refs.slice(0, withProblems.length).sort(), withProblems.map((r) => r.ref).sort(), 'entities with problems come first');
    await page.reload();
    assert.equal((await page.locator('[data-testid="me-name"]').innerText()).trim(), displayName(user), 'the choice survives a reload');
    await waitForCount(items, owned.length, 'the owned list is shown again after a reload');
    await page.locator('[data-testid="me-change"]').click();
    assert.equal(await page.locator('[data-testid="personal-view"]').isVisible(), false, '"Not you?" forgets the choice');
    assert.equal(await page.locator('[data-testid="me-input"]').isVisible(), true);
  });

  test('a starred entity appears on home, and unstarring removes it', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const component = pickRichComponent(catalog);
    const page = await newPage();
    await page.goto(entityUrl(portal!.home, component.ref));
    const star = page.locator('[data-testid="star-button"]');
    assert.equal(await star.getAttribute('aria-pressed'), 'false');
    await star.click();
    assert.equal(await star.getAttribute('aria-pressed'), 'true', 'the button says it is starred');
    await page.locator('[data-testid="nav-home"]').click();
    const starred = page.locator(`[data-testid="starred"] a[href="${entityUrl(portal!.home, component.ref, true)}"]`);
    await starred.waitFor({ timeout: 5_000 });
    assert.equal((await starred.innerText()).trim(), displayName(component));
    await starred.click();
    await page.waitForURL(entityUrl(portal!.home, component.ref));
    await page.locator('[data-testid="star-button"][aria-pressed="true"]').click();
    await page.goto(portal!.home);
    assert.equal(await page.locator('[data-testid="starred"] li').count(), 0, 'unstarred, it is gone from home');
  });

  test('the keyboard shortcut / focuses search', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const page = await newPage();
    await page.goto(portal!.home);
    const search = page.locator('[data-search-shortcut]');
    assert.equal(await search.evaluate((el) => el === document.activeElement), false, 'search is not focused before the shortcut');
    // A person reading the page first: the click lands on the heading, not on a control.
    await page.locator('main h1').first().click();
    await page.keyboard.press('/');
    assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'search is focused after pressing /');
    await page.keyboard.type('ship');
    assert.equal(await search.inputValue(), 'ship', 'the slash itself is not typed into the field');
  });

  test('the Create page form shows validation errors, then copies a gh workflow run command that a shell passes through unchanged', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(portal!.home).origin });
    await page.goto(portal!.home);
    await page.locator('[data-testid="nav-create"]').click();
    const card = page.locator('[data-testid="template-typescript-service"]');
    await card.locator('[name="name"]').fill('Not Valid');
    await card.locator('[data-testid="check-typescript-service"]').click();
    const error = (name: string) => card.locator(`[data-error-for="${name}"]`);
    assert.match(await error('name').innerText(), /name must match the pattern/);
    assert.match(await error('description').innerText(), /description is required/);
    assert.match(await error('owner').innerText(), /owner is required/);
    assert.equal(await card.locator('[name="name"]').getAttribute('aria-invalid'), 'true');
    assert.ok(await card.locator('[data-testid="copy-typescript-service"]').isDisabled(), 'no command to copy while values do not fit');

    const hostile = "it's $(touch /tmp/backlot-e2e-pwned) `id` ${{ secrets.TOKEN }}";
    await card.locator('[name="name"]').fill('parcel-weighing');
    await card.locator('[name="description"]').fill(hostile);
    await card.locator('[name="owner"]').fill('group:default/team-a');
    await card.locator('[name="visibility"]').selectOption('private');
    await card.getByLabel('Protect the default branch').uncheck();
    assert.equal(await error('name').isHidden(), true, 'the error goes once the value fits');
    await card.locator('[data-testid="copy-typescript-service"]').click();
    await card.locator('[data-status]').filter({ hasText: 'Command copied.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await card.locator('[data-testid="command-typescript-service"]').innerText());
    // A real shell runs the copied command against a `gh` that prints its arguments.
    const { args } = await runWithFakeGh(copied);
    assert.deepEqual(args.slice(0, 3), ['workflow', 'run', 'scaffold-typescript-service.yml']);
    const fields = Object.fromEntries(args.slice(3).filter((_, i) => i % 2 === 1).map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]));
    assert.deepEqual(fields, { name: 'parcel-weighing', description: hostile, owner: 'group:default/team-a', lifecycle: 'experimental', organization: 'acme-freight', visibility: 'private', protect: 'false' });
    assert.match(await card.locator('[data-testid="runs-scaffold-typescript-service.yml"]').innerText(), /No runs collected/);
  });

  test('no link inside the site is broken, and every entity page is reachable from the home page', { timeout: 120_000 }, async () => {
    const { pages, assets, broken } = await siteCrawl();
    assert.equal(broken.length, 0, `broken links:\n${formatBrokenLinks(broken)}`);
    const reached = new Set(pages);
    const unreachable = catalog.entities.map((e) => entityUrl(portal!.home, e.ref)).filter((u) => !reached.has(u));
    assert.deepEqual(unreachable, [], 'entity pages not linked from anywhere');
    assert.ok(assets.some((a) => a.endsWith('.css')), 'the crawl followed stylesheets too');
  });

  // Every page, docs pages included (about 25 for the examples): minutes on a busy 2-core machine.
  test('no page has a console error or an uncaught exception, and every diagram is drawn', { timeout: 360_000 }, async (t) => {
    t.after(closePages);
    const { pages } = await siteCrawl();
    assert.ok(pages.length >= catalog.entities.length, `the crawl found ${pages.length} pages, fewer than the ${catalog.entities.length} entities`);
    const undrawn: string[] = [];
    let withDiagrams = 0;
    const visit = async (page: Page, url: string) => {
      await page.goto(url, { waitUntil: 'load' });
      // Diagrams are drawn at build time: each is an SVG with at least one node, linked or named.
      const diagrams = page.locator('[data-diagram]');
      if ((await diagrams.count()) > 0) {
        withDiagrams++;
        for (const diagram of await diagrams.all()) if ((await diagram.locator('svg .diagram-node').count()) === 0) undrawn.push(url);
      }
    };
    // A system's or domain's 18 graph views are one template without scripts: all views of the
    // first, the default view of the others (each view is still fetched by the link crawl).
    const graphView = (url: string) => /^(.*\/catalog\/[^/]+\/[^/]+\/[^/]+\/)graph\/([^/]+)\/$/.exec(new URL(url).pathname);
    const firstWithViews = pages.map(graphView).find((m) => m)?.[1];
    const visited = pages.filter((url) => {
      const view = graphView(url);
      return !view || view[1] === firstWithViews || view[2] === '2-all-lr';
    });
    // Two tabs at once: this machine has two cores.
    const queue = [...visited];
    const tabs = await Promise.all([newPage(), newPage()]);
    await Promise.all(tabs.map(async (page) => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) await visit(page, url);
    }));
    t.diagnostic(`${visited.length} of ${pages.length} pages visited, ${withDiagrams} with diagrams`);
    // Errors of the earlier tests' pages were recorded too.
    assert.equal(errors.length, 0, `errors on pages:\n${formatPageErrors(errors)}`);
    assert.deepEqual(undrawn, [], 'pages whose diagram could not be drawn');
  });

  test('a service page shows CI, tests and coverage, deployments and security with data, and its team page the roll-up, all without JavaScript', { timeout: TEST_TIMEOUT }, async (t) => {
    t.after(closePages);
    const want = pickSignalExpectations(workspace!.contentDir, catalog);
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(entityUrl(portal!.home, want.service));
    for (const id of ['ci', 'test-reports', 'deployments', 'security']) {
      const section = page.locator(`[data-section="${id}"]`);
      assert.equal(await section.isVisible(), true, `section ${id} is on ${want.service}'s page`);
      assert.match(await section.locator('[data-testid="freshness"]').innerText(), /^Collected \d{4}-\d\d-\d\d \d\d:\d\d UTC from .+/, `${id} says when and from where`);
    }
    const lastRuns = want.ci.data.workflows.reduce((n, w) => n + w.lastRuns.length, 0);
    assert.equal(await page.locator('[data-section="ci"] [data-testid="ci-run"]').count(), lastRuns);
    const dispatchable = want.ci.data.workflows.filter((w) => w.dispatchable);
    assert.ok(dispatchable.length > 0, 'the example has a dispatchable workflow');
    assert.deepEqual(await page.locator('[data-testid="run-workflow"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href)), dispatchable.map((w) => w.url));
    if (want.ci.data.flakyJobs.length) assert.match(await page.locator('[data-testid="flaky-jobs"]').innerText(), new RegExp(want.ci.data.flakyJobs[0]!.job));
    assert.equal(await page.locator('[data-testid="tests-total"]').innerText(), String(want.tests.data.tests?.tests));
    if (want.tests.data.coverage) assert.equal(await page.locator('[data-testid="coverage-percent"]').innerText(), `${want.tests.data.coverage.percent}%`);
    assert.equal(await page.locator('[data-testid="workload"]').count(), want.deployments.data.workloads.length);
    for (const [severity, count] of Object.entries(want.security.data.counts)) {
      assert.equal(await page.locator(`[data-testid="severity-counts"] [data-severity="${severity}"] strong`).innerText(), String(count), `${severity} findings`);
    }

    await page.goto(entityUrl(portal!.home, want.team.ref));
    const rollup = page.locator('[data-section="signal-rollup"]');
    assert.equal(await rollup.isVisible(), true, `${want.team.ref} shows its roll-up`);
    assert.equal(await rollup.locator('[data-rollup="failing"] strong').innerText(), String(want.teamRollup.failingDefaultBranches.length));
    assert.equal(await rollup.locator('[data-rollup="criticals"] strong').innerText(), String(want.teamRollup.openCriticals.length));
    assert.equal(await rollup.locator('[data-rollup="stale-deployments"] strong').innerText(), String(want.teamRollup.staleDeployments.length));
    // The JSON twin says the same, and the failing service is one click away.
    const json = JSON.parse(await (await fetch(new URL(`api/signals/teams/${want.team.namespace}/${want.team.name}.json`, portal!.home))).text());
    assert.equal(json.rollup.failingDefaultBranches.length, want.teamRollup.failingDefaultBranches.length);
    await rollup.locator(`[data-testid="rollup-failing"] a[href="${entityUrl(portal!.home, want.failingRef, true)}"]`).click();
    await page.waitForURL(entityUrl(portal!.home, want.failingRef));
    assert.equal(await page.locator('[data-testid="ci-failing"]').isVisible(), true);

    const organisation = (await (await fetch(new URL('api/signals/rollup.json', portal!.home))).json()).organisation;
    await page.goto(portal!.home);
    assert.equal(await page.locator('[data-testid="home-signals"] [data-rollup="failing"] strong').innerText(), String(organisation.failingDefaultBranches.length));
    assert.ok(organisation.failingDefaultBranches.length >= 1);
  });

  test('every page type, and the states scripts reach, pass axe (WCAG 2.2 AA and best practices) in light, dark and at phone width', { timeout: 900_000 }, async (t) => {
    const { pages } = await siteCrawl();
    // One page per type found by the crawl: pages added later are covered once they are linked.
    const targets: SweepTarget[] = await onePagePerType(pages);
    assert.ok(targets.some((target) => target.label === 'entity-graph'), 'a system\'s explore-graph page is among them');
    const { word } = pickSearchTarget(catalog);
    const { user } = pickPersonWithTeam(catalog);
    const component = pickRichComponent(catalog);
    const stored = `localStorage.setItem('backlot-me', ${JSON.stringify(JSON.stringify({ ref: user.ref, name: displayName(user) }))});`
      + `localStorage.setItem('backlot-stars', ${JSON.stringify(JSON.stringify([{ ref: component.ref, name: displayName(component), kind: component.kind }]))});`;
    targets.push(
      { label: 'search with results', url: new URL(`search/?q=${encodeURIComponent(word)}`, portal!.home).href, prepare: async (page) => { await page.locator('[data-testid="search-result"] mark').first().waitFor({ timeout: 15_000 }); } },
      { label: 'header suggestions open', url: new URL('org/', portal!.home).href, prepare: async (page) => {
        const input = page.locator('[data-testid="header-search"] input[type="search"]');
        await input.click();
        await input.pressSequentially(word, { delay: 10 });
        await page.locator('[data-testid="suggestions"] [role="option"]').first().waitFor({ timeout: 15_000 });
      } },
      { label: 'home of a chosen person, with a star', url: portal!.home, initScript: stored, prepare: async (page) => { await page.locator('[data-testid="my-owned"] li').first().waitFor({ timeout: 10_000 }); } },
      // Docs keep Mermaid for ```mermaid blocks (the catalog's diagrams are SVG): checked once drawn.
      { label: 'docs page with a Mermaid diagram', url: new URL('docs/default/domain/platform/context-map/', portal!.home).href, prepare: async (page) => { await page.locator('[data-mermaid][data-rendered="true"] svg').first().waitFor({ timeout: 20_000 }); } },
      { label: 'catalog filtered from the index', url: new URL('catalog/?kind=all&sort=owner&cols=name,kind,owner', portal!.home).href, prepare: async (page) => { await page.locator('[data-testid="catalog-table"] tbody[data-view="index"] tr').first().waitFor({ timeout: 10_000 }); } },
    );
    const { findings, audits } = await sweep(browser!, targets);
    t.diagnostic(`${audits} audits: ${targets.length} pages and states × ${SWEEP_MODES.map((m) => m.name).join(', ')}`);
    assert.equal(findings.length, 0, `serious or critical accessibility violations:\n${formatFindings(findings)}`);
  });

  describe('built with base /portal/', () => {
    let based: BuiltPortal | undefined;
    // Four entities a search page, as a catalog past 10,000 entities has them (default: one).
    const GROUP = 4;
    before(async () => {
      based = await buildAndServe(workspace!, '/portal/', ['--search-group-size', String(GROUP)]);
    }, { timeout: SETUP_TIMEOUT });
    after(async () => {
      await based?.server.stop();
    });

    test('serves its pages, links and search under /portal/ with no broken link and no console error', { timeout: 120_000 }, async (t) => {
      t.after(closePages);
      assert.equal(new URL(based!.home).pathname, '/portal/');
      const { pages, broken } = await crawlSite(based!.home);
      assert.equal(broken.length, 0, `broken links under /portal/:\n${formatBrokenLinks(broken)}`);
      assert.deepEqual(pages.filter((p) => !new URL(p).pathname.startsWith('/portal/')), [], 'every page is under the base path');
      const component = pickRichComponent(catalog);
      assert.ok(pages.includes(entityUrl(based!.home, component.ref)), 'entity pages are reached under the base path');
      const before = errors.length;
      const page = await newPage();
      await page.goto(based!.home);
      await page.locator('[data-testid="nav-catalog"]').click();
      await page.waitForURL(new URL('catalog/', based!.home).href);
      await page.goto(entityUrl(based!.home, component.ref));
      assert.equal((await page.locator('[data-testid="entity-title"]').innerText()).trim(), displayName(component));
      // Search loads Pagefind's index from under the base path and links results under it.
      const { word, target } = pickSearchTarget(catalog);
      const headerSearch = page.locator('[data-testid="header-search"] input[type="search"]');
      await headerSearch.click();
      await headerSearch.pressSequentially(word, { delay: 20 });
      await headerSearch.press('Enter');
      await page.waitForURL((url) => url.pathname === '/portal/search/');
      await page.locator(`[data-testid="search-results"] a[href="${entityUrl(based!.home, target.ref, true)}"]`).first().waitFor({ timeout: 15_000 });
      assert.deepEqual(errors.slice(before), [], 'no console error under /portal/');
    });

    test('with entities sharing search pages, a tag facet lists exactly the entities that have the tag, without counts of pages', { timeout: TEST_TIMEOUT }, async (t) => {
      t.after(closePages);
      // A tag held by some entities of a search page and not by others, so the page's own filter
      // (any of its entities) would list too many: the results must be narrowed per entity.
      const tagged = (tag: string) => catalog.entities.filter((e) => entityFacets(e).tag?.includes(tag));
      const pages = entitySearchPages(catalog.entities, GROUP, (ref) => ref);
      const mixed = (tag: string) => pages.some((p) => p.html.includes(`data-pagefind-filter="tag:${tag}"`) && p.entities > tagged(tag).filter((e) => p.html.includes(`"path":"${e.path}"`) || p.html.includes(`&#x22;path&#x22;:&#x22;${e.path}&#x22;`)).length);
      const tags = [...new Set(catalog.entities.flatMap((e) => entityFacets(e).tag ?? []))].sort();
      const tag = tags.find((t) => tagged(t).length <= 30 && mixed(t));
      assert.ok(tag, 'the example organisation has a tag shared by some but not all entities of a search page');
      const page = await newPage();
      await page.goto(new URL(`search/?tag=${encodeURIComponent(tag)}`, based!.home).href);
      const links = page.locator('[data-testid="search-result"] > a');
      const expected = tagged(tag).map((e) => entityUrl(based!.home, e.ref, true)).sort();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="search-result"]').length === n, expected.length, { timeout: 15_000 });
      const shown = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).sort();
      assert.deepEqual(shown, expected);
      assert.match(await page.locator('[data-testid="search-status"]').innerText(), new RegExp(`^${expected.length} results?`));
      const options = await page.locator('[data-testid="facet-tag"] option').allInnerTexts();
      assert.ok(options.every((o) => !/\(\d+\)$/.test(o)), `no counts of shared pages on the options: ${options.join(', ')}`);
    });
  });
});

/** Polls until the locator matches `n` elements: filtering may be debounced or asynchronous. */
async function waitForCount(locator: Locator, n: number, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = await locator.count();
  while (count !== n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    count = await locator.count();
  }
  assert.equal(count, n, message);
}
