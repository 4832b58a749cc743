import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coerceText, parameterFields, parametersSchema, validateValues } from './parameters.ts';

const template = {
  parameters: [
    {
      title: 'One',
      required: ['name'],
      properties: {
        name: { title: 'Name', type: 'string', pattern: '^[a-z-]+$', 'ui:autofocus': true },
        kind: { type: 'string', enum: ['lib', 'svc'], enumNames: ['Library', 'Service'], default: 'svc' },
      },
      dependencies: {
        kind: { oneOf: [{ properties: { kind: { enum: ['lib'] } } }, { properties: { kind: { enum: ['svc'] }, port: { type: 'integer', minimum: 1024 } }, required: ['port'] }] },
      },
    },
    { title: 'Two', properties: { public: { type: 'boolean', default: false }, tags: { type: 'array', items: { type: 'string' } } } },
  ],
};

test('fields are flattened in form order, with enumNames, ui hints and fields that only dependencies add', () => {
  const fields = parameterFields(template);
  assert.deepEqual(fields.map((f) => [f.name, f.type, f.required]), [['name', 'string', true], ['kind', 'string', false], ['port', 'integer', false], ['public', 'boolean', false], ['tags', 'array', false]]);
  assert.deepEqual(fields[1]!.enumNames, ['Library', 'Service']);
  assert.ok(!('ui:autofocus' in fields[0]!.schema));
});

test('the validation schema keeps every step and drops ui:* and enumNames', () => {
  const text = JSON.stringify(parametersSchema(template));
  assert.ok(!text.includes('ui:') && !text.includes('enumNames'));
});

test('valid values get their defaults; errors name the field and the rule', () => {
  const ok = validateValues(template, { name: 'abc', port: 8080 });
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.values, { name: 'abc', port: 8080, kind: 'svc', public: false });

  const bad = validateValues(template, { name: 'A B', kind: 'svc', tags: 'x' });
  const byRule = bad.errors.map((e) => `${e.field}:${e.rule}`);
  assert.ok(byRule.includes('name:pattern'), byRule.join());
  assert.ok(byRule.includes('tags:type'));
  assert.ok(byRule.includes('port:required'), 'the svc branch of dependencies/oneOf requires port');
  assert.match(bad.errors.find((e) => e.rule === 'pattern')!.message, /name \(Name\) must match the pattern \^\[a-z-\]\+\$/);
});

test('unknown keys and __proto__ anywhere in a value are refused, and nothing is polluted', () => {
  const values = JSON.parse('{"name":"abc","port":2000,"__proto__":{"polluted":1},"tags":[{"__proto__":{"x":1}}]}') as Record<string, unknown>;
  const result = validateValues(template, values);
  assert.deepEqual(result.errors.map((e) => e.rule).sort(), ['reserved-key', 'unknown']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(result.values), Object.prototype);
});

test('text from --set or a workflow input is converted by type, with an error naming the field', () => {
  assert.deepEqual(coerceText({ name: 'p', type: 'integer' }, '8080'), { value: 8080 });
  assert.deepEqual(coerceText({ name: 'b', type: 'boolean' }, 'true'), { value: true });
  assert.deepEqual(coerceText({ name: 't', type: 'array' }, '["a"]'), { value: ['a'] });
  assert.deepEqual(coerceText({ name: 's', type: 'string' }, '$(id)'), { value: '$(id)' });
  assert.match((coerceText({ name: 'p', type: 'number' }, 'ten') as { error: string }).error, /p must be a number/);
  assert.match((coerceText({ name: 'b', type: 'boolean' }, 'yes') as { error: string }).error, /b must be true or false/);
});
