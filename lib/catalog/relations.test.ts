import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RELATION_FIELDS, RELATION_PAIRS, RELATION_TYPES, compareRelationTypes, forwardRelation, relationLabel } from './relations.ts';

test('every relation type has its reverse in the vocabulary, and the reverse points back', () => {
  for (const [type, { reverse }] of Object.entries(RELATION_TYPES)) {
    assert.equal(RELATION_TYPES[reverse]?.reverse, type, `${type} ↔ ${reverse}`);
    assert.notEqual(RELATION_TYPES[type].forward, RELATION_TYPES[reverse].forward, `exactly one of ${type}/${reverse} is drawn forward`);
  }
  assert.equal(RELATION_PAIRS.ownedBy, 'ownerOf');
});

test('every relation a descriptor field produces is in the vocabulary', () => {
  for (const fields of Object.values(RELATION_FIELDS)) for (const f of fields) assert.ok(RELATION_TYPES[f.relation], f.relation);
});

test('a relation seen from its target is drawn from its source', () => {
  assert.deepEqual(forwardRelation('group:default/a', 'ownerOf', 'component:default/b'), { from: 'component:default/b', type: 'ownedBy', to: 'group:default/a' });
  assert.deepEqual(forwardRelation('component:default/b', 'dependsOn', 'resource:default/db'), { from: 'component:default/b', type: 'dependsOn', to: 'resource:default/db' });
  assert.deepEqual(forwardRelation('x:default/a', 'custom', 'x:default/b'), { from: 'x:default/a', type: 'custom', to: 'x:default/b' });
});

test('labels and order come from the vocabulary; unknown types are shown as written, last', () => {
  assert.equal(relationLabel('hasMember'), 'Members');
  assert.equal(relationLabel('mentors'), 'mentors');
  assert.deepEqual(['mentors', 'dependsOn', 'ownedBy', 'childOf'].sort(compareRelationTypes), ['childOf', 'ownedBy', 'dependsOn', 'mentors']);
});
