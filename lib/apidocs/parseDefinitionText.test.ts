import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSize, parseDefinitionText } from './parseDefinitionText.ts';

test('reads YAML and JSON definitions', () => {
  const yaml = parseDefinitionText('openapi: 3.1.0\ninfo:\n  title: T\n');
  assert.deepEqual(yaml, { ok: true, format: 'yaml', document: { openapi: '3.1.0', info: { title: 'T' } } });
  const json = parseDefinitionText('{"openapi":"3.0.0"}');
  assert.deepEqual(json, { ok: true, format: 'json', document: { openapi: '3.0.0' } });
});

test('a YAML syntax error is a value with its message, line and column, not an exception', () => {
  const result = parseDefinitionText('openapi: 3.0.0\ninfo:\n  title: [unclosed\n');
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.match(result.notice.message, /^The definition is not valid YAML: /);
  assert.doesNotMatch(result.notice.message, /at line \d+/, 'the position is not repeated in the message');
  assert.equal(result.notice.line, 4);
  assert.equal(result.notice.level, 'error');
});

test('reports duplicated keys, which would silently drop an operation', () => {
  const result = parseDefinitionText('paths:\n  /a: {}\n  /a: {}\n');
  assert.equal(result.ok, false);
});

test('refuses a definition over the size cap with a message that gives both sizes', () => {
  const result = parseDefinitionText(`openapi: 3.0.0\n# ${'x'.repeat(3000)}\n`, 2048);
  assert.ok(!result.ok);
  assert.equal(result.notice.level, 'warning');
  assert.match(result.notice.message, /3 kB, over the 2 kB limit/);
});

test('an empty definition is an error, not an empty document', () => {
  assert.equal(parseDefinitionText('  \n').ok, false);
});

test('bounds alias expansion, so a "billion laughs" document cannot exhaust memory', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const result = parseDefinitionText(lines.join('\n'));
  assert.equal(result.ok, false);
});

test('formats sizes for people', () => {
  assert.equal(formatSize(39), '39 B');
  assert.equal(formatSize(4096), '4 kB');
  assert.equal(formatSize(3 * 1024 * 1024), '3.0 MB');
});

for (const key of ['__proto__', 'constructor', 'prototype']) {
  test(`a definition with a "${key}" key is shown raw, with the key and its line (JSON and YAML)`, () => {
    const json = parseDefinitionText(`{\n  "openapi": "3.0.0",\n  "components": { "schemas": {\n    "${key}": { "type": "object" } } }\n}`);
    assert.equal(json.ok, false);
    if (!json.ok) {
      assert.match(json.notice.message, new RegExp(`"${key}" \\(at components\\.schemas\\.${key}\\)`));
      assert.equal(json.notice.line, 4);
    }
    const yaml = parseDefinitionText(`openapi: 3.0.0\ncomponents:\n  schemas:\n    ${key}:\n      type: object\n`);
    assert.equal(yaml.ok, false);
    if (!yaml.ok) assert.equal(yaml.notice.line, 5);
    assert.equal(({} as Record<string, unknown>).type, undefined);
  });
}

test('a definition nested past the limit says the limit instead of overflowing', () => {
  const parsed = parseDefinitionText('['.repeat(50_000) + ']'.repeat(50_000));
  assert.equal(parsed.ok, false);
  if (!parsed.ok) assert.match(parsed.notice.message, /deeper than 200 levels/);
});
