import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityPagePath, entitySegments } from './paths.ts';

test('an entity page is catalog/<namespace>/<kind>/<name>/, lower-cased, unsafe characters encoded', () => {
  assert.equal(entityPagePath('component:default/svc-a'), 'catalog/default/component/svc-a/');
  assert.equal(entityPagePath('Resource:ops/db_main.v2'), 'catalog/ops/resource/db_main.v2/');
  assert.equal(entityPagePath('component:default/a b'), 'catalog/default/component/a%20b/');
});

test('a hostile name cannot climb out of its folder', () => {
  assert.equal(entitySegments('component:default/../../etc'), 'default/component/..%2F..%2Fetc');
  assert.equal(entitySegments('component:../x/y'), '%2E%2E/component/x%2Fy');
});

test('distinct entities never share a page path, even on a case-insensitive disk', async () => {
  const { stringifyEntityRef } = await import('../catalog/ref.ts');
  // Refs are lower-cased (Backstage compares them case-insensitively), so names that differ only in
  // case are one entity (a duplicate), and every other pair of refs gives two paths.
  const names = ['index.html', 'INDEX.html', '404', 'api', 'API', 'pagefind', 'entity.json', 'con', 'a..b', 'x.html', 'Svc', 'svc'];
  const seen = new Map<string, string>();
  for (const kind of ['Component', 'API', 'Pipeline', 'pipeline']) {
    for (const name of names) {
      const ref = stringifyEntityRef({ kind, namespace: 'default', name });
      const key = entityPagePath(ref).toLowerCase();
      const other = seen.get(key);
      assert.ok(other === undefined || other === ref, `${ref} and ${other} share ${key}`);
      seen.set(key, ref);
      assert.match(entityPagePath(ref), /^catalog\/default\/[a-z]+\/[a-z0-9._-]+\/$/);
    }
  }
});
