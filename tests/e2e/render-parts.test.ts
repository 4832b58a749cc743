// A render split across jobs (`backlot build --part i/n`, then `backlot assemble`) gives the site a
// whole build gives — every page, asset and search index file byte for byte — and its one search
// box finds entities whose pages were rendered by different parts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createStaticServer } from '../../src/build/static-server.ts';
import { fileDigests } from '../../src/build/tree-digest.ts';
import { stableShare } from '../../lib/content/stable-share.ts';
import { launchChromium } from './support/chromium.ts';
import { PROJECT_ROOT } from './support/backlot-cli.ts';

const PARTS = 3;

function backlot(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'cli/backlot.ts'), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', ASTRO_TELEMETRY_DISABLED: '1' } });
  return { code: run.status, stderr: run.stderr };
}

describe('a render split into parts and assembled', { timeout: 900_000 }, () => {
  mkdirSync(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const work = mkdtempSync(path.join(PROJECT_ROOT, 'test-results', 'render-parts-'));
  const content = path.join(work, 'content');
  let browser: Browser | undefined;
  let server: ReturnType<typeof createStaticServer> | undefined;
  let origin = '';
  let refs: string[] = [];

  before(async () => {
    const collected = backlot(['collect', '--content-dir', content, '--cache-dir', path.join(work, 'cache'), '--quiet']);
    assert.ok(collected.code === 0 || collected.code === 3, collected.stderr);
    const whole = backlot(['build', '--content-dir', content, '--out', path.join(work, 'whole'), '--quiet']);
    assert.equal(whole.code, 0, whole.stderr);
    for (let i = 1; i <= PARTS; i++) {
      const part = backlot(['build', '--content-dir', content, '--part', `${i}/${PARTS}`, '--out', path.join(work, 'parts', String(i)), '--quiet']);
      assert.equal(part.code, 0, part.stderr);
    }
    const assembled = backlot(['assemble', '--parts', path.join(work, 'parts'), '--content-dir', content, '--out', path.join(work, 'site')]);
    assert.equal(assembled.code, 0, assembled.stderr);
    const catalog = JSON.parse(readFileSync(path.join(work, 'site', 'api', 'catalog.json'), 'utf8')) as { entities: { ref: string }[] };
    refs = catalog.entities.map((e) => e.ref);
    server = createStaticServer(path.join(work, 'site'), '/');
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, { timeout: 880_000 });

  after(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server!.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('every part renders only its share of the entity pages', () => {
    const pagesOf = (i: number) => [...fileDigests(path.join(work, 'parts', String(i))).keys()].filter((f) => /^catalog\/[^/]+\/[^/]+\/[^/]+\/index\.html$/.test(f));
    const counts = Array.from({ length: PARTS }, (_, i) => pagesOf(i + 1).length);
    assert.ok(counts.every((n) => n > 0 && n < refs.length), `each part renders some, not all, of the ${refs.length} entity pages: ${counts}`);
    assert.equal(counts.reduce((a, b) => a + b, 0), refs.length, 'together, each entity page exactly once');
  });

  it('a system\'s or domain\'s graph pages are rendered by the part that renders its page', () => {
    let graphs = 0;
    for (let i = 1; i <= PARTS; i++) {
      const files = [...fileDigests(path.join(work, 'parts', String(i))).keys()];
      const entities = new Set(files.filter((f) => /^catalog\/[^/]+\/[^/]+\/[^/]+\/index\.html$/.test(f)).map((f) => f.slice(0, -'index.html'.length)));
      const owners = files.map((f) => /^(catalog\/[^/]+\/[^/]+\/[^/]+\/)graph\/[^/]+\/index\.html$/.exec(f)?.[1]).filter((f): f is string => f !== undefined);
      graphs += owners.length;
      assert.deepEqual([...new Set(owners)].filter((o) => !entities.has(o)), [], `part ${i} renders graph pages only of its own entities`);
    }
    const systems = refs.filter((r) => r.startsWith('system:') || r.startsWith('domain:')).length;
    assert.equal(graphs, systems * 18, 'together, each view of each system and domain exactly once');
  });

  it('the parts carry no search index: the assembly writes it', () => {
    for (let i = 1; i <= PARTS; i++) assert.equal(existsSync(path.join(work, 'parts', String(i), 'pagefind')), false, `part ${i} has no pagefind/`);
  });

  it('the assembled site is the whole build, byte for byte, search index included', () => {
    const whole = fileDigests(path.join(work, 'whole'));
    const site = fileDigests(path.join(work, 'site'));
    assert.ok([...site.keys()].some((f) => f.startsWith('pagefind/') && f.endsWith('.pf_meta')), 'the assembled site has a search index');
    assert.deepEqual([...site.keys()], [...whole.keys()], 'the same files');
    const different = [...whole].filter(([file, digest]) => site.get(file) !== digest).map(([file]) => file);
    assert.deepEqual(different, []);
  });

  it('one search box finds entities rendered by different parts', async () => {
    const page = await browser!.newPage();
    try {
      // One entity of each part, found by its own name through the search page.
      const byPart = new Map<number, string>();
      for (const ref of refs.filter((r) => r.startsWith('component:'))) byPart.set(stableShare(ref, PARTS), ref);
      assert.equal(byPart.size, PARTS, 'the example organisation has a component in every part');
      for (const ref of byPart.values()) {
        const name = ref.slice(ref.lastIndexOf('/') + 1);
        await page.goto(`${origin}/search/?q=${encodeURIComponent(name)}`);
        await page.locator(`[data-testid="search-results"] a[href$="/catalog/default/component/${name}/"]`).first().waitFor({ timeout: 20_000 });
      }
    } finally {
      await page.close();
    }
  });

  it('a missing part is refused by name, and the site is left as it was', () => {
    rmSync(path.join(work, 'parts', '2'), { recursive: true, force: true });
    const before = fileDigests(path.join(work, 'site'));
    const assembled = backlot(['assemble', '--parts', path.join(work, 'parts'), '--content-dir', content, '--out', path.join(work, 'site')]);
    assert.equal(assembled.code, 1);
    assert.match(assembled.stderr, /part 2\/3 missing/);
    assert.deepEqual(fileDigests(path.join(work, 'site')), before);
  });
});
