// Service signals carry text from other systems (test names, failure messages, workflow and job
// names, image names, scanner titles and links): built into a page and opened in Chromium, every
// hostile value shows as text — no script runs, no element is injected, no javascript: link.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createStaticServer } from '../../src/build/static-server.ts';
import { launchChromium } from './support/chromium.ts';
import { CONTENT_FORMAT_VERSION } from '../../lib/content/records.ts';
import { entityPagePath } from '../../lib/content/paths.ts';
import { PROJECT_ROOT } from './support/backlot-cli.ts';

const attack = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const evilUrl = 'javascript:window.__pwned=3';
const at = '2026-11-20T10:00:00Z';

function write(dir: string, file: string, value: unknown) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), JSON.stringify(value));
}

function hostileContent(dir: string) {
  const record = (kind: string, name: string, spec: object, relations: object[], links: object = {}) => ({
    ref: `${kind}:default/${name}`, kind, namespace: 'default', name, title: name, path: entityPagePath(`${kind}:default/${name}`), links,
    entity: { apiVersion: 'backstage.io/v1alpha1', kind: kind === 'group' ? 'Group' : 'Component', metadata: { name }, spec, relations },
    source: { file: `${name}/catalog-info.yaml`, line: 1, column: 1 }, problems: [], collectedAt: at,
  });
  write(dir, 'catalog/entities/default/group/team.json', record('group', 'team', { type: 'team', children: [] }, [{ type: 'ownerOf', targetRef: 'component:default/svc' }]));
  write(dir, 'catalog/entities/default/component/svc.json', record('component', 'svc', { type: 'service', lifecycle: 'production', owner: 'group:default/team' }, [{ type: 'ownedBy', targetRef: 'group:default/team' }], { owner: { ref: 'group:default/team', kind: 'group', title: 'team', path: entityPagePath('group:default/team') } }));
  write(dir, 'catalog/meta.json', { formatVersion: CONTENT_FORMAT_VERSION, collectedAt: at, source: 'local', origin: 'test', entityCount: 2, countsByKind: {}, problemCounts: { error: 0, warning: 0 }, filesRead: 1, durationMs: 1 });
  const envelope = (data: object) => ({ ref: 'component:default/svc', collectedAt: at, source: { name: attack, url: evilUrl }, notes: [attack], data });
  const run = { id: 1, workflowId: 1, status: 'completed', conclusion: 'failure', headSha: 'abcdef1234', title: attack, event: 'push', actor: attack, createdAt: at, durationSeconds: 60, attempt: 1, url: evilUrl };
  write(dir, 'ci/entities/default/component/svc.json', envelope({
    repository: attack, defaultBranch: attack, failing: true,
    workflows: [{ id: 1, name: attack, path: attack, url: evilUrl, dispatchable: true, lastRuns: [run], runs30d: 1, successRate30d: 0, failing: true }],
    flakyJobs: [{ workflow: attack, job: attack, occurrences: 1, lastSeenAt: at }],
  }));
  write(dir, 'test-reports/entities/default/component/svc.json', envelope({
    tests: { tests: 1, passed: 0, failures: 1, errors: 0, skipped: 0, durationSeconds: 1, failed: [{ name: attack, classname: attack, kind: 'failure', message: attack, file: attack }], slowest: [{ name: attack, seconds: 1 }] },
    coverage: { format: 'lcov', lines: { covered: 1, total: 2 }, percent: 50, files: 1 },
    coverageTrend: [{ at, percent: 40 }, { at: '2026-11-21T10:00:00Z', percent: 50 }], commit: attack, runUrl: evilUrl, reports: [attack],
  }));
  write(dir, 'deployments/entities/default/component/svc.json', envelope({
    environments: [{ environment: attack, ref: attack, sha: attack, creator: attack, state: attack, createdAt: at, since: at, environmentUrl: evilUrl, deploymentId: 1 }],
    workloads: [{ kind: attack, name: attack, namespace: attack, desired: 1, ready: 0, images: [attack], restarts: 1, pods: 1, file: attack }],
    stale: true, staleReason: attack,
  }));
  write(dir, 'security/entities/default/component/svc.json', envelope({
    counts: { critical: 1, high: 0, medium: 0, low: 0 },
    worst: [{ id: attack, title: attack, severity: 'critical', tool: attack, package: attack, version: attack, fixedIn: attack, url: evilUrl, createdAt: at }],
    oldestCriticalAt: at, secretAlerts: 1,
    sources: [{ name: attack, available: false, reason: attack }],
  }));
}

describe('hostile service-signal content in a real browser', { timeout: 300_000 }, () => {
  const content = mkdtempSync(path.join(tmpdir(), 'backlot-signals-hostile-'));
  mkdirSync(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const out = mkdtempSync(path.join(PROJECT_ROOT, 'test-results', 'signals-hostile-'));
  let browser: Browser;
  let server: ReturnType<typeof createStaticServer>;
  let origin: string;

  before(async () => {
    hostileContent(content);
    const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'cli/backlot.ts'), 'build', '--content-dir', content, '--out', out, '--no-budgets', '--quiet'], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    assert.equal(built.status, 0, built.stderr);
    server = createStaticServer(out, '/');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, { timeout: 240_000 });

  after(async () => {
    await browser?.close();
    // A failed build leaves no server; awaiting its close would wait forever.
    if (server) await new Promise((resolve) => server.close(resolve));
    rmSync(content, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  for (const [what, pagePath] of [['the service page', 'catalog/default/component/svc/'], ['the team page', 'catalog/default/group/team/'], ['the home page', '']] as const) {
    it(`${what}: the values show as text, nothing runs, nothing is injected`, async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${origin}/${pagePath}`, { waitUntil: 'load' });
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'no injected script or handler ran');
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'no injected element');
      assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0, 'no javascript: link');
      assert.deepEqual(dialogs, []);
      if (pagePath.includes('component')) {
        for (const id of ['ci', 'test-reports', 'deployments', 'security']) {
          assert.match(await page.locator(`[data-section="${id}"]`).innerText(), /<img src=x onerror=/, `${id} shows the value as text`);
        }
        assert.equal(await page.locator('[data-testid="run-workflow"]').count(), 0, 'a dispatch link with an unsafe URL is not offered');
      }
      await page.close();
    });
  }
});
