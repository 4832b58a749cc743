// The hostile-descriptor spec of issue 13: one catalog that runs every class of hostile input
// (prototype keys, file-system-word names, workflow commands, HTML/diagram/template syntax, kind
// case-variants, a 930 kB definition, unreadable $text, deep nesting, non-UTF-8 bytes) through
// `backlot lint`, `backlot collect`, `backlot build` (budgets on) and Debian's Chromium, and
// asserts that nothing acts as structure and the rest of the portal still builds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { launchChromium } from '../e2e/support/chromium.ts';
import { PROJECT_ROOT, cliEnv, runBacklot, type CliResult } from '../e2e/support/backlot-cli.ts';
import { startPreview, type PreviewServer } from '../e2e/support/preview-server.ts';
import { entityUrl } from '../e2e/support/portal-urls.ts';
import { FILE_SYSTEM_NAMES, HOSTILE_TEXT, writeHostileCatalog, type HostileCatalog } from './hostile-catalog.ts';

/** Lines a GitHub Actions runner would take as workflow commands. */
const commandLines = (output: string) => output.split(/\r?\n/).filter((l) => /^\s*(::|##\[)/.test(l));

/** `backlot lint` run in `cwd`, as the catalog-lint workflow runs it. */
function lintIn(cwd: string, env: NodeJS.ProcessEnv): Promise<CliResult> {
  const child = spawn('node', [path.join(PROJECT_ROOT, 'cli/backlot.ts'), 'lint'], { cwd, env: { ...cliEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

describe('a hostile catalog', { timeout: 600_000 }, () => {
  let dir = '';
  let outRoot = '';
  let catalog: HostileCatalog;
  let lint: CliResult;
  let collect: CliResult;
  let build: CliResult;
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let home = '';

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-hostile-'));
    await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
    outRoot = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'hostile-'));
    catalog = writeHostileCatalog(path.join(dir, 'catalog'));
    const config = path.join(dir, 'backlot.config.yaml');
    await writeFile(config, `title: Hostile\ncatalog:\n  locations:\n    - ${JSON.stringify(catalog.root)}\n`);
    lint = await lintIn(path.dirname(catalog.root), { GITHUB_ACTIONS: 'true' });
    // collect and build run as in the scheduled workflow, where workflow commands are live.
    const previous = process.env.GITHUB_ACTIONS;
    process.env.GITHUB_ACTIONS = 'true';
    try {
      collect = await runBacklot(['collect', '--config', config, '--content-dir', path.join(dir, 'content'), '--cache-dir', path.join(dir, 'cache')], { okCodes: [0, 1, 3] });
      // Budgets on: content from repositories must not fail the build. Three entities a search
      // page, as a large catalog has them, so hostile text also travels in a shared page's metadata.
      build = await runBacklot(['build', '--config', config, '--content-dir', path.join(dir, 'content'), '--out', path.join(outRoot, 'dist'), '--search-group-size', '3']);
    } finally {
      if (previous === undefined) delete process.env.GITHUB_ACTIONS;
      else process.env.GITHUB_ACTIONS = previous;
    }
    server = await startPreview(['--out', path.join(outRoot, 'dist'), '--config', config]);
    home = new URL('/', server.origin).href;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(outRoot, { recursive: true, force: true });
  });

  test('lint reports each class with file:line, and prints no workflow command but its own annotations', () => {
    assert.equal(lint.code, 1);
    for (const rule of ['forbidden-key', 'kind-case', 'too-deep', 'placeholder-missing', 'placeholder-parse', 'invalid-tag']) assert.match(lint.stdout, new RegExp(`^[\\w./-]+\\.yaml:\\d+:\\d+: error: .*\\(${rule}\\)`, 'm'), rule);
    for (const rule of ['not-utf8', 'placeholder-not-fetched', 'unknown-kind']) assert.match(lint.stdout, new RegExp(`: warning: .*\\(${rule}\\)`), rule);
    for (const line of commandLines(lint.stdout + lint.stderr)) assert.match(line, /^::(error|warning) file=[\w./-]+\.yaml,line=\d+,col=\d+,title=[^:\n]*::[^\n]*$/, line);
    assert.doesNotMatch(lint.stdout + lint.stderr, /^\s*::(add-mask|stop-commands)/m);
    assert.doesNotMatch(lint.stdout, /duplicate-entity|Maximum call stack/);
  });

  test('collect writes every valid entity and prints no workflow command at all', async () => {
    assert.deepEqual(commandLines(collect.stdout + collect.stderr), []);
    assert.match(collect.stderr, /Tag "bad tag\\n::add-mask::hunter2" is malformed/);
    const meta = JSON.parse(await readFile(path.join(dir, 'content', 'catalog', 'meta.json'), 'utf8')) as { entityCount: number };
    assert.equal(meta.entityCount, catalog.pages.length + 1, 'the pages, and the root Location');
  });

  test('the build passes its budgets, with a page for every valid entity and none for refused ones', () => {
    assert.equal(build.code, 0);
    const fileOf = (ref: string) => path.join(outRoot, 'dist', decodeURIComponent(entityUrl('http://x/', ref, true)), 'index.html');
    for (const ref of catalog.pages) assert.ok(existsSync(fileOf(ref)), ref);
    for (const ref of catalog.absent) assert.ok(!existsSync(fileOf(ref)), ref);
    assert.match(build.stderr + build.stdout, /budgets: \d+ pages measured/);
  });

  test('in a browser, every page opens without dialogs, outside requests or console errors, and shows hostile text as text', async () => {
    const context = await browser!.newContext();
    const page: Page = await context.newPage();
    const dialogs: string[] = [];
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${page.url()}: ${d.message()}`);
      void d.dismiss();
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === new URL(home).origin) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));

    for (const url of [home, new URL('catalog/', home).href, new URL('problems/', home).href, ...catalog.pages.map((ref) => entityUrl(home, ref))]) {
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, url);
      await page.waitForTimeout(50);
    }
    for (const [i, text] of HOSTILE_TEXT.entries()) {
      await page.goto(entityUrl(home, `component:default/hostile-text-${i}`));
      // The title is shown as the text it is: no element, no diagram, no template made of it.
      assert.equal(await page.locator('[data-testid="entity-title"]').textContent(), text);
      assert.equal(await page.locator('[data-testid="entity-title"] *').count(), 0);
      assert.equal(await page.locator('img[src="x"]').count(), 0);
    }
    for (const name of FILE_SYSTEM_NAMES) {
      await page.goto(entityUrl(home, `component:default/${name}`));
      assert.equal(await page.locator('[data-testid="entity"]').getAttribute('data-entity-ref'), `component:default/${name}`, name);
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('search shows hostile titles and descriptions as text, each result linked to its own entity', async () => {
    const context = await browser!.newContext();
    const page: Page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('search/?q=hostile', home).href);
    const results = page.locator('[data-testid="search-result"]');
    await results.first().waitFor({ timeout: 20_000 });
    for (const [i, text] of HOSTILE_TEXT.entries()) {
      const link = page.locator(`[data-testid="search-result"] > a[href="${entityUrl(home, `component:default/hostile-text-${i}`, true)}"]`);
      await link.waitFor({ timeout: 10_000 });
      assert.equal(await link.textContent(), text, `result ${i} shows its title as written`);
    }
    assert.equal(await page.locator('[data-testid="search-results"] img, [data-testid="search-results"] script').count(), 0);
    // A name that is also a file or folder of the site is found and linked as the entity it is.
    await page.goto(new URL('search/?q=pagefind', home).href);
    await page.locator(`[data-testid="search-result"] > a[href="${entityUrl(home, 'component:default/pagefind', true)}"]`).waitFor({ timeout: 20_000 });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the MCP server\'s remotes are listed, an https one linked and a javascript: one not', async () => {
    const page = await browser!.newPage();
    await page.goto(entityUrl(home, 'api:default/tools-mcp'));
    const remotes = page.locator('[data-testid="api-remotes"] tbody tr');
    assert.equal(await remotes.count(), 2);
    assert.equal(await remotes.nth(0).locator('a').getAttribute('href'), 'https://tools.example.com/mcp');
    assert.equal(await remotes.nth(1).locator('a').count(), 0);
    assert.equal(await remotes.nth(1).locator('code').textContent(), 'javascript:alert(1)');
    await page.close();
  });

  test('an API whose definition could not be read keeps its page, saying why; a 930 kB one is shown raw with a warning', async () => {
    const page = await browser!.newPage();
    await page.goto(entityUrl(home, 'api:default/missing-api'));
    assert.match((await page.locator('[data-testid="api-definition-unresolved"]').textContent()) ?? '', /no-such-file\.yaml does not exist/);
    await page.goto(entityUrl(home, 'api:default/large-api'));
    assert.match(await page.locator('main').innerText(), /over the 256 kB the API page renders as a reference/);
    assert.equal(await page.locator('details.raw[open]').count(), 0, 'the raw definition is collapsed');
    // The consumer's references to both APIs resolve: no dangling reference was made by the missing file.
    await page.goto(entityUrl(home, 'component:default/uses-missing'));
    assert.equal(await page.locator(`a[href$="/catalog/default/api/missing-api/"]`).count() > 0, true);
    await page.close();
  });
});
