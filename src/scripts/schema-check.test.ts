// The browser's compact schema check against ajv (what `backlot scaffold` uses), on the parameters
// of every template Backlot ships or reads and thousands of generated values: same verdicts, and
// the same failing fields and keywords where the schema has no oneOf/anyOf.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { checkSchema } from './schema-check.ts';
import { createParameterAjv, parameterFields, parametersSchema } from '../../scaffolder/parameters.ts';
import type { ParameterField } from '../../scaffolder/parameters.ts';
import { loadTemplate } from '../../scaffolder/template.ts';

const root = path.resolve(import.meta.dirname, '../..');
const files = [
  'templates/typescript-service/template.yaml',
  'templates/docs-addition/template.yaml',
  'examples/repos/software-templates/templates/kotlin-service/template.yaml',
  'examples/repos/software-templates/templates/techdocs-site/template.yaml',
  'node_modules/@backstage/create-app/templates/default-app/examples/template/template.yaml',
];

const synthetic = {
  parameters: [
    {
      required: ['name', 'count'],
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
        count: { type: 'integer', minimum: 1, maximum: 9 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, uniqueItems: true },
        flag: { type: 'boolean' },
        mode: { type: 'string', enum: ['x', 'y'] },
      },
      dependencies: { mode: { oneOf: [{ properties: { mode: { const: 'x' } } }, { properties: { mode: { const: 'y' }, extra: { type: 'string', minLength: 1 } }, required: ['extra'] }] } },
    },
  ],
};

/** A small seeded generator, so a failure is reproducible. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function candidates(field: ParameterField): unknown[] {
  const common: unknown[] = [undefined, '', 'abc', 'Not Valid!', '${{ 7*7 }}', 0, 3, 2.5, -1, 10, true, false, null, [], ['a'], ['a', 'a'], ['c'], {}, 'x'.repeat(250)];
  return [...(field.enum ?? []), ...(field.default !== undefined ? [field.default] : []), ...common];
}

test('the compact check agrees with ajv on every shipped, example and Backstage template, and a synthetic one', async () => {
  const templates = [synthetic];
  for (const file of files) {
    const { template } = await loadTemplate(path.join(root, file));
    assert.ok(template, file);
    templates.push(template as unknown as typeof synthetic);
  }
  const ajv = createParameterAjv();
  let compared = 0;
  for (const template of templates) {
    const schema = parametersSchema(template as never);
    const validate = ajv.compile(schema);
    const fields = parameterFields(template as never).concat({ name: 'extra', type: 'string', title: 'extra', description: '', required: false, schema: {} });
    const next = random(42);
    const combinator = JSON.stringify(schema).includes('"oneOf"') || JSON.stringify(schema).includes('"anyOf"');
    for (let i = 0; i < 600; i++) {
      const values: Record<string, unknown> = {};
      for (const field of fields) {
        const options = candidates(field);
        const value = options[Math.floor(next() * options.length)];
        if (value !== undefined) values[field.name] = value;
      }
      // ajv (useDefaults) fills defaults into what it checks; give the compact check the same object.
      const copy = structuredClone(values);
      const ajvValid = validate(copy) as boolean;
      const ours = checkSchema(schema, copy);
      assert.equal(ours.length === 0, ajvValid, `${JSON.stringify(values)}: ajv ${ajvValid ? 'accepts' : 'refuses'} (${JSON.stringify(validate.errors)}) but the compact check ${ours.length ? 'refuses' : 'accepts'} ${JSON.stringify(ours)}`);
      if (!combinator) {
        const key = (pointer: string, keyword: string) => `${pointer} ${keyword}`;
        const theirs = new Set((validate.errors ?? []).map((e) => key(e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath, e.keyword)));
        assert.deepEqual(new Set(ours.map((e) => key(e.pointer, e.keyword))), theirs, JSON.stringify(values));
      }
      compared += 1;
    }
  }
  assert.equal(compared, 600 * (files.length + 1));
});

test('a pattern is matched as ajv matches it (unicode), and a hostile value is only ever data', () => {
  assert.deepEqual(checkSchema({ type: 'string', pattern: '^\\p{L}+$' }, 'héllo'), []);
  assert.equal(checkSchema({ type: 'object', properties: { a: { type: 'string' } } }, JSON.parse('{"__proto__":{"a":1},"a":"x"}')).length, 0);
  assert.equal(({} as Record<string, unknown>).a, undefined);
});
