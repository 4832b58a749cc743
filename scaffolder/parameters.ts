// A template's parameters as one thing: the JSON Schema values are validated against (ajv, the same
// schema the Create page's form checks in the browser), the flat list of fields a form or a
// workflow_dispatch block is built from, and the coercion of text (--set, workflow inputs) to types.
import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, ScaffoldTemplate } from './template.ts';
import { RESERVED_NAMES, isObject } from './template.ts';

/** The workflow input that carries, as one JSON object, the parameters beyond GitHub's input limit. */
export const MORE_VALUES_INPUT = 'more_values';

export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

export interface ParameterField {
  name: string;
  type: FieldType;
  title: string;
  description: string;
  /** Required by its step (fields that only appear under `dependencies`/`oneOf` never are). */
  required: boolean;
  default?: unknown;
  enum?: unknown[];
  /** Backstage's labels for `enum` values (same order). */
  enumNames?: string[];
  pattern?: string;
  /** Backstage's `ui:field` (EntityPicker, OwnerPicker, RepoUrlPicker …), kept so pickers can be mapped. */
  uiField?: string;
  /** Backstage's `ui:options` (allowedKinds, allowedHosts …). */
  uiOptions?: Record<string, unknown>;
  /** The property's own JSON Schema, `ui:*` left out. */
  schema: JsonSchema;
}

/** The flattened fields, in form order; a name seen twice (e.g. in two oneOf branches) is listed once. */
export function parameterFields(template: Pick<ScaffoldTemplate, 'parameters'>): ParameterField[] {
  const fields = new Map<string, ParameterField>();
  const visit = (schema: JsonSchema, requiredHere: boolean) => {
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
    if (isObject(schema.properties)) {
      for (const [name, raw] of Object.entries(schema.properties)) {
        if (!isObject(raw) || RESERVED_NAMES.has(name)) continue;
        const existing = fields.get(name);
        const field = toField(name, raw, requiredHere && required.has(name));
        if (!existing) fields.set(name, field);
        else fields.set(name, { ...existing, ...pickDefined(field), required: existing.required || field.required });
      }
    }
    for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
      const list = schema[keyword];
      if (Array.isArray(list)) for (const s of list) if (isObject(s)) visit(s, keyword === 'allOf' && requiredHere);
    }
    if (isObject(schema.dependencies)) for (const dep of Object.values(schema.dependencies)) if (isObject(dep)) visit(dep, false);
  };
  for (const step of template.parameters) visit(step, true);
  return [...fields.values()];
}

function toField(name: string, raw: Record<string, unknown>, required: boolean): ParameterField {
  const type = (typeof raw.type === 'string' ? raw.type : Array.isArray(raw.enum) ? typeofEnum(raw.enum) : 'string') as FieldType;
  const field: ParameterField = {
    name,
    type: ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(type) ? type : 'string',
    title: typeof raw.title === 'string' ? raw.title : name,
    description: typeof raw.description === 'string' ? raw.description : '',
    required,
    schema: stripUi(raw) as JsonSchema,
  };
  if ('default' in raw) field.default = raw.default;
  if (Array.isArray(raw.enum)) field.enum = raw.enum;
  if (Array.isArray(raw.enumNames)) field.enumNames = raw.enumNames.map(String);
  if (typeof raw.pattern === 'string') field.pattern = raw.pattern;
  if (typeof raw['ui:field'] === 'string') field.uiField = raw['ui:field'];
  if (isObject(raw['ui:options'])) field.uiOptions = raw['ui:options'];
  return field;
}

const typeofEnum = (values: unknown[]) => (values.every((v) => typeof v === 'boolean') ? 'boolean' : values.every((v) => typeof v === 'number') ? 'number' : 'string');
const pickDefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Drops Backstage's form hints (`ui:*`) and `enumNames`, which are not JSON Schema keywords. */
export function stripUi(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUi);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('ui:') || k === 'enumNames' || RESERVED_NAMES.has(k)) continue;
    // `properties` maps names to schemas: the names are data, so walk only their values.
    out[k] = stripUi(v);
  }
  return out;
}

/** The one schema values are checked against: every parameters step must hold (allOf). */
export function parametersSchema(template: Pick<ScaffoldTemplate, 'parameters'>): JsonSchema {
  return { type: 'object', allOf: template.parameters.map((step) => ({ type: 'object', ...(stripUi(step) as object) })) };
}

export interface ValueError {
  /** The parameter (top-level property) the error is about, or '' for the whole object. */
  field: string;
  /** JSON pointer inside the values (`/name`, `/tags/0`). */
  pointer: string;
  /** The JSON Schema keyword that failed (pattern, required, enum …). */
  rule: string;
  message: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** An ajv instance as Backlot uses it for parameters: every error, defaults filled in, unknown keywords tolerated (Backstage's extensions). */
export function createParameterAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
  addFormats(ajv);
  return ajv;
}

/**
 * Checks values against the template's parameters and fills defaults. Keys the template does not
 * declare are errors (a typo should not pass silently, and no key ever becomes structure).
 */
export function validateValues(template: Pick<ScaffoldTemplate, 'parameters'>, values: Record<string, unknown>, ajv = createParameterAjv()): { values: Record<string, unknown>; errors: ValueError[] } {
  const errors: ValueError[] = [];
  const fields = new Map(parameterFields(template).map((f) => [f.name, f]));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!fields.has(key)) {
      errors.push({ field: key, pointer: `/${key}`, rule: 'unknown', message: `${JSON.stringify(key)} is not a parameter of this template (parameters: ${[...fields.keys()].join(', ')})` });
      continue;
    }
    const forbidden = findReservedKey(value);
    if (forbidden) {
      errors.push({ field: key, pointer: `/${key}`, rule: 'reserved-key', message: `${key}: the key ${JSON.stringify(forbidden)} is not allowed in values` });
      continue;
    }
    copy[key] = structuredClone(value);
  }
  const validate = ajv.compile(parametersSchema(template));
  if (!validate(copy)) errors.push(...(validate.errors ?? []).map((e) => describeAjvError(e, fields)));
  return { values: copy, errors: dedupe(errors) };
}

function describeAjvError(e: ErrorObject, fields: Map<string, ParameterField>): ValueError {
  const missing = e.keyword === 'required' ? String((e.params as { missingProperty?: string }).missingProperty ?? '') : '';
  const pointer = missing ? `${e.instancePath}/${missing}` : e.instancePath;
  const field = pointer.split('/')[1] ?? '';
  const title = fields.get(field)?.title;
  const label = field ? `${field}${title && title !== field ? ` (${title})` : ''}` : 'values';
  let message: string;
  if (e.keyword === 'required') message = `${label} is required`;
  else if (e.keyword === 'enum') message = `${label} must be one of ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
  else if (e.keyword === 'pattern') message = `${label} must match the pattern ${(e.params as { pattern?: string }).pattern}`;
  else message = `${label}${pointer.split('/').length > 2 ? ` at ${pointer}` : ''} ${e.message ?? 'is invalid'}`;
  return { field, pointer, rule: e.keyword, message };
}

const dedupe = (errors: ValueError[]) => [...new Map(errors.map((e) => [`${e.pointer}|${e.rule}|${e.message}`, e])).values()];

function findReservedKey(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findReservedKey(v);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (RESERVED_NAMES.has(k)) return k;
      const found = findReservedKey(v);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Turns the text of `--set k=v` or a workflow input into the field's type. Numbers and booleans are
 * parsed; arrays and objects are JSON. Gives `{ error }` naming the field when the text does not fit.
 */
export function coerceText(field: Pick<ParameterField, 'name' | 'type'>, text: string): { value: unknown } | { error: string } {
  switch (field.type) {
    case 'boolean':
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { error: `${field.name} must be true or false, got ${JSON.stringify(text)}` };
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) return { error: `${field.name} must be a number, got ${JSON.stringify(text)}` };
      return { value: n };
    }
    case 'array':
    case 'object':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: `${field.name} must be JSON (${field.type === 'array' ? 'e.g. ["a","b"]' : 'e.g. {"k":"v"}'}), got ${JSON.stringify(text)}` };
      }
    default:
      return { value: text };
  }
}
