import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from './catalog.ts';
import { RELATION_FIELDS } from './relations.ts';
import { KIND_SCHEMAS } from './validate.ts';
import { createLocalSource, fileLocation } from '../../collectors/local/source.ts';
import { writeTree, component } from './__fixtures__/tree.ts';

const trees: { remove: () => void }[] = [];
after(() => trees.forEach((t) => t.remove()));

test('loads a catalog: read problems and cross-entity problems together, sorted by file and line', async () => {
  const t = writeTree({
    'catalog-info.yaml': `${component('b', ['owner: nobody'])}---\n${component('bad name')}---\napiVersion: example.com/v1\nkind: Pipeline\nmetadata:\n  name: p\n`,
  });
  trees.push(t);
  const r = await loadCatalog([fileLocation(t.path('catalog-info.yaml'))], createLocalSource(t.root));
  assert.deepEqual(r.entities.map((e) => e.ref), ['component:default/b', 'pipeline:default/p']);
  assert.deepEqual(r.problems.map((p) => [p.rule, p.line]), [['dangling-reference', 8], ['invalid-name', 13], ['unknown-kind', 20]]);
  assert.equal(r.files.length, 1);
});

test('attaches the warnings found while reading to the entity they concern', async () => {
  const t = writeTree({ 'catalog-info.yaml': 'apiVersion: example.com/v1\nkind: Pipeline\nmetadata:\n  name: p\n' });
  trees.push(t);
  const r = await loadCatalog([fileLocation(t.path('catalog-info.yaml'))], createLocalSource(t.root));
  assert.deepEqual(r.entities[0].problems.map((p) => p.rule), ['unknown-kind']);
});

test('every relation field is a property of its kind\'s JSON Schema, so the two cannot drift', () => {
  const byLower = Object.fromEntries(Object.entries(KIND_SCHEMAS).map(([k, s]) => [k.toLowerCase(), s as { properties: { spec: { properties: Record<string, unknown> } } }]));
  for (const [kind, fields] of Object.entries(RELATION_FIELDS)) {
    for (const field of fields) {
      const key = field.field.replace(/^spec\./, '');
      assert.ok(byLower[kind]?.properties.spec.properties[key], `${kind} schema lacks spec.${key}`);
    }
  }
});
