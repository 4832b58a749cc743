import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityRefOf, parseEntityRef, safeParseEntityRef, stringifyEntityRef } from './ref.ts';

test('parses a full reference kind:namespace/name', () => {
  assert.deepEqual(parseEntityRef('component:payments/checkout'), { kind: 'component', namespace: 'payments', name: 'checkout' });
});

test('applies the default kind and the default namespace when the reference omits them', () => {
  assert.deepEqual(parseEntityRef('team-a', { defaultKind: 'Group' }), { kind: 'Group', namespace: 'default', name: 'team-a' });
  assert.deepEqual(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'ops' }), { kind: 'Group', namespace: 'ops', name: 'team-a' });
  assert.deepEqual(parseEntityRef('user:jdoe', { defaultKind: 'Group' }), { kind: 'user', namespace: 'default', name: 'jdoe' });
});

test('keeps a namespace written in the reference over the default namespace', () => {
  assert.deepEqual(parseEntityRef('ops/team-a', { defaultKind: 'Group', defaultNamespace: 'other' }), { kind: 'Group', namespace: 'ops', name: 'team-a' });
});

test('treats a colon after the slash as part of the name, as Backstage does', () => {
  assert.deepEqual(parseEntityRef('ns/a:b', { defaultKind: 'Component' }), { kind: 'Component', namespace: 'ns', name: 'a:b' });
});

test('rejects a reference without a kind when the field has no default kind (dependsOn)', () => {
  assert.throws(() => parseEntityRef('database'), /has no kind/);
  const result = safeParseEntityRef('database');
  assert.ok('error' in result && /database/.test(result.error));
});

test('rejects malformed references: empty kind, empty namespace, empty name, empty string', () => {
  for (const bad of [':x', 'component:/x', 'component:ns/', '', '   ']) {
    assert.ok('error' in safeParseEntityRef(bad, { defaultKind: 'Component' }), `expected "${bad}" to be rejected`);
  }
});

test('stringifies to a fully lower-cased kind:namespace/name', () => {
  assert.equal(stringifyEntityRef({ kind: 'API', namespace: 'Default', name: 'Petstore' }), 'api:default/petstore');
  assert.equal(stringifyEntityRef({ kind: 'Group', name: 'team-a' }), 'group:default/team-a');
});

test('gives an entity its reference, with the default namespace when metadata has none', () => {
  assert.equal(entityRefOf({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'Checkout' } }), 'component:default/checkout');
  assert.equal(entityRefOf({ apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 'shop', namespace: 'retail' } }), 'system:retail/shop');
});
