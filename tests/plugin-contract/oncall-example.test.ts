// The plugin contract, end to end, through its worked example: an organisation's collector
// (examples/plugins/oncall/) reads the catalog and an export, writes per-entity data, keeps last
// good data when the export breaks; its section (src/sections/oncall.astro) shows it on the entity
// page with its freshness, in the section menu, and only where there is data. Real CLI, real
// build, real Chromium.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT, runBacklot } from '../e2e/support/backlot-cli.ts';
import { launchChromium } from '../e2e/support/chromium.ts';
import { startPreview, type PreviewServer } from '../e2e/support/preview-server.ts';

const HOSTILE = '<img src=x onerror="window.__pwned=1">%%{init: {"theme":"forest"}}%% graph LR; A-->B';

let dir: string;
let outDir: string;
let server: PreviewServer;
let browser: Browser;
let collectResults: { first: number; second: number; stderr: string };

async function writeCatalog(root: string) {
  const docs = [
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\n  title: Web shop\nspec:\n  type: website\n  lifecycle: production\n  owner: team-a',
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: gateway\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a',
  ];
  await writeFile(path.join(root, 'catalog-info.yaml'), docs.join('\n---\n') + '\n');
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-plugin-'));
  await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
  outDir = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'plugin-'));
  const catalogRoot = path.join(dir, 'org');
  const exportsDir = path.join(dir, 'exports');
  await mkdir(catalogRoot, { recursive: true });
  await mkdir(exportsDir, { recursive: true });
  await writeCatalog(catalogRoot);
  const config = path.join(dir, 'backlot.config.yaml');
  await writeFile(config, [
    'title: Plugin test',
    'catalog:',
    `  locations: [${JSON.stringify(path.join(catalogRoot, 'catalog-info.yaml'))}]`,
    `collectors: [catalog, ${JSON.stringify(path.join(PROJECT_ROOT, 'examples/plugins/oncall/collector.ts'))}]`,
    'exports:',
    `  dir: ${JSON.stringify(exportsDir)}`,
    'sections: [{ id: about }, { id: relations }, { id: oncall }, { id: problems }]',
    '',
  ].join('\n'));
  const content = path.join(dir, 'content');
  const common = ['--config', config, '--content-dir', content, '--cache-dir', path.join(dir, 'cache'), '--quiet'];
  await writeFile(path.join(exportsDir, 'oncall.json'), JSON.stringify({ rotas: [
    { entity: 'component:default/web', primary: 'Ada Lovelace', scheduleUrl: 'https://rota.example/web' },
    { entity: 'component:default/gateway', primary: HOSTILE, scheduleUrl: 'javascript:window.__pwned=2' },
  ] }));
  const first = await runBacklot(['collect', ...common]);
  // The export breaks: the run is partial (exit 3) and both entities keep their data, marked stale.
  await writeFile(path.join(exportsDir, 'oncall.json'), '{ "rotas": [ broken');
  const second = await runBacklot(['collect', ...common], { okCodes: [3] });
  collectResults = { first: first.code, second: second.code, stderr: second.stderr };
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

test('a collector that needs the catalog says so when it has not been collected', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'backlot-plugin-empty-'));
  try {
    const config = path.join(empty, 'backlot.config.yaml');
    await writeFile(config, `collectors: [catalog, ${JSON.stringify(path.join(PROJECT_ROOT, 'examples/plugins/oncall/collector.ts'))}]\n`);
    const result = await runBacklot(['collect', '--config', config, '--content-dir', path.join(empty, 'content'), '--cache-dir', path.join(empty, 'cache'), '--only', path.join(PROJECT_ROOT, 'examples/plugins/oncall/collector.ts')], { okCodes: [1] });
    assert.match(result.stderr, /collector oncall failed.*no catalog in .*run the catalog collector first/s);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test('a broken export keeps the last good data of every entity, marked stale, and the run is partial', async () => {
  assert.equal(collectResults.first, 0);
  assert.equal(collectResults.second, 3);
  assert.match(collectResults.stderr, /oncall\.json: .*JSON/);
  const envelope = JSON.parse(await readFile(path.join(dir, 'content', 'oncall', 'entities', 'default', 'component', 'web.json'), 'utf8'));
  assert.equal(envelope.data.primary, 'Ada Lovelace');
  assert.equal(envelope.source.name, 'on-call export (oncall.json)');
  assert.equal(envelope.stale.lastSuccessAt, envelope.collectedAt);
  assert.match(envelope.stale.error, /oncall\.json/);
});

test('the entity page shows the section with its freshness and stale mark, reachable from the section menu without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(new URL('catalog/default/component/web/', server.origin).href);
    const menu = page.getByTestId('section-menu');
    assert.deepEqual(await menu.locator('a').allTextContents(), ['Overview', 'Relations', 'On call'], 'problems is empty here, so it is left out');
    await menu.getByRole('link', { name: 'On call' }).click();
    assert.equal(new URL(page.url()).hash, '#section-oncall');
    const section = page.locator('[data-section="oncall"]');
    assert.equal(await section.getByTestId('oncall-primary').innerText(), 'Ada Lovelace · rota');
    assert.match(await section.getByTestId('freshness').innerText(), /^Collected .+ from on-call export \(oncall\.json\)\.$/);
    assert.match(await section.getByTestId('freshness-stale').innerText(), /^Stale: last good data from .+; latest read failed .+: .*oncall\.json/);
  } finally {
    await context.close();
  }
});

test('an entity without data has no such section and no menu entry', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(new URL('catalog/default/group/team-a/', server.origin).href);
    assert.equal(await page.locator('[data-section="oncall"]').count(), 0);
    assert.deepEqual(await page.getByTestId('section-menu').locator('a').allTextContents(), ['Overview', 'Relations']);
  } finally {
    await page.close();
  }
});

test('hostile collected values are shown as text: no element, no script, no javascript: link', async () => {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  try {
    await page.goto(new URL('catalog/default/component/gateway/', server.origin).href);
    const section = page.locator('[data-section="oncall"]');
    assert.equal(await section.getByTestId('oncall-primary').innerText(), HOSTILE, 'the value is shown exactly, as text');
    assert.equal(await section.locator('img').count(), 0);
    assert.equal(await section.locator('a[href^="javascript:"]').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
  } finally {
    await page.close();
  }
});
