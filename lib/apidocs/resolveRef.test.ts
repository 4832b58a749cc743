import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derefChain, refName, resolveRef } from './resolveRef.ts';

const root = { components: { schemas: { Pet: { type: 'object' }, 'a/b': { type: 'string' }, 'c~d': { type: 'integer' } } }, loop: { $ref: '#/loop' } };

test('resolves internal JSON Pointers, including escaped ~1 and ~0 and percent-encoding', () => {
  assert.deepEqual(resolveRef(root, '#/components/schemas/Pet'), { ok: true, value: { type: 'object' }, pointer: '#/components/schemas/Pet' });
  assert.deepEqual(resolveRef(root, '#/components/schemas/a~1b').ok && resolveRef(root, '#/components/schemas/a~1b'), { ok: true, value: { type: 'string' }, pointer: '#/components/schemas/a~1b' });
  assert.equal(resolveRef(root, '#/components/schemas/c~0d').ok, true);
  assert.equal(resolveRef(root, '#/components/schemas/%50et').ok, true);
});

test('never follows a reference to a file or a URL', () => {
  for (const ref of ['other.yaml#/Pet', 'https://example.com/schema.json', '/etc/passwd', '../secrets.json']) {
    assert.deepEqual(resolveRef(root, ref), { ok: false, reason: 'external', ref });
  }
});

test('reports a pointer to nothing as unresolved, and does not walk into prototypes', () => {
  assert.equal(resolveRef(root, '#/components/schemas/Cat').ok, false);
  assert.equal(resolveRef(root, '#/components/__proto__').ok, false);
  assert.equal(resolveRef(root, '#/components/schemas/Pet/constructor').ok, false);
});

test('a chain of $refs that loops stops with a failure instead of hanging', () => {
  const result = derefChain(root, { $ref: '#/loop' });
  assert.equal(result.value, undefined);
  assert.equal(result.failure?.reason, 'unresolved');
});

test('names a reference by its last segment', () => {
  assert.equal(refName('#/components/schemas/a~1b'), 'a/b');
  assert.equal(refName('#/components/messages/lightMeasured'), 'lightMeasured');
});
