import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { catalogCollector } from './collector.ts';
import { createCollectorContext } from '../context.ts';
import { parseConfig } from '../../lib/config/load.ts';
import { createLogger } from '../../lib/log/logger.ts';
import type { CatalogMeta, EntityRecord } from '../../lib/content/records.ts';
import type { Problem } from '../../lib/catalog/types.ts';

const ORG = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: root
spec:
  targets:
    - ./team.yaml
    - ./payments/catalog-info.yaml
`,
  'team.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
spec:
  type: team
  children: []
`,
  'payments/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  description: Takes card payments.
spec:
  type: service
  lifecycle: production
  owner: payments-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  type: service
  lifecycle: production
  owner: payments-team
  dependsOn: [component:payments-api]
`,
};

async function makeOrg(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-collect-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, 'org', name)), { recursive: true });
    await writeFile(path.join(dir, 'org', name), text);
  }
  return dir;
}

async function collect(dir: string, now = new Date('2026-11-25T10:00:00Z')) {
  const lines: string[] = [];
  const logger = createLogger({ stream: { write: (s: string) => (lines.push(s), true) } });
  const config = parseConfig('catalog:\n  locations: [org/catalog-info.yaml]\n');
  const outDir = path.join(dir, 'content', 'catalog');
  const report = await catalogCollector.collect(createCollectorContext({ config, root: dir, contentDir: path.join(dir, 'content'), cacheRoot: path.join(dir, '.cache'), logger, now, env: {} }, 'catalog'));
  return { report, outDir, log: lines.join('') };
}

async function readRecord(outDir: string, ns: string, kind: string, name: string): Promise<EntityRecord> {
  return JSON.parse(await readFile(path.join(outDir, 'entities', ns, kind, `${name}.json`), 'utf8')) as EntityRecord;
}

test('writes one record per entity at entities/<namespace>/<kind>/<name>.json, with relations both ways', async () => {
  const dir = await makeOrg(ORG);
  try {
    const { report, outDir } = await collect(dir);
    assert.equal(report.items, 4); // the root Location, the Group and two Components
    const ledger = await readRecord(outDir, 'default', 'component', 'ledger');
    assert.equal(ledger.ref, 'component:default/ledger');
    assert.equal(ledger.collectedAt, '2026-11-25T10:00:00.000Z');
    assert.equal(ledger.source.line, 11);
    assert.match(ledger.source.file, /payments\/catalog-info\.yaml$/);
    assert.ok(ledger.entity.relations?.some((r) => r.type === 'dependsOn' && r.targetRef === 'component:default/payments-api'));
    const api = await readRecord(outDir, 'default', 'component', 'payments-api');
    assert.ok(api.entity.relations?.some((r) => r.type === 'dependencyOf' && r.targetRef === 'component:default/ledger'));
    const team = await readRecord(outDir, 'default', 'group', 'payments-team');
    assert.ok(team.entity.relations?.some((r) => r.type === 'ownerOf' && r.targetRef === 'component:default/ledger'));
    const meta = JSON.parse(await readFile(path.join(outDir, 'meta.json'), 'utf8')) as CatalogMeta;
    assert.equal(meta.entityCount, 4);
    assert.equal(meta.countsByKind.component, 2);
    assert.equal(meta.collectedAt, '2026-11-25T10:00:00.000Z');
    assert.deepEqual(JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a descriptor that stops parsing keeps its last good entities, marked stale, and the run is partial', async () => {
  const dir = await makeOrg(ORG);
  try {
    await collect(dir, new Date('2026-11-25T10:00:00Z'));
    await writeFile(path.join(dir, 'org', 'payments', 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: [unclosed\n');
    const { report, outDir } = await collect(dir, new Date('2026-11-26T10:00:00Z'));
    assert.equal(report.partial, true);
    const ledger = await readRecord(outDir, 'default', 'component', 'ledger');
    assert.ok(ledger.stale, 'ledger is kept and marked stale');
    assert.equal(ledger.stale.lastSuccessAt, '2026-11-25T10:00:00.000Z');
    assert.equal(ledger.stale.failedAt, '2026-11-26T10:00:00.000Z');
    assert.match(ledger.stale.error, /payments\/catalog-info\.yaml:\d+:\d+:/);
    const problems = JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')) as Problem[];
    assert.ok(problems.some((p) => p.severity === 'error' && /payments\/catalog-info\.yaml$/.test(p.file)), 'the YAML error is still reported');
    // The other file was unaffected and is fresh.
    const team = await readRecord(outDir, 'default', 'group', 'payments-team');
    assert.equal(team.stale, undefined);
    assert.equal(team.collectedAt, '2026-11-26T10:00:00.000Z');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an invalid entity is left out and reported; the rest of the catalog still loads', async () => {
  const dir = await makeOrg({
    ...ORG,
    'team.yaml': ORG['team.yaml'] + `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my service
spec:
  type: service
  lifecycle: production
  owner: payments-team
`,
  });
  try {
    const { report, outDir, log } = await collect(dir);
    assert.equal(report.items, 4);
    const problems = JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')) as Problem[];
    const bad = problems.find((p) => p.severity === 'error');
    assert.ok(bad, 'the invalid name is reported');
    assert.match(bad.file, /team\.yaml$/);
    assert.equal(bad.line, 12);
    assert.match(log, /team\.yaml:12:\d+:/);
    const files = await readdir(path.join(outDir, 'entities', 'default', 'component'));
    assert.deepEqual(files.sort(), ['ledger.json', 'payments-api.json']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a warning found while reading (an unknown kind) is kept on the entity\'s record, and the entity is kept too', async () => {
  const dir = await makeOrg({
    ...ORG,
    'team.yaml': ORG['team.yaml'] + `---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: gadget
spec: {}
`,
  });
  try {
    const { outDir } = await collect(dir);
    const widget = await readRecord(outDir, 'default', 'widget', 'gadget');
    assert.deepEqual(widget.problems.map((p) => [p.rule, p.severity, p.line]), [['unknown-kind', 'warning', 10]]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an API whose $text is missing is still written, its definition marked unresolved, with one problem; a large one carries a large-definition warning', async () => {
  const api = (name: string, target: string) => `---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  definition:
    $text: ${target}
`;
  const dir = await makeOrg({ ...ORG, 'team.yaml': ORG['team.yaml'] + api('gone', './nope.yaml') + api('huge', './huge.json'), 'huge.json': JSON.stringify({ openapi: '3.0.0', x: 'y'.repeat(300_000) }) });
  try {
    const { outDir, log } = await collect(dir);
    const gone = await readRecord(outDir, 'default', 'api', 'gone');
    assert.deepEqual(gone.unresolved?.map((u) => [u.path, u.target]), [['spec.definition', './nope.yaml']]);
    assert.deepEqual(gone.problems.map((p) => p.rule), ['placeholder-missing']);
    const problems = JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')) as Problem[];
    assert.deepEqual(problems.filter((p) => p.entityRef === 'api:default/gone').map((p) => p.rule), ['placeholder-missing']);
    const huge = await readRecord(outDir, 'default', 'api', 'huge');
    assert.deepEqual(huge.problems.map((p) => [p.rule, p.severity, p.line]), [['large-definition', 'warning', 29]]);
    assert.match(log, /warning: .*spec\.definition is 293 kB, over the 256 kB the API page renders as a reference/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file reached from two configured locations is read once: no duplicate entities', async () => {
  const dir = await makeOrg(ORG);
  try {
    const lines: string[] = [];
    const logger = createLogger({ stream: { write: (s: string) => (lines.push(s), true) } });
    const config = parseConfig('catalog:\n  locations: [org/catalog-info.yaml, org/team.yaml, org/payments/catalog-info.yaml]\n');
    const outDir = path.join(dir, 'content', 'catalog');
    const report = await catalogCollector.collect(createCollectorContext({ config, root: dir, contentDir: path.join(dir, 'content'), cacheRoot: path.join(dir, '.cache'), logger, now: new Date(), env: {} }, 'catalog'));
    assert.equal(report.items, 4);
    assert.deepEqual(JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('catalog.allowedHosts: a $text URL on an allowed host is read only from a public address (a server on 127.0.0.1 is refused); other hosts are "not fetched" warnings', async () => {
  const { createServer } = await import('node:http');
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('openapi: 3.0.0\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/openapi.yaml`;
  const dir = await makeOrg({ ...ORG, 'team.yaml': ORG['team.yaml'] + `---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: local-spec
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  definition:
    $text: ${url}
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: elsewhere
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  definition:
    $text: https://specs.example.com/openapi.yaml
` });
  try {
    const logger = createLogger({ stream: { write: () => true } });
    const config = parseConfig('catalog:\n  locations: [org/catalog-info.yaml]\n  allowedHosts: [127.0.0.1]\n  urlTimeoutMs: 2000\n');
    const outDir = path.join(dir, 'content', 'catalog');
    await catalogCollector.collect(createCollectorContext({ config, root: dir, contentDir: path.join(dir, 'content'), cacheRoot: path.join(dir, '.cache'), logger, now: new Date(), env: {} }, 'catalog'));
    const problems = JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')) as Problem[];
    const byRef = (ref: string) => problems.filter((p) => p.entityRef === ref).map((p) => [p.rule, p.severity]);
    assert.deepEqual(byRef('api:default/local-spec'), [['placeholder-unreadable', 'error']]);
    assert.match(problems.find((p) => p.entityRef === 'api:default/local-spec')!.message, /loopback, link-local, private or reserved/);
    assert.deepEqual(byRef('api:default/elsewhere'), [['placeholder-not-fetched', 'warning']]);
    assert.equal(hits, 0);
    // Both APIs are kept, their definitions marked unresolved.
    assert.deepEqual((await readRecord(outDir, 'default', 'api', 'elsewhere')).unresolved?.map((u) => u.path), ['spec.definition']);
  } finally {
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
