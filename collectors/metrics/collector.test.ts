import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CONFIG_DEFAULTS } from '../../lib/config/schema.ts';
import { readEntityData, type DataEnvelope } from '../../lib/content/entity-data.ts';
import { collectorContext, writeCatalog, type EntityFixture } from '../shared/catalog-fixture.ts';
import { metricsCollector } from './collector.ts';
import { DEFAULT_METRIC_QUERIES, type MetricsConfig } from './config.ts';
import type { EntityMetrics } from './records.ts';
import { lastValue } from './series.ts';
import { openMetricsHistory } from './testing/history.ts';
import { startPrometheus, type PrometheusServer } from './testing/prometheus-server.ts';

// One real Prometheus (Debian's package) for the file, with six hours of known history.
const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const nowSeconds = now.getTime() / 1000;
let prometheus: PrometheusServer;
let history = '';

before(async () => {
  prometheus = await startPrometheus({
    openMetrics: (history = openMetricsHistory(
      [
        { service: 'checkout', okPerSecond: 9.5, errorsPerSecond: 0.5, under100ms: 0.5, under500ms: 0.98, memoryBytes: 300e6, memoryLimitBytes: 1e9, hole: [3 * 3600, 2 * 3600] },
        { service: 'search', okPerSecond: 2, errorsPerSecond: 0, under100ms: 1, under500ms: 1, memoryBytes: 800e6, memoryLimitBytes: 1e9 },
      ],
      nowSeconds,
      6,
    )),
  });
});
after(async () => prometheus?.stop());

function project(entities: EntityFixture[]) {
  const root = mkdtempSync(path.join(tmpdir(), 'backlot-metrics-'));
  const contentDir = path.join(root, 'content');
  writeCatalog(contentDir, entities);
  return { root, contentDir };
}

async function collect(root: string, contentDir: string, metrics: Partial<MetricsConfig>, at = now) {
  const log: string[] = [];
  const config = { exports: { dir: path.join(root, 'exports') }, metrics: { ...CONFIG_DEFAULTS.metrics, hours: 6, stepSeconds: 300, ...metrics } };
  const report = await metricsCollector.collect(collectorContext('metrics', { root, contentDir, now: at, log, config }));
  const envelope = (ref: string) => readEntityData(contentDir, 'metrics', ref) as DataEnvelope<EntityMetrics> | undefined;
  const record = (ref: string) => envelope(ref)!.data;
  return { report, record, envelope, log: log.join('') };
}

const near = (actual: number | undefined, expected: number, tolerance = 1e-3) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${actual} ≈ ${expected}`);

test('queries the real Prometheus with the templates and the entity name; stores compact series with the gap as nulls', async () => {
  const { root, contentDir } = project([{ kind: 'component', name: 'checkout' }, { kind: 'component', name: 'search' }]);
  const { report, record } = await collect(root, contentDir, { url: prometheus.url });
  assert.equal(report.partial, false);
  assert.equal(report.stats?.queries, 8);
  assert.equal(report.stats?.requests, 8);
  const checkout = record('component:default/checkout');
  assert.deepEqual(checkout.charts.map((c) => c.id), ['request-rate', 'error-ratio', 'latency-p95', 'saturation']);
  const chart = (id: string) => checkout.charts.find((c) => c.id === id)!;
  const rate = chart('request-rate');
  assert.equal(rate.origin, 'prometheus');
  assert.equal(rate.query, 'sum(rate(http_requests_total{service="checkout"}[5m]))');
  const series = rate.series[0]!;
  assert.equal(series.step, 300);
  assert.equal(series.values.length, 6 * 12 + 1);
  near(lastValue(series)?.value, 10);
  // Samples stop 3 h ago and resume 2 h ago: the points in between are nulls, the rest are values.
  const at = (secondsAgo: number) => series.values[Math.round((nowSeconds - secondsAgo - series.start) / 300)];
  assert.equal(at(2.5 * 3600), null);
  near(at(4 * 3600) ?? undefined, 10);
  near(at(1 * 3600) ?? undefined, 10);
  assert.ok(series.values.filter((v) => v === null).length >= 10);
  near(lastValue(chart('error-ratio').series[0]!)?.value, 0.05);
  near(lastValue(chart('saturation').series[0]!)?.value, 0.3);
  // 95th percentile inside the 0.1–0.5 s bucket (50 % → 98 %), interpolated as Prometheus does.
  near(lastValue(chart('latency-p95').series[0]!)?.value, 0.1 + 0.4 * (0.45 / 0.48));
  near(lastValue(record('component:default/search').charts[3]!.series[0]!)?.value, 0.8);
});

test('an annotation replaces a template query; a Prometheus error answer is reported with its message', async () => {
  const { root, contentDir } = project([
    {
      kind: 'component', name: 'checkout',
      annotations: {
        'backlot.dev/prometheus-request-rate': 'sum(rate(http_requests_total{service="checkout",code="500"}[5m]))',
        'backlot.dev/prometheus-broken': 'sum(rate(',
      },
    },
  ]);
  const { report, record } = await collect(root, contentDir, { url: prometheus.url, queries: DEFAULT_METRIC_QUERIES.slice(0, 1) });
  const checkout = record('component:default/checkout');
  near(lastValue(checkout.charts.find((c) => c.id === 'request-rate')!.series[0]!)?.value, 0.5);
  const broken = checkout.charts.find((c) => c.id === 'broken')!;
  assert.deepEqual(broken.series, []);
  assert.match(broken.error ?? '', /answered 400: bad_data: .*parse error/);
  assert.equal(report.partial, true);
});

test('a Prometheus that is down leaves the last good series, marked stale', async () => {
  const { root, contentDir } = project([{ kind: 'component', name: 'search' }]);
  const first = await collect(root, contentDir, { url: prometheus.url, queries: DEFAULT_METRIC_QUERIES.slice(0, 1) });
  const good = first.record('component:default/search').charts[0]!;
  const down = await startPrometheus();
  await down.stop();
  const later = new Date(now.getTime() + 600_000);
  const second = await collect(root, contentDir, { url: down.url, queries: DEFAULT_METRIC_QUERIES.slice(0, 1) }, later);
  assert.equal(second.report.partial, true);
  // Every query of the entity failed: its whole envelope is the last good one, marked stale.
  const kept = second.envelope('component:default/search')!;
  assert.deepEqual(kept.data.charts[0]!.series, good.series);
  assert.match(kept.stale?.error ?? '', /cannot reach http:\/\/127\.0\.0\.1:\d+/);
  assert.equal(kept.stale?.lastSuccessAt, now.toISOString());
  assert.equal(kept.stale?.failedAt, later.toISOString());
  assert.equal(kept.collectedAt, now.toISOString());
  assert.match(second.log, /metrics: 1 query failed: cannot reach/);
});

test('a Prometheus that answers the same query with an error leaves the last good series, marked stale, with its message', async () => {
  const { root, contentDir } = project([{ kind: 'component', name: 'checkout' }]);
  const queries = DEFAULT_METRIC_QUERIES.slice(0, 1);
  const first = await collect(root, contentDir, { url: prometheus.url, queries });
  const good = first.record('component:default/checkout').charts[0]!;
  assert.ok(good.series[0]!.values.length > 0);
  // The same data, but a sample limit this query exceeds: Prometheus itself answers with an error.
  const strict = await startPrometheus({ openMetrics: history, flags: ['--query.max-samples=10'] });
  try {
    const second = await collect(root, contentDir, { url: strict.url, queries }, new Date(now.getTime() + 600_000));
    const kept = second.envelope('component:default/checkout')!;
    assert.deepEqual(kept.data.charts[0]!.series, good.series);
    assert.match(kept.stale?.error ?? '', /answered 422: execution: query processing would load too many samples/);
    assert.equal(second.report.failures.length, 1);
  } finally {
    await strict.stop();
  }
});

test('one query failing among good ones keeps that chart\'s last good series, marked stale, beside fresh charts', async () => {
  const good = { 'backlot.dev/prometheus-errors': 'sum(rate(http_requests_total{service="checkout",code="500"}[5m]))' };
  const { root, contentDir } = project([{ kind: 'component', name: 'checkout', annotations: good }]);
  const queries = DEFAULT_METRIC_QUERIES.slice(0, 1);
  const first = await collect(root, contentDir, { url: prometheus.url, queries });
  const before = first.record('component:default/checkout').charts.find((c) => c.id === 'errors')!;
  writeCatalog(contentDir, [{ kind: 'component', name: 'checkout', annotations: { 'backlot.dev/prometheus-errors': 'sum(rate(' } }]);
  const second = await collect(root, contentDir, { url: prometheus.url, queries }, new Date(now.getTime() + 600_000));
  const envelope = second.envelope('component:default/checkout')!;
  assert.equal(envelope.stale, undefined, 'the entity itself is fresh');
  const errors = envelope.data.charts.find((c) => c.id === 'errors')!;
  assert.deepEqual(errors.series, before.series);
  assert.match(errors.stale?.error ?? '', /bad_data/);
  assert.equal(errors.stale?.lastSuccessAt, now.toISOString());
  assert.equal(envelope.data.charts.find((c) => c.id === 'request-rate')!.stale, undefined);
});

test('snapshot files in Prometheus format from the exports folder become charts without a Prometheus', async () => {
  const { root, contentDir } = project([{ kind: 'component', name: 'checkout' }]);
  const dir = path.join(root, 'exports/metrics/default/component/checkout'); // <exports.dir>/metrics by default
  mkdirSync(dir, { recursive: true });
  const query = encodeURIComponent('sum(rate(http_requests_total{service="checkout"}[5m]))');
  const saved = await fetch(`${prometheus.url}/api/v1/query_range?query=${query}&start=${nowSeconds - 3600}&end=${nowSeconds}&step=600`);
  writeFileSync(path.join(dir, 'request-rate.json'), await saved.text());
  writeFileSync(path.join(dir, 'latency-p95.json'), '{"status":"success","data":{"resultType":"vector","result":[]}}');
  const { record } = await collect(root, contentDir, {});
  const checkout = record('component:default/checkout');
  const rate = checkout.charts.find((c) => c.id === 'request-rate')!;
  assert.equal(rate.origin, 'snapshot');
  assert.equal(rate.title, 'Request rate');
  assert.equal(rate.series[0]!.step, 600);
  assert.equal(rate.series[0]!.values.length, 7);
  near(lastValue(rate.series[0]!)?.value, 10);
  assert.match(checkout.problems[0] ?? '', /latency-p95\.json is not a query_range response/);
});

test('dashboard links come from the Grafana and Datadog annotations, only when http(s)', async () => {
  const { root, contentDir } = project([
    { kind: 'component', name: 'web', annotations: { 'grafana/overview-dashboard': 'https://grafana.example.com/d/abc', 'datadoghq.com/dashboard-url': 'javascript:alert(1)' } },
    { kind: 'component', name: 'quiet' },
  ]);
  const { record } = await collect(root, contentDir, {});
  const web = record('component:default/web');
  assert.deepEqual(web.dashboards, [{ title: 'Grafana', url: 'https://grafana.example.com/d/abc', annotation: 'grafana/overview-dashboard' }]);
  assert.match(web.problems[0]!, /datadoghq\.com\/dashboard-url is not an http\(s\) URL/);
  assert.equal(readEntityData(contentDir, 'metrics', 'component:default/quiet'), undefined);
});
