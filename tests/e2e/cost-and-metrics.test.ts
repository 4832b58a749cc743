// Cost and metrics as a person sees them: a small organisation is collected with the real CLI
// against a real Prometheus (Debian's package, started here with a known history) and a FOCUS
// export, built, served, and read in Chromium with real clicks — including export and label
// values that carry markup, which must show as text and never run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { PROJECT_ROOT, runBacklot } from './support/backlot-cli.ts';
import { startPreview, type PreviewServer } from './support/preview-server.ts';
import { openMetricsHistory } from '../../collectors/metrics/testing/history.ts';
import { startPrometheus, type PrometheusServer } from '../../collectors/metrics/testing/prometheus-server.ts';

const ATTACK = '<img src=x onerror="window.__attacked=1">';
const SCRIPT = '</title><script>window.__attacked=2</script>';
const CURRENCY = '<b>XBT</b>';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  title: Checkout
  annotations:
    grafana/overview-dashboard: https://grafana.example.com/d/checkout
    datadoghq.com/dashboard-url: javascript:window.__attacked=3
    backlot.dev/prometheus-pods: sum by (pod) (pod_memory_bytes)
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: search
  title: Search
  annotations:
    backlot.dev/cost-tags: app=search
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments, title: Payments }
spec: { type: team, children: [] }
`;

const row = (cost: string, currency: string, date: string, service: string, tags: string) =>
  [cost, currency, date, `"${service.replaceAll('"', '""')}"`, 'AWS', 'NULL', `"${tags.replaceAll('"', '""')}"`].join(',');
const focus = [
  'BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ProviderName,ResourceId,Tags',
  row('100.10', 'USD', '2026-09-03 00:00:00', 'Amazon EC2', '{"backstage.io/component": "checkout"}'),
  row('150.25', 'USD', '2026-10-03 00:00:00', 'Amazon EC2', '{"backstage.io/component": "checkout"}'),
  row('20.005', 'USD', '2026-10-03 00:00:00', SCRIPT, '{"backstage.io/component": "checkout"}'),
  row('40.00', 'USD', '2026-10-04 00:00:00', 'Amazon S3', '{"app": "search"}'),
  row('30.00', 'USD', '2026-10-04 00:00:00', 'AWS Config', 'NULL'),
  row('7.50', CURRENCY, '2026-10-04 00:00:00', 'Amazon S3', `{"team": ${JSON.stringify(ATTACK)}}`),
].join('\n');

describe('cost and metrics in the browser', { timeout: 480_000 }, () => {
  let dir: string;
  let prometheus: PrometheusServer | undefined;
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  const now = Math.floor(Date.now() / 3_600_000) * 3600;
  const dialogs: string[] = [];

  before(async () => {
    browser = await launchChromium();
    const history = openMetricsHistory(
      [{ service: 'checkout', okPerSecond: 9.5, errorsPerSecond: 0.5, under100ms: 0.5, under500ms: 0.98, memoryBytes: 3e8, memoryLimitBytes: 1e9, hole: [3 * 3600, 2 * 3600] }],
      now,
      24,
    ).replace(
      '# EOF',
      [
        '# TYPE pod_memory_bytes unknown',
        ...[`checkout-1`, ATTACK.replaceAll('"', '\\"'), SCRIPT].flatMap((pod, i) =>
          Array.from({ length: 24 }, (_, h) => `pod_memory_bytes{pod="${pod}"} ${(i + 1) * 1e8} ${now - 86400 + h * 3600}`)),
        '# EOF',
      ].join('\n'),
    );
    prometheus = await startPrometheus({ openMetrics: history });
    dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-e2e-cost-'));
    await mkdir(path.join(dir, 'exports/cost'), { recursive: true });
    await writeFile(path.join(dir, 'catalog-info.yaml'), catalog);
    await writeFile(path.join(dir, 'exports/cost/focus.csv'), focus);
    const config = path.join(dir, 'backlot.config.yaml');
    await writeFile(
      config,
      [
        'title: Backlot',
        `catalog: { locations: [${JSON.stringify(path.join(dir, 'catalog-info.yaml'))}] }`,
        'collectors: [catalog, metrics, cost]',
        `exports: { dir: ${JSON.stringify(path.join(dir, 'exports'))} }`,
        `metrics: { url: ${JSON.stringify(prometheus.url)}, hours: 24, stepSeconds: 600 }`,
      ].join('\n') + '\n',
    );
    const content = path.join(dir, 'content');
    // Exit 3 (partial) is expected: the hostile Datadog URL is reported, not linked.
    await runBacklot(['collect', '--config', config, '--content-dir', content, '--cache-dir', path.join(dir, 'cache'), '--quiet'], { okCodes: [0, 3] });
    await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
    const out = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'e2e-cost-'));
    await runBacklot(['build', '--config', config, '--content-dir', content, '--out', path.join(out, 'dist'), '--no-budgets', '--quiet']);
    dir = `${dir}\n${out}`;
    server = await startPreview(['--out', path.join(out, 'dist'), '--config', config]);
  }, { timeout: 300_000 });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await prometheus?.stop();
    for (const d of (dir ?? '').split('\n').filter(Boolean)) await rm(d, { recursive: true, force: true });
  }, { timeout: 30_000 });

  async function open(url: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser!.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(new URL(url, server!.origin).href);
    return page;
  }

  const attacked = (page: Page) => page.evaluate(() => (window as unknown as { __attacked?: number }).__attacked);

  test('the entity page draws the metrics as SVG charts, without JavaScript, with the gap as a gap', async () => {
    const page = await open('catalog/default/component/checkout/', false);
    const section = page.locator('[data-testid="section-metrics"]');
    const rate = section.locator('[data-chart-id="request-rate"]');
    assert.equal(await rate.locator('[data-testid="metric-last"]').innerText(), 'now 10 req/s');
    assert.match(await rate.locator('svg desc').textContent() ?? '', /Request rate over 24 h: last value 10 req\/s .*points have no data \(gaps\)/);
    const d = await rate.locator('.metric-series path').getAttribute('d');
    assert.ok((d?.match(/M/g) ?? []).length >= 2, 'the line is broken where Prometheus had no samples');
    assert.equal(await section.locator('svg[role="img"]').count(), 5);
    assert.equal(await section.locator('[data-chart-id="error-ratio"] [data-testid="metric-last"]').innerText(), 'now 5 %');
    assert.deepEqual(await section.locator('[data-testid="dashboards"] a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])), [['Grafana', 'https://grafana.example.com/d/checkout']]);
    assert.match(await section.locator('[data-testid="metrics-problems"]').innerText(), /datadoghq\.com\/dashboard-url is not an http\(s\) URL/);
    assert.match(await section.locator('[data-testid="freshness"]').innerText(), /^Collected .* UTC from Prometheus\.$/);
    const menu = await page.locator('[data-testid="section-menu"] a').allInnerTexts();
    assert.ok(menu.includes('Metrics') && menu.includes('Cost'), menu.join(', '));
    await page.context().close();
  });

  test('label values with markup are legend text, never elements', async () => {
    const page = await open('catalog/default/component/checkout/');
    const pods = page.locator('[data-chart-id="pods"]');
    const legend = await pods.locator('.metric-legend').innerText();
    assert.ok(legend.includes(`pod=${ATTACK}`), legend);
    assert.ok(legend.includes(`pod=${SCRIPT}`), legend);
    assert.equal(await pods.locator('img, script').count(), 0);
    assert.equal(await attacked(page), undefined);
    await page.context().close();
  });

  test('cost on the entity page, the team total on its page, and /cost/ reached by a click', async () => {
    const page = await open('catalog/default/component/checkout/');
    const cost = page.locator('[data-testid="section-cost"]');
    const total = await cost.locator('[data-currency="USD"] [data-testid="cost-total-row"]').innerText();
    assert.match(total, /Total\s+100\.10\s+170\.26\s+\+70\.16/);
    // A service name with markup is a row of text.
    assert.ok((await cost.innerText()).includes(SCRIPT));
    assert.equal(await cost.locator('script, img').count(), 0);

    await page.locator('[data-testid="section-about"], body').first().getByRole('link', { name: 'Payments' }).first().click();
    await page.waitForURL(/group\/payments\/$/);
    const team = page.locator('[data-testid="team-cost"]');
    assert.match(await team.locator('[data-testid="cost-total-row"]').innerText(), /Total\s+100\.10\s+210\.26\s+\+110\.16/);
    assert.equal(await team.locator('[data-testid="team-members-cost"] tbody tr').count(), 2);

    await page.getByRole('link', { name: 'All cost' }).click();
    await page.waitForURL(/\/cost\/$/);
    const usd = await page.locator('[data-testid="cost-totals"] table[data-currency="USD"]').innerText();
    assert.match(usd, /Oct 2026\s+240\.26\s+210\.26\s+30\.00\s+12\.5 %/);
    const other = await page.locator('[data-testid="cost-totals"] table:not([data-currency="USD"])').innerText();
    assert.match(other, /Oct 2026\s+7\.50\s+0\.00\s+7\.50\s+100\.0 %/);
    const currencies = await page.locator('[data-testid="cost-totals"] [data-testid="cost-currency"]').allInnerTexts();
    assert.deepEqual(currencies.sort(), [CURRENCY, 'USD'].sort(), 'a currency with markup is its own text, never added to USD');
    assert.match(await page.locator('[data-testid="cost-movers"]').innerText(), /Checkout.*\+70\.16/s);
    assert.match(await page.locator('[data-testid="cost-rows"]').innerText(), /6 rows read: 4 allocated, 2 unallocated, 0 skipped/);
    const unallocated = await page.locator('[data-testid="cost-unallocated"]').innerText();
    assert.match(unallocated, /tag team names no entity in the catalog: 1 row/);
    assert.ok(unallocated.includes(`team=${ATTACK}`), 'a tag value with markup is reported as text');
    assert.equal(await page.locator('main img, main script').count(), 0);
    assert.equal(await attacked(page), undefined);

    await page.locator('[data-testid="cost-movers"]').getByRole('link', { name: 'Checkout' }).click();
    await page.waitForURL(/component\/checkout\/$/);
    assert.deepEqual(dialogs, []);
    await page.context().close();
  });

  test('the JSON twins carry the exact amounts', async () => {
    const summary = (await (await fetch(new URL('api/cost.json', server!.origin))).json()) as { data: { total: { currencies: { currency: string; total: string }[] } } };
    assert.deepEqual(summary.data.total.currencies.map((c) => [c.currency, c.total]), [[CURRENCY, '7.5'], ['USD', '340.355']].sort());
    const checkout = (await (await fetch(new URL('api/cost/default/component/checkout.json', server!.origin))).json()) as { data: { cost: { currencies: { total: string }[] } } };
    assert.equal(checkout.data.cost.currencies[0]!.total, '270.355');
    const metrics = (await (await fetch(new URL('api/metrics/default/component/checkout.json', server!.origin))).json()) as { source: { name: string }; data: { charts: { id: string }[] } };
    assert.equal(metrics.source.name, 'Prometheus');
    assert.deepEqual(metrics.data.charts.map((c) => c.id), ['request-rate', 'error-ratio', 'latency-p95', 'saturation', 'pods']);
  });
});
