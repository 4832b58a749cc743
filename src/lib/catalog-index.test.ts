import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityRecord } from '../../lib/content/records.ts';
import { toEntityRecord } from '../../collectors/catalog/records.ts';
import { buildCatalogIndex, displayName, ownedByKind, ownedProblems, ownerRef, refTitle, relationsByType, resolveRefs } from './catalog-index.ts';

function record(kind: string, name: string, extra: { spec?: Record<string, unknown>; relations?: { type: string; targetRef: string }[]; title?: string; tags?: string[]; problems?: EntityRecord['problems'] } = {}): EntityRecord {
  const ref = `${kind.toLowerCase()}:default/${name}`;
  const entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, title: extra.title, tags: extra.tags }, spec: extra.spec, relations: extra.relations };
  const located = { entity, ref, source: { file: `${name}.yaml`, line: 1, column: 1 }, location: { type: 'file' as const, target: `${name}.yaml` }, positions: {}, problems: extra.problems ?? [] };
  return toEntityRecord(located, { collectedAt: '2026-01-01T00:00:00.000Z' });
}

const team = record('Group', 'team-a', { spec: { type: 'team' }, relations: [{ type: 'ownerOf', targetRef: 'component:default/svc-b' }, { type: 'ownerOf', targetRef: 'api:default/api-a' }, { type: 'ownerOf', targetRef: 'component:default/gone' }] });
const svc = record('Component', 'svc-b', {
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'sys' },
  tags: ['java', 'rest'],
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }, { type: 'dependsOn', targetRef: 'resource:default/db' }, { type: 'dependsOn', targetRef: 'component:default/svc-c' }],
  problems: [{ severity: 'warning', rule: 'r', message: 'm', file: 'f', line: 2, column: 3 }],
});
const api = record('API', 'api-a', { spec: { type: 'openapi', lifecycle: 'experimental', owner: 'user:ada' }, relations: [{ type: 'ownedBy', targetRef: 'user:default/ada' }], tags: ['rest'], title: 'Payments API' });

test('indexes records by ref and kind, sorted by ref whatever the input order', () => {
  const index = buildCatalogIndex({ records: [svc, team, api], problems: [], meta: null });
  assert.deepEqual(index.records.map((r) => r.ref), ['api:default/api-a', 'component:default/svc-b', 'group:default/team-a']);
  assert.equal(index.byRef.get('component:default/svc-b'), svc);
  assert.deepEqual([...index.byKind.keys()], ['api', 'component', 'group']);
});

test('collects distinct, sorted facet values for kind, type, owner, lifecycle and tag', () => {
  const index = buildCatalogIndex({ records: [svc, team, api], problems: [], meta: null });
  assert.deepEqual(index.facets.kind, ['api', 'component', 'group']);
  assert.deepEqual(index.facets.type, ['openapi', 'service', 'team']);
  assert.deepEqual(index.facets.owner, ['group:default/team-a', 'user:default/ada']);
  assert.deepEqual(index.facets.lifecycle, ['experimental', 'production']);
  assert.deepEqual(index.facets.tag, ['java', 'rest']);
});

test('the owner is the one the collector resolved from the ownedBy relation', () => {
  assert.equal(ownerRef(svc), 'group:default/team-a');
  assert.equal(ownerRef(api), 'user:default/ada');
  assert.equal(ownerRef(team), undefined);
});

test('groups relations by type with sorted targets', () => {
  const groups = relationsByType(svc);
  assert.deepEqual([...groups.keys()], ['dependsOn', 'ownedBy']);
  assert.deepEqual(groups.get('dependsOn'), ['component:default/svc-c', 'resource:default/db']);
});

test('lists what a group owns by kind, leaving out references to missing entities', () => {
  const index = buildCatalogIndex({ records: [svc, team, api], problems: [], meta: null });
  const owned = ownedByKind(index, team);
  assert.deepEqual([...owned.keys()], ['api', 'component']);
  assert.deepEqual(owned.get('component')!.map((r) => r.name), ['svc-b']);
  assert.deepEqual(resolveRefs(index, ['component:default/gone', 'api:default/api-a']).map((r) => r.name), ['api-a']);
});

test('gathers the problems of owned entities with the entity they belong to', () => {
  const index = buildCatalogIndex({ records: [svc, team, api], problems: [], meta: null });
  const problems = ownedProblems(index, team);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].record.ref, 'component:default/svc-b');
  assert.equal(problems[0].problem.line, 2);
});

test('prefers the title, then the profile display name, then the name', () => {
  assert.equal(displayName(api), 'Payments API');
  assert.equal(displayName(record('User', 'ada', { spec: { profile: { displayName: 'Ada Lovelace' } } })), 'Ada Lovelace');
  assert.equal(displayName(svc), 'svc-b');
});

test('names any ref by its entity\'s title, or short when the catalog does not hold it', () => {
  const index = buildCatalogIndex({ records: [svc, team, api], problems: [], meta: null });
  assert.equal(refTitle(index, 'api:default/api-a'), 'Payments API');
  assert.equal(refTitle(index, 'user:default/ada'), 'user:ada');
});
