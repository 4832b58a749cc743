// Schema trees stay finite and readable whatever the schema: cycles, depth, size, odd shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchemaTree } from './schemaTree.ts';
import type { SchemaNode } from './types.ts';

const count = (node: SchemaNode): number => 1 + node.children.reduce((n, c) => n + count(c), 0);

test('a schema that refers to itself directly stops at the first repetition', () => {
  const root = { $defs: { Tree: { type: 'object', properties: { child: { $ref: '#/$defs/Tree' } } } } };
  const tree = buildSchemaTree({ $ref: '#/$defs/Tree' }, { root });
  assert.equal(tree.children[0].stop?.reason, 'cycle');
  assert.equal(count(tree), 2);
});

test('mutually recursive schemas (A → B → A) stop too', () => {
  const root = { s: { A: { properties: { b: { $ref: '#/s/B' } } }, B: { properties: { a: { $ref: '#/s/A' } } } } };
  const tree = buildSchemaTree({ $ref: '#/s/A' }, { root });
  assert.equal(tree.children[0].name, 'b');
  assert.equal(tree.children[0].children[0].stop?.reason, 'cycle');
});

test('a $ref that points at itself does not hang', () => {
  const root = { s: { Self: { $ref: '#/s/Self' } } };
  const tree = buildSchemaTree({ $ref: '#/s/Self' }, { root });
  assert.equal(tree.stop?.reason, 'cycle');
});

test('keeps a wide schema within the node budget and says how many entries are left out', () => {
  const properties = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, { type: 'string' }]));
  const tree = buildSchemaTree({ type: 'object', properties }, { root: {}, maxNodes: 50 });
  assert.ok(count(tree) <= 52, `${count(tree)} nodes`);
  const last = tree.children[tree.children.length - 1];
  assert.equal(last.stop?.reason, 'budget');
  assert.match(last.name, /^… \d+ more$/);
});

test('links named schemas from the given depth on instead of expanding them', () => {
  const root = { c: { A: { properties: { b: { $ref: '#/c/B' } } }, B: { properties: { x: { type: 'string' } } } } };
  const anchorForRef = (ref: string) => `schema-${ref.split('/').pop()}`;
  const linked = buildSchemaTree({ $ref: '#/c/A' }, { root, anchorForRef, linkRefsFromDepth: 1 });
  assert.equal(linked.children[0].stop?.reason, 'collapsed');
  assert.equal(linked.children[0].refAnchor, 'schema-B');
  assert.equal(linked.children[0].children.length, 0);
  const expanded = buildSchemaTree({ $ref: '#/c/A' }, { root, anchorForRef, linkRefsFromDepth: 2 });
  assert.deepEqual(expanded.children[0].children.map((c) => c.name), ['x']);
});

test('reads boolean schemas, tuples and patternProperties', () => {
  const tree = buildSchemaTree(
    { type: 'object', properties: { any: true, none: false, pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] } }, patternProperties: { '^x-': { type: 'string' } } },
    { root: {} },
  );
  assert.deepEqual(tree.children.map((c) => [c.name, c.type]), [
    ['any', 'any'],
    ['none', 'never'],
    ['pair', 'array'],
    ['/^x-/', 'string'],
  ]);
  assert.deepEqual(tree.children[2].children.map((c) => [c.name, c.type]), [['[0]', 'string'], ['[1]', 'integer']]);
});

test('an object with both properties and an allOf of objects lists all properties together', () => {
  const tree = buildSchemaTree({ properties: { id: { type: 'string' } }, allOf: [{ properties: { extra: { type: 'integer' } } }] }, { root: {} });
  assert.equal(tree.type, 'object');
  assert.deepEqual(tree.children.map((c) => [c.name, c.combinator]), [['id', undefined], ['extra', undefined]]);
});

test('an allOf with a part that is not a plain object stays a group of parts', () => {
  const tree = buildSchemaTree({ properties: { id: { type: 'string' } }, allOf: [{ properties: { a: { type: 'integer' } } }, { oneOf: [{ type: 'string' }, { type: 'number' }] }] }, { root: {} });
  assert.deepEqual(tree.children.map((c) => [c.name, c.combinator]), [['id', undefined], ['allOf', 'allOf']]);
  assert.deepEqual(tree.children[1].children.map((c) => c.type), ['object', 'one of']);
});

test('cuts long enum lists and long example values', () => {
  const tree = buildSchemaTree({ type: 'string', enum: Array.from({ length: 300 }, (_, i) => `v${i}`), example: 'x'.repeat(500) }, { root: {} });
  assert.equal(tree.enumValues.length, 100);
  assert.ok(tree.constraints[0].length < 140);
});
