import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CONFIG_DEFAULTS } from '../../lib/config/schema.ts';
import { readEntityData, readOrganisationData, type DataEnvelope } from '../../lib/content/entity-data.ts';
import { collectorContext, writeCatalog, type EntityFixture } from '../shared/catalog-fixture.ts';
import type { CostConfig } from './config.ts';
import { costCollector } from './collector.ts';
import { DecimalSum, formatDecimal, parseDecimal } from './decimal.ts';
import type { CostSummary, EntityCost } from './records.ts';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

/** A project folder with a catalog as the catalog collector writes it, and exports. */
function project(entities: EntityFixture[], exports: Record<string, string | Buffer>) {
  const root = mkdtempSync(path.join(tmpdir(), 'backlot-cost-collector-'));
  const contentDir = path.join(root, 'content');
  writeCatalog(contentDir, entities);
  mkdirSync(path.join(root, 'exports/cost'), { recursive: true });
  for (const [name, content] of Object.entries(exports)) writeFileSync(path.join(root, 'exports/cost', name), content);
  return { root, contentDir };
}

async function collect(root: string, contentDir: string, cost: Partial<CostConfig> = {}, now = new Date('2026-02-01T00:00:00Z')) {
  const log: string[] = [];
  const context = collectorContext('cost', { root, contentDir, now, log, config: { exports: { dir: path.join(root, 'exports') }, cost: { ...CONFIG_DEFAULTS.cost, ...cost } } });
  const report = await costCollector.collect(context);
  const envelope = readOrganisationData(contentDir, 'cost', 'summary') as DataEnvelope<CostSummary>;
  const record = (ref: string) => readEntityData(contentDir, 'cost', ref) as DataEnvelope<EntityCost> | undefined;
  return { report, summary: envelope.data, envelope, record, log: log.join('') };
}

const total = (amounts: string[]) => {
  const sum = new DecimalSum();
  for (const a of amounts) sum.add(parseDecimal(a)!);
  return formatDecimal(sum.value);
};

test('the real FOCUS sample: tags an entity claims allocate its rows; allocated + unallocated is the whole, exactly', async () => {
  const { root, contentDir } = project(
    [
      { kind: 'component', name: 'matrix', owner: 'group:default/peoria', annotations: { 'backlot.dev/cost-tags': 'application=BrightPathMatrix' } },
      { kind: 'component', name: 'zoom', owner: 'group:default/peoria', annotations: { 'backlot.dev/cost-tags': 'application=ZoomMapMax, application=PrimeManagerDrive' } },
      { kind: 'group', name: 'peoria' },
    ],
    { 'focus.csv': readFileSync(fixture('focus-1.0-sample.csv')) },
  );
  const { report, summary, record } = await collect(root, contentDir);
  assert.equal(report.partial, false);
  assert.equal(summary.rows.read, 1000);
  assert.equal(summary.rows.allocated, 176 + 17 + 10);
  assert.equal(summary.rows.unallocated, 1000 - 203);
  assert.equal(summary.rows.skipped, 0);
  assert.deepEqual(summary.rows.unallocatedBy.map((r) => r.reason), ['no allocation tag and no listed resource id']);

  const matrix = record('component:default/matrix')!.data;
  assert.equal(record('component:default/matrix')!.source.name, 'cost export focus.csv');
  assert.equal(matrix.cost.currencies[0]!.currency, 'USD');
  const zoom = record('component:default/zoom')!.data;
  const usd = (c: { currencies: { currency: string; total: string }[] }) => c.currencies.find((x) => x.currency === 'USD')!.total;
  assert.equal(total([usd(matrix.cost), usd(zoom.cost), usd(summary.unallocated)]), usd(summary.total));
  const team = summary.teams.find((t) => t.ref === 'group:default/peoria')!;
  assert.deepEqual(team.entities, ['component:default/matrix', 'component:default/zoom']);
  assert.equal(usd(team.cost), total([usd(matrix.cost), usd(zoom.cost)]));
  // Each entity's months add up to its services.
  const september = matrix.cost.currencies[0]!.months[0]!;
  assert.equal(september.month, '2024-09');
  assert.equal(total(september.byService.map((s) => s.amount)), september.total);
});

const header = 'BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ProviderName,ResourceId,Tags';
const row = (cost: string, currency: string, date: string, service: string, resource: string, tags: string) =>
  [cost, currency, date, service, 'AWS', resource, `"${tags.replaceAll('"', '""')}"`].join(',');

test('resource ids in an annotation win over tags; configured tag keys name entities; currencies stay apart', async () => {
  const { root, contentDir } = project(
    [
      { kind: 'component', name: 'payments', owner: 'group:default/team-a', annotations: { 'backlot.dev/cost-resource-ids': 'arn:db-1,\narn:db-2' } },
      { kind: 'component', name: 'search', owner: 'group:default/team-a' },
      { kind: 'group', name: 'team-a' },
    ],
    {
      'a.csv': [
        header,
        row('10.10', 'USD', '2025-12-03 00:00:00', 'RDS', 'arn:db-1', '{"backstage.io/component": "search"}'),
        row('1.01', 'USD', '2025-12-04 00:00:00', 'EC2', 'i-1', '{"backstage.io/component": "search"}'),
        row('2.00', 'EUR', '2025-12-04 00:00:00', 'EC2', 'i-1', '{"backstage.io/component": "search"}'),
        row('3.00', 'USD', '2026-01-04 00:00:00', 'EC2', 'i-1', '{"backstage.io/component": "search"}'),
        row('4.00', 'USD', '2026-01-04 00:00:00', 'S3', 'b-1', '{"team": "team-a"}'),
        row('5.00', 'USD', '2026-01-04 00:00:00', 'S3', 'b-2', '{"team": "nobody"}'),
        row('6.00', 'USD', '2026-01-04 00:00:00', 'S3', 'b-3', '{"__proto__": "x", "constructor": "y"}'),
        row('7.00', 'USD', '2026-01-04 00:00:00', 'S3', 'b-4', 'not json'),
      ].join('\n'),
    },
  );
  const { summary, record } = await collect(root, contentDir);
  const payments = record('component:default/payments')!.data.cost;
  assert.deepEqual(payments.currencies.map((c) => [c.currency, c.total]), [['USD', '10.1']]);
  const search = record('component:default/search')!.data.cost;
  assert.deepEqual(search.currencies.map((c) => [c.currency, c.total, c.months.map((m) => [m.month, m.total])]), [
    ['EUR', '2', [['2025-12', '2']]],
    ['USD', '4.01', [['2025-12', '1.01'], ['2026-01', '3']]],
  ]);
  const team = summary.teams.find((t) => t.ref === 'group:default/team-a')!;
  assert.deepEqual(team.cost.currencies.map((c) => [c.currency, c.total]), [['EUR', '2'], ['USD', '18.11']]);
  assert.deepEqual(summary.unallocated.currencies.map((c) => [c.currency, c.total]), [['USD', '18']]);
  assert.deepEqual(
    summary.rows.unallocatedBy.map((r) => [r.reason, r.count, r.examples]),
    // The row with {"__proto__": …, "constructor": …} tags is refused (lib/parse's one rule), like a cell that is not JSON.
    [['tags are not valid JSON, or hold a __proto__, constructor or prototype key', 2, []], ['tag team names no entity in the catalog', 1, ['team=nobody']]],
  );
  // Month over month: search rose 1.99 in USD; payments fell 10.1 to nothing.
  assert.deepEqual(
    summary.movers.filter((m) => m.currency === 'USD').map((m) => [m.ref, m.change]),
    [['component:default/payments', '-10.1'], ['group:default/team-a', '4'], ['component:default/search', '1.99']],
  );
  assert.equal(JSON.stringify(summary).includes('"__proto__"'), false);
});

test('an export that cannot be read keeps the last good cost, marked stale, and reports it', async () => {
  const { root, contentDir } = project([{ kind: 'component', name: 'search' }], {
    'a.csv': [header, row('1.50', 'USD', '2026-01-04 00:00:00', 'EC2', 'i-1', '{"backstage.io/component": "search"}')].join('\n'),
  });
  const first = await collect(root, contentDir);
  assert.equal(first.record('component:default/search')!.data.cost.currencies[0]!.total, '1.5');
  writeFileSync(path.join(root, 'exports/cost/a.csv'), 'what,is,this\n1,2,3\n');
  const second = await collect(root, contentDir, {}, new Date('2026-02-02T00:00:00Z'));
  assert.equal(second.report.partial, true);
  assert.match(second.report.failures[0]!.message, /matches no known export/);
  const kept = second.record('component:default/search')!;
  assert.equal(kept.data.cost.currencies[0]!.total, '1.5');
  assert.equal(kept.stale?.lastSuccessAt, '2026-02-01T00:00:00.000Z');
  assert.equal(kept.stale?.failedAt, '2026-02-02T00:00:00.000Z');
  assert.equal(second.envelope.stale?.failedAt, '2026-02-02T00:00:00.000Z');
  assert.match(second.log, /exports\/cost\/a\.csv: the header matches no known export/);
});

test('gzip exports in a folder are read like plain ones', async () => {
  const { gzipSync } = await import('node:zlib');
  const { root, contentDir } = project([], { 'azure.csv.gz': gzipSync(readFileSync(fixture('azure-ea-sample.csv'))) });
  copyFileSync(fixture('aws-cur-legacy-sample.csv'), path.join(root, 'exports/cost/cur.csv'));
  const { summary } = await collect(root, contentDir);
  assert.deepEqual(summary.files.map((f) => [f.file, f.format, f.rowsRead]), [
    ['exports/cost/azure.csv.gz', 'azure-ea', 27],
    ['exports/cost/cur.csv', 'aws-cur', 1281],
  ]);
  assert.deepEqual(summary.total.currencies.map((c) => c.currency), ['CAD', 'USD']);
});

test('rows that cannot count are reported by file and line (quoted newlines counted); the rest still count', async () => {
  const { root, contentDir } = project([{ kind: 'component', name: 'search' }], {
    'a.csv': [
      header,
      row('1.50', 'USD', '2026-01-04 00:00:00', '"EC2\nspot"', 'i-1', '{"backstage.io/component": "search"}'),
      row('NULL', 'USD', '2026-01-04 00:00:00', 'EC2', 'i-1', '{"backstage.io/component": "search"}'),
      row('2', 'USD', 'soon', 'EC2', 'i-1', '{"backstage.io/component": "search"}'),
      row('2.25', 'USD', '2026-01-05 00:00:00', 'EC2', 'i-1', '{"backstage.io/component": "search"}'),
    ].join('\n'),
  });
  const { summary, record, log } = await collect(root, contentDir);
  assert.deepEqual(summary.rows.skippedBy.map((s) => [s.reason, s.examples]), [
    ['BilledCost is empty or NULL', ['exports/cost/a.csv:4']],
    ['ChargePeriodStart is not a date', ['exports/cost/a.csv:5']],
  ]);
  const months = record('component:default/search')!.data.cost.currencies[0]!.months;
  assert.deepEqual(months.map((m) => [m.total, m.byService.map((s) => s.service)]), [['3.75', ['EC2', 'EC2\nspot']]]);
  assert.match(log, /1 rows skipped: ChargePeriodStart is not a date \(e\.g\. exports\/cost\/a\.csv:5\)/);
});

test('AWS CUR with one column per tag: resource ids, then the team tag column, allocate; tag cells may be quoted', async () => {
  const cur = [
    'identity/LineItemId,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/CurrencyCode,lineItem/UnblendedCost,lineItem/ResourceId,resourceTags/user:team,resourceTags/aws:createdBy,product/ProductName',
    '1,2023-11-01T00:00:00Z,AmazonEC2,USD,1.5,i-1,payments,alice,Amazon Elastic Compute Cloud',
    '2,2023-11-02T00:00:00Z,AmazonEC2,USD,2.5,i-2,payments,alice,Amazon Elastic Compute Cloud',
    '3,2023-11-02T00:00:00Z,AmazonEC2,USD,0.25,i-3,"pay""ments",,Amazon Elastic Compute Cloud',
    '4,2023-11-03T00:00:00Z,AmazonS3,USD,4,,,,',
  ].join('\r\n');
  const { root, contentDir } = project(
    [
      { kind: 'group', name: 'payments' },
      { kind: 'component', name: 'vm', owner: 'group:default/payments', annotations: { 'backlot.dev/cost-resource-ids': 'i-2' } },
    ],
    { 'cur.csv': cur },
  );
  const { summary, record } = await collect(root, contentDir);
  assert.deepEqual([summary.files[0]!.format, summary.rows.read, summary.rows.allocated, summary.rows.skipped], ['aws-cur', 4, 2, 0]);
  assert.equal(record('group:default/payments')!.data.cost.currencies[0]!.total, '1.5');
  assert.equal(record('component:default/vm')!.data.cost.currencies[0]!.total, '2.5');
  assert.deepEqual(summary.rows.unallocatedBy.map((r) => [r.reason, r.count, r.examples]), [
    ['no allocation tag and no listed resource id', 1, []],
    ['tag team names no entity in the catalog', 1, ['team=pay"ments']],
  ]);
  assert.deepEqual(summary.unallocated.currencies[0]!.months[0]!.byService.map((s) => [s.service, s.provider, s.amount]), [
    ['Unknown service', 'AWS', '4'],
    ['Amazon Elastic Compute Cloud', 'AWS', '0.25'],
  ]);
});
