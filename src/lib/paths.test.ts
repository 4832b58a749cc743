import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityPath, parseRef, shortRef } from './paths.ts';

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

test('distinct entities never share a page path, even on a case-insensitive disk', async () => {
  const { stringifyEntityRef } = await import('../../lib/catalog/ref.ts');
  // Refs are lower-cased (Backstage compares them case-insensitively), so names that differ only in
  // case are one entity (a duplicate), and every other pair of refs gives two paths.
  const names = ['index.html', 'INDEX.html', '404', 'api', 'API', 'pagefind', 'entity.json', 'con', 'a..b', 'x.html', 'Svc', 'svc'];
  const seen = new Map<string, string>();
  for (const kind of ['Component', 'API', 'Pipeline', 'pipeline']) {
    for (const name of names) {
      const ref = stringifyEntityRef({ kind, namespace: 'default', name });
      const key = entityPath(ref).toLowerCase();
      const other = seen.get(key);
      assert.ok(other === undefined || other === ref, `${ref} and ${other} share ${key}`);
      seen.set(key, ref);
      assert.match(entityPath(ref), /^catalog\/default\/[a-z]+\/[a-z0-9._-]+\/$/);
    }
  }
});
