import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, parseJsonInput } from './json.ts';
import { findDataFault, FORBIDDEN_KEYS, MAX_NESTING_DEPTH } from './keys.ts';

for (const key of FORBIDDEN_KEYS) {
  test(`refuses a "${key}" key nested in JSON with the file, line and column of the key`, () => {
    const text = `{\n  "info": {\n    "title": "x",\n    "${key}": { "polluted": true }\n  }\n}\n`;
    assert.throws(
      () => parseJsonInput(text, 'spec.json'),
      (e: unknown) => e instanceof InputError && e.file === 'spec.json' && e.line === 4 && e.column === 5 && e.message.includes(`"${key}"`) && e.message.includes('info.' + key),
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
}

test('finds a forbidden key inside lists too, and accepts the same words as values', () => {
  assert.deepEqual(findDataFault(JSON.parse('{"a":[{"b":1},{"constructor":2}]}'))?.path, ['a', '1', 'constructor']);
  assert.equal(findDataFault(JSON.parse('{"name":"__proto__","tags":["constructor","prototype"]}')), undefined);
});

test('states the nesting limit instead of overflowing the stack', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  assert.throws(() => parseJsonInput(deep, 'deep.json'), (e: unknown) => e instanceof InputError && e.message.includes(`deeper than ${MAX_NESTING_DEPTH} levels`));
  const ok = '['.repeat(MAX_NESTING_DEPTH - 1) + ']'.repeat(MAX_NESTING_DEPTH - 1);
  assert.doesNotThrow(() => parseJsonInput(ok, 'ok.json'));
});

test('a syntax error names its line and column', () => {
  assert.throws(() => parseJsonInput('{\n  "a": 1,\n  oops\n}', 'bad.json'), (e: unknown) => e instanceof InputError && e.line === 3 && e.column === 3);
});
