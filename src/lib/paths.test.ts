import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityPath, joinBase, parseRef, shortRef } from './paths.ts';

test('joinBase prefixes the root base without doubling slashes', () => {
  assert.equal(joinBase('/', 'catalog/'), '/catalog/');
  assert.equal(joinBase('/', '/catalog/'), '/catalog/');
  assert.equal(joinBase('/', ''), '/');
});

test('joinBase honours a sub-path base with or without its trailing slash', () => {
  assert.equal(joinBase('/portal/', 'catalog/'), '/portal/catalog/');
  assert.equal(joinBase('/portal', 'search/?q=x'), '/portal/search/?q=x');
  assert.equal(joinBase('/portal/', ''), '/portal/');
});

test('parseRef reads full, kind-only and bare references, lower-cased, like Backstage', () => {
  assert.deepEqual(parseRef('Component:Default/My-Svc'), { kind: 'component', namespace: 'default', name: 'my-svc' });
  assert.deepEqual(parseRef('group:team-a'), { kind: 'group', namespace: 'default', name: 'team-a' });
  assert.deepEqual(parseRef('team-a', 'group'), { kind: 'group', namespace: 'default', name: 'team-a' });
  assert.deepEqual(parseRef('api:payments/charge'), { kind: 'api', namespace: 'payments', name: 'charge' });
});

test('entityPath is /catalog/<namespace>/<kind>/<name>/ and encodes unsafe characters', () => {
  assert.equal(entityPath('component:default/svc-a'), 'catalog/default/component/svc-a/');
  assert.equal(entityPath('Resource:ops/db_main.v2'), 'catalog/ops/resource/db_main.v2/');
  assert.equal(entityPath('component:default/a b'), 'catalog/default/component/a%20b/');
});

test('shortRef hides the default namespace but keeps any other', () => {
  assert.equal(shortRef('group:default/team-a'), 'group:team-a');
  assert.equal(shortRef('api:payments/charge'), 'api:payments/charge');
});
