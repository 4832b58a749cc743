import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityRecord } from '../../lib/content/records.ts';
import { buildCatalogIndex } from './catalog-index.ts';
import { resolveLinks } from '../../collectors/catalog/records.ts';
import { owners, ownershipFile, parentGroups, peopleFile } from './home-data.ts';
import { checkRef, entityPagePath } from '../scripts/personal-store.ts';

function record(kind: string, name: string, relations: [string, string][] = [], extra: Partial<EntityRecord> & { title?: string } = {}): EntityRecord {
  const entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, title: extra.title }, spec: { type: 'service' }, relations: relations.map(([type, targetRef]) => ({ type, targetRef })) };
  return {
    ref: `${kind}:default/${name}`, kind, namespace: 'default', name, title: extra.title ?? name, path: `catalog/default/${kind}/${name}/`, links: resolveLinks(entity, () => undefined),
    entity,
    source: { file: `${name}.yaml`, line: 1, column: 1 }, problems: extra.problems ?? [], collectedAt: '2026-01-01T00:00:00.000Z', stale: extra.stale,
  };
}

const org = record('group', 'org', [['parentOf', 'group:default/dept']]);
const dept = record('group', 'dept', [['childOf', 'group:default/org'], ['parentOf', 'group:default/team'], ['ownerOf', 'system:default/shop']]);
const team = record('group', 'team', [['childOf', 'group:default/dept'], ['ownerOf', 'component:default/ok'], ['ownerOf', 'component:default/broken']], { title: 'The Team' });
const ok = record('component', 'ok', [['ownedBy', 'group:default/team']]);
const broken = record('component', 'broken', [['ownedBy', 'group:default/team']], {
  problems: [{ severity: 'error', rule: 'r', message: 'm', file: 'f', line: 1, column: 1 }, { severity: 'warning', rule: 'r', message: 'm', file: 'f', line: 1, column: 1 }],
  stale: { error: 'e', failedAt: 't', lastSuccessAt: 't' },
});
const shop = record('system', 'shop', [['ownedBy', 'group:default/dept']]);
const ada = record('user', 'ada', [['memberOf', 'group:default/team']], { title: 'Ada' });
const index = buildCatalogIndex({ records: [org, dept, team, ok, broken, shop, ada], problems: [], meta: null });

test('an ownership file lists what an owner owns with problem counts and staleness, and its parent groups nearest first', () => {
  const file = ownershipFile(index, team);
  assert.deepEqual(file.parents, [['group:default/dept', 'dept'], ['group:default/org', 'org']]);
  assert.deepEqual(file.owned, [
    ['component:default/broken', 'broken', 'component', 'service', '', 1, 1, 1],
    ['component:default/ok', 'ok', 'component', 'service', '', 0, 0, 0],
  ]);
});

test('parent groups stop at a cycle instead of looping', () => {
  const a = record('group', 'a', [['childOf', 'group:default/b']]);
  const b = record('group', 'b', [['childOf', 'group:default/a']]);
  const cyclic = buildCatalogIndex({ records: [a, b], problems: [], meta: null });
  assert.deepEqual(parentGroups(cyclic, a).map((g) => g.name), ['b']);
});

test('people are listed by name; owners are every group and only the users who own something', () => {
  assert.deepEqual(peopleFile(index), [['user:default/ada', 'Ada']]);
  assert.deepEqual(owners(index).map((o) => o.name).sort(), ['dept', 'org', 'team']);
});

test('a stored ref must be a full entity ref, and becomes a page path under the catalog only', () => {
  assert.equal(checkRef('component:default/web'), 'component:default/web');
  for (const bad of ['javascript:alert(1)', 'web', '', 42, null, 'component:default/a b', `x:${'y'.repeat(500)}/z`]) assert.equal(checkRef(bad), null, String(bad));
  assert.equal(entityPagePath('/portal/catalog/', 'Component:Default/My?Web'), '/portal/catalog/default/component/my%3Fweb/');
});
