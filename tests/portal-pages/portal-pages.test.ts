// The portal's pages on one small built catalog, in Chromium. Diagrams drawn at build time: visible
// and usable without JavaScript (a node is a link to its entity), scrollable by keyboard at phone
// width, and a descriptor title written as Mermaid directives or diagram syntax is only ever text,
// on entity and explore-graph pages. Team and person pages: members with pictures, what they own (a
// person through their teams), their problems; the problems page in the navigation.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT, runBacklot } from '../e2e/support/backlot-cli.ts';
import { launchChromium } from '../e2e/support/chromium.ts';
import { startPreview, type PreviewServer } from '../e2e/support/preview-server.ts';

/** Markup, both quotes, an SVG closing tag and a javascript: URL: must stay text in the SVG's labels and names. */
const MARKUP_TITLE = `</text></svg><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> "q" 'q' <a href="javascript:alert(1)">x</a> javascript:alert(1)`;
const MERMAID_TITLE = '%%{init: {"theme":"forest","themeCSS":"@import url(https://evil.example/x.css); .node rect {fill: red}"}}%% graph LR; A-->B; click A "javascript:alert(1)"';

let dir: string;
let outDir: string;
let server: PreviewServer;
let browser: Browser;

const yamlString = (s: string) => JSON.stringify(s);
const doc = (kind: string, name: string, spec: Record<string, string | string[] | Record<string, string>>, title?: string) =>
  [`apiVersion: backstage.io/v1alpha1`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, ...(title ? [`  title: ${yamlString(title)}`] : []), 'spec:',
    ...Object.entries(spec).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : typeof v === 'object' ? JSON.stringify(v) : v}`)].join('\n');

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-diagrams-'));
  await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
  outDir = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'diagrams-'));
  const org = path.join(dir, 'org');
  await mkdir(org, { recursive: true });
  await writeFile(path.join(org, 'catalog-info.yaml'), [
    doc('Group', 'team-a', { type: 'team', children: [] }, 'Team A'),
    doc('Domain', 'commerce', { owner: 'team-a' }, 'Commerce'),
    doc('System', 'shop', { owner: 'team-a', domain: 'commerce' }, 'Shop'),
    doc('Component', 'web', { type: 'website', lifecycle: 'production', owner: 'team-a', system: 'shop', consumesApis: ['orders-api'], dependsOn: ['resource:evil-db', 'component:evil-markup'] }, 'Web shop'),
    doc('System', 'evil-system', { owner: 'team-a' }, MARKUP_TITLE),
    doc('Component', 'evil-markup', { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'evil-system' }, MARKUP_TITLE),
    doc('API', 'orders-api', { type: 'openapi', lifecycle: 'production', owner: 'team-a', system: 'shop', definition: '"openapi: 3.0.0"' }, 'Orders API'),
    doc('Resource', 'evil-db', { type: 'database', owner: 'team-a' }, MERMAID_TITLE),
    doc('Component', 'lonely', { type: 'service', lifecycle: 'production', owner: 'team-a' }, 'Lonely service'),
    doc('Component', 'broken', { type: 'service', lifecycle: 'experimental', owner: 'team-a', dependsOn: ['component:no-such-thing'] }, 'Broken service'),
    doc('User', 'ada', { memberOf: ['team-a'], profile: { displayName: 'Ada Lovelace', picture: 'https://avatars.example/ada.png' } }),
    doc('User', 'bob', { memberOf: ['team-a'], profile: { displayName: 'Bob', picture: 'javascript:alert(1)' } }),
    doc('Component', 'ada-tool', { type: 'library', lifecycle: 'production', owner: 'user:ada' }, 'Ada tool'),
  ].join('\n---\n') + '\n');
  const config = path.join(dir, 'backlot.config.yaml');
  await writeFile(config, `title: Diagrams\ncatalog:\n  locations: [${JSON.stringify(path.join(org, 'catalog-info.yaml'))}]\n`);
  const content = path.join(dir, 'content');
  await runBacklot(['collect', '--config', config, '--content-dir', content, '--cache-dir', path.join(dir, 'cache'), '--quiet']);
  await runBacklot(['build', '--config', config, '--content-dir', content, '--out', outDir, '--quiet']);
  server = await startPreview(['--out', outDir, '--config', config]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

const url = (p: string) => new URL(p, server.origin).href;

test('without JavaScript the diagram is there, and clicking a node opens that entity', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url('catalog/default/component/web/'));
    const diagram = page.locator('[data-section="diagram"] svg');
    assert.equal(await diagram.count(), 1);
    assert.deepEqual((await diagram.locator('.diagram-edge-labels text').allTextContents()).sort(), ['consumes', 'depends on', 'depends on', 'owned by', 'part of']);
    await diagram.locator('a[data-ref="api:default/orders-api"]').click();
    await page.waitForURL(/\/catalog\/default\/api\/orders-api\/$/);
    assert.equal(await page.getByTestId('entity-title').innerText(), 'Orders API');
  } finally {
    await context.close();
  }
});

test('nodes are keyboard-focusable links with a text alternative', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(url('catalog/default/component/web/'));
    const node = page.locator('[data-section="diagram"] a[data-ref="system:default/shop"]');
    // Named by what it shows (axe: the visible text is part of the name), the page's own node marked.
    assert.equal(await page.locator('[data-section="diagram"]').getByRole('link', { name: 'Shop System', exact: true }).getAttribute('data-ref'), 'system:default/shop');
    assert.equal(await page.locator('[data-section="diagram"] a[aria-current="page"]').getAttribute('data-ref'), 'component:default/web');
    await node.focus();
    assert.equal(await page.evaluate(() => (document.activeElement as Element | null)?.getAttribute('data-ref')), 'system:default/shop');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/catalog\/default\/system\/shop\/$/);
  } finally {
    await page.close();
  }
});

test('a system page draws its parts inside its boundary and its outside neighbours outside it', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(url('catalog/default/system/shop/'));
    const svg = page.locator('[data-section="diagram"] svg');
    const box = await svg.locator('.diagram-boundary rect').boundingBox();
    const inside = async (ref: string) => {
      const b = (await svg.locator(`[data-ref="${ref}"] rect`).boundingBox())!;
      return b.x >= box!.x && b.y >= box!.y && b.x + b.width <= box!.x + box!.width && b.y + b.height <= box!.y + box!.height;
    };
    assert.equal(await inside('component:default/web'), true);
    assert.equal(await inside('api:default/orders-api'), true);
    assert.equal(await inside('resource:default/evil-db'), false, 'the database is not part of the system');
  } finally {
    await page.close();
  }
});

test('at phone width a wide diagram scrolls in a labelled region the keyboard can reach', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const page = await context.newPage();
    await page.goto(url('catalog/default/system/shop/'));
    const region = page.locator('[data-section="diagram"] .diagram-scroll');
    assert.equal(await region.getAttribute('role'), 'region');
    assert.equal(await region.getAttribute('aria-label'), 'System diagram of Shop');
    assert.equal(await region.getAttribute('tabindex'), '0');
    const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    assert.ok(scrollWidth > clientWidth, `the drawing keeps its size and scrolls (${scrollWidth} > ${clientWidth})`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page itself does not scroll sideways');
  } finally {
    await context.close();
  }
});

test('a title made of Mermaid directives and diagram syntax is only text, and changes no other page', async () => {
  const page = await browser.newPage();
  const outside: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).hostname !== '127.0.0.1') outside.push(r.url());
  });
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  try {
    await page.goto(url('catalog/default/component/web/'));
    const node = page.locator('[data-section="diagram"] a[data-ref="resource:default/evil-db"]');
    assert.equal(await node.locator('desc').textContent(), MERMAID_TITLE, 'the title cut to fit is described in full');
    assert.match(await node.locator('.diagram-node-title').textContent() ?? '', /^%%\{init: /, 'drawn as text (cut to fit)');
    const tags = await page.locator('[data-section="diagram"] svg *').evaluateAll((els) => [...new Set(els.map((e) => e.localName))].sort());
    assert.deepEqual(tags, ['a', 'defs', 'desc', 'g', 'marker', 'path', 'rect', 'text', 'tspan'], 'only the drawing\'s own elements: no style, script or foreignObject');
    const fill = async () => page.locator('[data-section="diagram"] a[data-ref="api:default/orders-api"] rect').evaluate((el) => getComputedStyle(el).fill);
    const before = await fill();
    await page.goto(url('catalog/default/resource/evil-db/'));
    assert.equal(await page.getByTestId('entity-title').innerText(), MERMAID_TITLE);
    await page.goto(url('catalog/default/component/web/'));
    assert.equal(await fill(), before, 'no restyling after visiting the hostile page');
    assert.notEqual(before, 'rgb(255, 0, 0)');
    await page.goto(url('catalog/default/component/lonely/'));
    assert.equal(await page.locator('[data-section="diagram"]').count(), 1, 'the owner is still drawn');
    assert.equal(await page.locator('[data-section="diagram"]').innerText().then((t) => t.includes('%%')), false);
    assert.deepEqual(outside, [], 'no request leaves the site');
    assert.deepEqual(dialogs, []);
  } finally {
    await page.close();
  }
});

test('a title of markup, quotes and javascript: URLs is only text in a node and in a boundary: nothing runs, no link leaves the site', async () => {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  try {
    for (const [path, ref] of [['catalog/default/component/web/', 'component:default/evil-markup'], ['catalog/default/system/evil-system/', 'component:default/evil-markup']] as const) {
      await page.goto(url(path));
      const svg = page.locator('[data-section="diagram"] svg');
      const node = svg.locator(`a[data-ref="${ref}"]`);
      assert.equal(await node.locator('desc').textContent(), MARKUP_TITLE, 'the title cut to fit is described in full');
      assert.match(await node.locator('.diagram-node-title').textContent() ?? '', /^<\/text><\/svg><script>/, 'drawn as text (cut to fit)');
      const tags = await svg.locator('*').evaluateAll((els) => [...new Set(els.map((e) => e.localName))].sort());
      assert.deepEqual(tags, ['a', 'defs', 'desc', 'g', 'marker', 'path', 'rect', 'text', 'tspan'], `${path}: no script, img, foreignObject or style in the drawing`);
      const hrefs = await svg.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(hrefs.every((h) => h.startsWith('/catalog/')), `${path}: every node links into the catalog (${hrefs.join(', ')})`);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    }
    assert.equal(await page.locator('[data-section="diagram"] .diagram-boundary text').textContent(), `System: ${MARKUP_TITLE}`);
    await page.locator('[data-section="diagram"] a[data-ref="component:default/evil-markup"]').click();
    await page.waitForURL(/\/catalog\/default\/component\/evil-markup\/$/);
    assert.equal(await page.getByTestId('entity-title').innerText(), MARKUP_TITLE);
    assert.deepEqual(dialogs, []);
  } finally {
    await page.close();
  }
});

test('on the explore-graph pages too, hostile titles are only text: in the heading, the box, the nodes and the links', async () => {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const outside: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  page.on('request', (r) => {
    if (new URL(r.url()).hostname !== '127.0.0.1') outside.push(r.url());
  });
  try {
    const cases = [
      { path: 'catalog/default/system/evil-system/graph/1-all-lr/', view: 'depth 1, all relations, left to right', title: MARKUP_TITLE, node: 'component:default/evil-markup', nodeTitle: MARKUP_TITLE },
      { path: 'catalog/default/system/shop/graph/2-apis-tb/', view: 'depth 2, APIs and dependencies, top to bottom', title: 'Shop', node: 'resource:default/evil-db', nodeTitle: MERMAID_TITLE },
    ];
    for (const c of cases) {
      await page.goto(url(c.path));
      assert.equal(await page.getByTestId('graph-title').innerText(), `Graph of ${c.title}`);
      assert.equal(await page.title(), `Graph of ${c.title} (System), ${c.view} · Diagrams`, 'each view has its own title');
      const svg = page.locator('[data-testid="graph-view"] svg');
      assert.equal(await svg.locator('.diagram-boundary text').textContent(), `System: ${c.title}`);
      const node = svg.locator(`a[data-ref="${c.node}"]`);
      assert.equal(await node.locator('desc').textContent(), c.nodeTitle, 'the title cut to fit is described in full');
      const tags = await svg.locator('*').evaluateAll((els) => [...new Set(els.map((e) => e.localName))].sort());
      assert.deepEqual(tags, ['a', 'defs', 'desc', 'g', 'marker', 'path', 'rect', 'text', 'tspan'], `${c.path}: no script, img, foreignObject or style in the drawing`);
      const hrefs = await page.locator('[data-testid="graph-view"] a, [data-testid="graph-controls"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('/catalog/')), `${c.path}: every link stays in the catalog (${hrefs.join(', ')})`);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(outside, [], 'no request leaves the site');
  } finally {
    await page.close();
  }
});

test('a team page lists its members with pictures (http(s) only), what it owns with type and lifecycle, and its problems', async () => {
  const page = await browser.newPage();
  const pictures: string[] = [];
  await page.route('https://avatars.example/**', (route) => {
    pictures.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"/>' });
  });
  try {
    await page.goto(url('catalog/default/group/team-a/'));
    const members = page.getByTestId('member-list');
    assert.deepEqual(await members.locator('a').allTextContents(), ['Ada Lovelace', 'Bob']);
    assert.equal(await members.locator('[data-member="user:default/ada"] img').getAttribute('src'), 'https://avatars.example/ada.png');
    assert.equal(await members.locator('[data-member="user:default/bob"] img').count(), 0, 'a javascript: picture is ignored');
    const rows = await page.getByTestId('owned-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(rows.find((r) => r[0] === 'Broken service'), ['Broken service', 'Component', 'service', 'experimental']);
    assert.ok(rows.some((r) => r[0] === 'Shop' && r[1] === 'System'));
    const problems = page.locator('[data-section="problems"]');
    assert.match(await problems.innerText(), /spec\.dependsOn\.0 refers to component:default\/no-such-thing/);
    await problems.getByRole('link', { name: 'Broken service' }).click();
    await page.waitForURL(/\/catalog\/default\/component\/broken\/$/);
    assert.deepEqual(await page.getByTestId('section-menu').locator('a').allTextContents(), ['Overview', 'Relations', 'Diagram', 'Problems']);
  } finally {
    await page.close();
  }
});

test('a person\'s page shows what they own directly and through their teams', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(url('catalog/default/user/ada/'));
    const rows = await page.getByTestId('owned-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(rows.find((r) => r[0] === 'Ada tool'), ['Ada tool', 'Component', 'library', 'production', 'directly']);
    assert.deepEqual(rows.find((r) => r[0] === 'Web shop'), ['Web shop', 'Component', 'website', 'production', 'Team A']);
  } finally {
    await page.close();
  }
});

test('the problems page is in the navigation; each problem links to its entity', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(url(''));
    await page.getByTestId('nav-problems').click();
    await page.waitForURL(/\/problems\/$/);
    assert.equal(await page.getByTestId('nav-problems').getAttribute('aria-current'), 'page');
    const item = page.getByTestId('problem-list').locator('li', { hasText: 'no-such-thing' });
    await item.getByRole('link', { name: 'Broken service' }).click();
    await page.waitForURL(/\/catalog\/default\/component\/broken\/$/);
  } finally {
    await page.close();
  }
});

test('diagrams.explore: false builds no explore-graph views and no link to them; the diagram itself stays', async () => {
  const { existsSync, readFileSync } = await import('node:fs');
  const config = path.join(dir, 'no-explore.config.yaml');
  await writeFile(config, `title: Diagrams\ncatalog:\n  locations: [${JSON.stringify(path.join(dir, 'org', 'catalog-info.yaml'))}]\ndiagrams:\n  explore: false\n`);
  const quietOut = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'no-explore-'));
  try {
    await runBacklot(['build', '--config', config, '--content-dir', path.join(dir, 'content'), '--out', quietOut, '--quiet']);
    const shop = path.join(quietOut, 'catalog', 'default', 'system', 'shop');
    const html = readFileSync(path.join(shop, 'index.html'), 'utf8');
    assert.match(html, /data-section="diagram"/, 'the system diagram is still drawn');
    assert.doesNotMatch(html, /data-testid="explore-graph"/, 'no link to views that do not exist');
    assert.equal(existsSync(path.join(shop, 'graph')), false, 'no graph views rendered');
    // And with the default (the shared build above), both are there.
    assert.equal(existsSync(path.join(outDir, 'catalog', 'default', 'system', 'shop', 'graph', '2-all-lr', 'index.html')), true);
  } finally {
    await rm(quietOut, { recursive: true, force: true });
  }
});
