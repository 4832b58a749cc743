// Integration: collect the bundled example organisation (examples/) exactly as `npm start` does
// and check what the portal will show. The expected figures are those examples/README.md documents.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogCollector } from './collector.ts';
import { createCollectorContext } from '../context.ts';
import { CONFIG_DEFAULTS } from '../../lib/config/schema.ts';
import { createLogger } from '../../lib/log/logger.ts';
import type { CatalogMeta, EntityRecord } from '../../lib/content/records.ts';
import type { Problem } from '../../lib/catalog/types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let outDir: string;
let items: number;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-examples-'));
  outDir = path.join(dir, 'catalog');
  const cwd = process.cwd();
  process.chdir(ROOT); // problems name files relative to the working directory, as on a terminal
  try {
    const report = await catalogCollector.collect(createCollectorContext({
      config: structuredClone(CONFIG_DEFAULTS),
      root: ROOT,
      contentDir: dir,
      cacheRoot: path.join(dir, 'cache'),
      logger: createLogger({ quiet: true, stream: { write: () => true } }),
      now: new Date('2026-11-25T12:00:00Z'),
      env: {},
    }, 'catalog'));
    items = report.items;
  } finally {
    process.chdir(cwd);
  }
});

after(() => rm(dir, { recursive: true, force: true }));

const record = async (kind: string, name: string) =>
  JSON.parse(await readFile(path.join(outDir, 'entities', 'default', kind, `${name}.json`), 'utf8')) as EntityRecord;
const has = (r: EntityRecord, type: string, target: string) => r.entity.relations?.some((x) => x.type === type && x.targetRef === target) ?? false;

test('the example organisation loads 76 valid entities of all nine kinds', async () => {
  const meta = JSON.parse(await readFile(path.join(outDir, 'meta.json'), 'utf8')) as CatalogMeta;
  assert.equal(items, 76);
  assert.equal(meta.entityCount, 76);
  assert.equal(meta.filesRead, 23);
  assert.deepEqual(meta.countsByKind, {
    location: 4,
    group: 11,
    user: 17,
    domain: 4,
    system: 7,
    component: 15,
    api: 6,
    resource: 10,
    template: 2,
  });
});

test('exactly the two deliberate problems are reported, at their file, line and column', async () => {
  const problems = JSON.parse(await readFile(path.join(outDir, 'problems.json'), 'utf8')) as Problem[];
  assert.deepEqual(
    problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.entityRef}`).sort(),
    [
      'examples/repos/customs-documents/catalog-info.yaml:25:7 error dangling-reference component:default/customs-docs-service',
      'examples/repos/legacy-billing/catalog-info.yaml:8:9 error invalid-name component:default/legacy billing',
    ],
  );
  // The invalid entity is excluded; the one with a dangling reference stays, carrying its problem.
  await assert.rejects(record('component', 'legacy billing'));
  const customs = await record('component', 'customs-docs-service');
  assert.equal(customs.problems.length, 1);
  assert.equal(customs.problems[0]!.rule, 'dangling-reference');
});

test('relations are derived in both directions across repositories', async () => {
  const service = await record('component', 'shipment-service');
  const api = await record('api', 'shipments-api');
  const team = await record('group', 'shipments-team');
  const department = await record('group', 'logistics-engineering');
  const system = await record('system', 'shipment-management');
  const user = await record('user', 'priya-raman');
  const reconciler = await record('component', 'inventory-reconciler');
  const inventory = await record('component', 'inventory-service');
  const db = await record('resource', 'shipments-db');

  assert.ok(has(service, 'providesApi', 'api:default/shipments-api') && has(api, 'apiProvidedBy', 'component:default/shipment-service'));
  assert.ok(has(api, 'apiConsumedBy', 'component:default/customer-web'));
  assert.ok(has(await record('component', 'customer-web'), 'consumesApi', 'api:default/shipments-api'));
  assert.ok(has(service, 'ownedBy', 'group:default/shipments-team') && has(team, 'ownerOf', 'component:default/shipment-service'));
  assert.ok(has(service, 'partOf', 'system:default/shipment-management') && has(system, 'hasPart', 'component:default/shipment-service'));
  assert.ok(has(service, 'dependsOn', 'resource:default/shipments-db') && has(db, 'dependencyOf', 'component:default/shipment-service'));
  assert.ok(has(team, 'childOf', 'group:default/logistics-engineering') && has(department, 'parentOf', 'group:default/shipments-team'));
  assert.ok(has(user, 'memberOf', 'group:default/shipments-team') && has(team, 'hasMember', 'user:default/priya-raman'));
  assert.ok(has(reconciler, 'partOf', 'component:default/inventory-service') && has(inventory, 'hasPart', 'component:default/inventory-reconciler'));
});

test('API definitions are substituted from the files beside the descriptor', async () => {
  const api = await record('api', 'shipments-api');
  assert.equal(api.entity.spec?.type, 'openapi');
  assert.match(String(api.entity.spec?.definition), /^openapi: 3\.0/m);
  const graphql = await record('api', 'tracking-graphql');
  assert.match(String(graphql.entity.spec?.definition), /type Query/);
});
