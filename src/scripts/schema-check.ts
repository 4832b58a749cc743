// A compact JSON Schema check for the Create page's form, so the browser checks values against the
// same schema `backlot scaffold` gives ajv without shipping ajv (35 kB gzip) to every visitor.
// It covers the keywords templates use; schema-check.test.ts compares it with ajv case by case.

export interface SchemaError {
  /** JSON pointer of the value (`/name`, `/tags/0`); for `required`, of the missing property. */
  pointer: string;
  /** The keyword that failed, as ajv names it. */
  keyword: string;
  message: string;
}

type Schema = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const length = (s: string) => [...s].length;

/** Every error of `value` against `schema` (empty when valid). */
export function checkSchema(schema: unknown, value: unknown, pointer = ''): SchemaError[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [{ pointer, keyword: 'false schema', message: 'is not allowed' }];
  if (!isObject(schema)) return [];
  const errors: SchemaError[] = [];
  const add = (keyword: string, message: string, at = pointer) => errors.push({ pointer: at, keyword, message });

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [String(schema.type)];
    // Like ajv with allErrors, the other keywords are still checked (each applies only to its own type).
    if (!types.some((t) => typeMatches(value, t))) add('type', `must be ${types.join(' or ')}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => equal(v, value))) add('enum', `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if ('const' in schema && !equal(schema.const, value)) add('const', `must be ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && length(value) < schema.minLength) add('minLength', `must have at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'}`);
    if (typeof schema.maxLength === 'number' && length(value) > schema.maxLength) add('maxLength', `must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) add('pattern', `must match the pattern ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add('minimum', `must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) add('maximum', `must be at most ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) add('exclusiveMinimum', `must be more than ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) add('exclusiveMaximum', `must be less than ${schema.exclusiveMaximum}`);
    if (typeof schema.multipleOf === 'number' && !Number.isInteger(value / schema.multipleOf)) add('multipleOf', `must be a multiple of ${schema.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) add('minItems', `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) add('maxItems', `must have at most ${schema.maxItems} items`);
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) add('uniqueItems', 'must not have duplicate items');
    if (isObject(schema.items) || typeof schema.items === 'boolean') value.forEach((item, i) => errors.push(...checkSchema(schema.items, item, `${pointer}/${i}`)));
  }
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const name of schema.required as string[]) if (!Object.hasOwn(value, name)) add('required', 'is required', `${pointer}/${name}`);
    }
    for (const [name, sub] of Object.entries(properties)) {
      if (Object.hasOwn(value, name)) errors.push(...checkSchema(sub, value[name], `${pointer}/${name}`));
    }
    if (schema.additionalProperties === false) {
      for (const name of Object.keys(value)) if (!Object.hasOwn(properties, name)) add('additionalProperties', `must not have the property ${name}`, `${pointer}/${name}`);
    }
    if (isObject(schema.dependencies)) {
      for (const [name, dep] of Object.entries(schema.dependencies)) {
        if (!Object.hasOwn(value, name)) continue;
        if (Array.isArray(dep)) {
          for (const other of dep as string[]) if (!Object.hasOwn(value, other)) add('required', 'is required', `${pointer}/${other}`);
        } else errors.push(...checkSchema(dep, value, pointer));
      }
    }
  }
  if (Array.isArray(schema.allOf)) for (const sub of schema.allOf) errors.push(...checkSchema(sub, value, pointer));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((sub) => checkSchema(sub, value, pointer).length === 0)) add('anyOf', 'must match one of the allowed shapes');
  if (Array.isArray(schema.oneOf)) {
    const results = schema.oneOf.map((sub) => checkSchema(sub, value, pointer));
    const passing = results.filter((r) => r.length === 0).length;
    // Report the closest branch's errors: they say what to fix (as Backstage's form does).
    if (passing === 0) errors.push(...results.reduce((a, b) => (b.length < a.length ? b : a)));
    else if (passing > 1) add('oneOf', 'matches more than one of the allowed shapes');
  }
  if (isObject(schema.not) && checkSchema(schema.not, value, pointer).length === 0) add('not', 'must not match the excluded shape');
  return errors;
}

/** Keywords this check understands; a template using others is checked fully only by `backlot scaffold`. */
export const SUPPORTED_KEYWORDS = new Set([
  'type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'items', 'required', 'properties', 'additionalProperties', 'dependencies',
  'allOf', 'anyOf', 'oneOf', 'not', 'title', 'description', 'default', 'examples', '$comment', 'format',
]);
