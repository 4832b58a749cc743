import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleCatalog } from '../../lib/catalog/assemble.ts';
import type { Entity, LocatedEntity } from '../../lib/catalog/types.ts';
import { entityRefOf } from '../../lib/catalog/ref.ts';
import { toEntityRecord } from './records.ts';

const located = (kind: string, name: string, spec: Record<string, unknown> = {}, title?: string, namespace?: string): LocatedEntity => {
  const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, title, namespace }, spec };
  return { entity, ref: entityRefOf(entity), source: { file: `${name}.yaml`, line: 1, column: 1 }, location: { type: 'file', target: `${name}.yaml` }, positions: {} };
};

function recordsOf(entities: LocatedEntity[]) {
  const { entities: assembled } = assembleCatalog(entities);
  const byRef = new Map(assembled.map((e) => [e.ref, e.entity]));
  return new Map(assembled.map((e) => [e.ref, toEntityRecord(e, { collectedAt: '2026-01-01T00:00:00Z' }, (r) => byRef.get(r))]));
}

test('a record carries its owner, system, and the domain reached through its system, with titles and pages', () => {
  const records = recordsOf([
    located('Domain', 'payments', { owner: 'team-a' }, 'Payments'),
    located('System', 'checkout', { owner: 'team-a', domain: 'payments' }, 'Checkout'),
    located('Group', 'team-a', { type: 'team', parent: 'eng', profile: { displayName: 'Team A' } }),
    located('Group', 'eng', { type: 'department' }),
    located('Component', 'web', { type: 'website', lifecycle: 'production', owner: 'team-a', system: 'checkout', subcomponentOf: 'shop' }),
    located('Component', 'shop', { type: 'website', lifecycle: 'production', owner: 'group:default/team-a' }),
  ]);
  const web = records.get('component:default/web')!;
  assert.equal(web.title, 'web');
  assert.equal(web.path, 'catalog/default/component/web/');
  assert.deepEqual(web.links, {
    owner: { ref: 'group:default/team-a', kind: 'group', title: 'Team A', path: 'catalog/default/group/team-a/' },
    system: { ref: 'system:default/checkout', kind: 'system', title: 'Checkout', path: 'catalog/default/system/checkout/' },
    domain: { ref: 'domain:default/payments', kind: 'domain', title: 'Payments', path: 'catalog/default/domain/payments/', via: 'system' },
    parent: { ref: 'component:default/shop', kind: 'component', title: 'shop', path: 'catalog/default/component/shop/' },
  });
  assert.equal(records.get('system:default/checkout')!.links.domain?.via, undefined, 'a system names its domain itself');
  assert.equal(records.get('group:default/team-a')!.links.parent?.ref, 'group:default/eng');
});

test('an owner in another namespace, and one the catalog does not hold, are resolved the way the collector read them', () => {
  const records = recordsOf([
    located('Group', 'ops', {}, undefined, 'infra'),
    located('Component', 'db-tool', { type: 'tool', lifecycle: 'production', owner: 'infra/ops' }, undefined, 'tools'),
    located('Component', 'orphan', { type: 'tool', lifecycle: 'production', owner: 'gone-team' }, undefined, 'tools'),
  ]);
  assert.deepEqual(records.get('component:tools/db-tool')!.links.owner, { ref: 'group:infra/ops', kind: 'group', title: 'ops', path: 'catalog/infra/group/ops/' });
  // A bare owner name defaults to the entity's own namespace (as Backstage does), and has no page.
  assert.deepEqual(records.get('component:tools/orphan')!.links.owner, { ref: 'group:tools/gone-team', kind: 'group', title: 'group:tools/gone-team' });
});
