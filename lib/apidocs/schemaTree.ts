// JSON Schemas (OpenAPI 3.0's dialect, OpenAPI 3.1's JSON Schema 2020-12, AsyncAPI's) shown as a
// nested tree a reader can scan. Recursive schemas are normal (a Category has sub-Categories), so
// every walk carries the chain of `$ref`s above it, a depth limit and a node budget: a cycle shows
// as a link back, never as an endless expansion.
import { isRef, refName as nameOfRef, resolveRef } from './resolveRef.ts';
import { toRichText } from './richText.ts';
import type { SchemaNode } from './types.ts';

export interface SchemaTreeOptions {
  /** The whole document, against which internal `$ref`s resolve. */
  root: unknown;
  /** Nesting depth beyond which nodes are not expanded. */
  maxDepth?: number;
  /** Most nodes in one tree; the rest is summarised as "… n more". */
  maxNodes?: number;
  /**
   * Depth from which a `$ref` to a named component (one with an anchor) is shown as a link to it
   * instead of expanded in place. Operations expand the first levels so a reader sees the body;
   * the components section uses 1 (each schema has its own entry); deep bodies stay small.
   */
  linkRefsFromDepth?: number;
  /** Page anchor of a named component, from its `$ref`; `undefined` when it has none on the page. */
  anchorForRef?: (ref: string) => string | undefined;
}

const DEFAULT_MAX_DEPTH = 8;
const DEFAULT_MAX_NODES = 400;
const MAX_VALUE_CHARS = 120;

type Schema = Record<string, unknown>;

interface WalkState {
  options: Required<Omit<SchemaTreeOptions, 'anchorForRef'>> & Pick<SchemaTreeOptions, 'anchorForRef'>;
  remaining: number;
}

/**
 * Builds the tree of `schema`. `name` labels the root (a property name, or empty); `insideRefs`
 * are the `$ref`s the schema is already inside (a named schema shown under its own name).
 */
export function buildSchemaTree(schema: unknown, options: SchemaTreeOptions, name = '', insideRefs: string[] = []): SchemaNode {
  const state: WalkState = {
    options: {
      root: options.root,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES,
      linkRefsFromDepth: options.linkRefsFromDepth ?? Number.POSITIVE_INFINITY,
      anchorForRef: options.anchorForRef,
    },
    remaining: options.maxNodes ?? DEFAULT_MAX_NODES,
  };
  return walk(schema, name, false, 0, insideRefs, state);
}

/** A short type label for a schema without building its tree (parameters tables use it). */
export function describeSchemaType(schema: unknown, root: unknown): string {
  return buildSchemaTree(schema, { root, maxDepth: 1, maxNodes: 20, linkRefsFromDepth: 1 }).type;
}

/** A node with nothing known yet: the start of every node, and a leaf where the tree stops. */
export function emptyNode(name: string, required: boolean, type: string): SchemaNode {
  return {
    name,
    type,
    required,
    nullable: false,
    deprecated: false,
    readOnly: false,
    writeOnly: false,
    description: [],
    enumValues: [],
    constraints: [],
    children: [],
  };
}

function walk(input: unknown, name: string, required: boolean, depth: number, refStack: string[], state: WalkState): SchemaNode {
  state.remaining--;
  if (input === true || input === undefined) return emptyNode(name, required, 'any');
  if (input === false) return emptyNode(name, required, 'never');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return emptyNode(name, required, 'invalid schema');

  let schema = input as Schema;
  let refLabel: string | undefined;
  let refAnchor: string | undefined;
  let stack = refStack;

  if (isRef(schema)) {
    const ref = schema.$ref;
    refLabel = nameOfRef(ref);
    refAnchor = state.options.anchorForRef?.(ref);
    const withRef = (node: SchemaNode) => Object.assign(node, { refName: refLabel, refAnchor });
    if (refStack.includes(ref)) {
      return withRef({ ...emptyNode(name, required, refLabel), stop: { reason: 'cycle', detail: `recursive: ${refLabel} contains itself` } });
    }
    const resolved = resolveRef(state.options.root, ref);
    if (!resolved.ok) {
      const detail = resolved.reason === 'external' ? `external reference not followed: ${ref}` : `unresolved reference: ${ref}`;
      return { ...emptyNode(name, required, refLabel), stop: { reason: resolved.reason, detail } };
    }
    const target = resolved.value;
    // OpenAPI 3.1 lets keywords sit beside `$ref` (a description, nullable …): they win over the target's.
    const { $ref: _ignored, ...siblings } = schema;
    // A $ref to a non-object, or to another $ref (an alias of a schema): walk on, keeping the chain.
    if (typeof target !== 'object' || target === null || isRef(target)) {
      const node = walk(target, name, required, depth, [...refStack, ref], state);
      return node.refName ? node : withRef(node);
    }
    schema = { ...(target as Schema), ...siblings };
    stack = [...refStack, ref];
    if (depth > 0 && depth >= state.options.linkRefsFromDepth && refAnchor) {
      const node = describeOnly(schema, name, required, refLabel);
      return withRef({ ...node, stop: { reason: 'collapsed', detail: `see ${refLabel}` } });
    }
  }

  const node = describeOnly(schema, name, required, refLabel);
  if (refLabel) Object.assign(node, { refName: refLabel, refAnchor });

  const childSources = collectChildren(schema);
  if (childSources.length === 0) return node;
  if (depth >= state.options.maxDepth) {
    node.stop = { reason: 'depth', detail: `not expanded beyond ${state.options.maxDepth} levels` };
    return node;
  }

  const combinators = childSources.filter((c) => c.kind === 'combinator');
  const onlyCombinator = combinators.length === 1 && childSources.length === 1;
  if (onlyCombinator) node.combinator = combinators[0].combinator;

  for (let i = 0; i < childSources.length; i++) {
    const source = childSources[i];
    if (state.remaining <= 0) {
      node.children.push({ ...emptyNode(`… ${childSources.length - i} more`, false, ''), stop: { reason: 'budget', detail: `this schema is shown up to ${state.options.maxNodes} entries` } });
      break;
    }
    if (source.kind === 'combinator') {
      const parts = source.options.map((option, n) => walk(option, optionName(option, n), false, depth + (onlyCombinator ? 1 : 2), stack, state));
      if (source.combinator === 'allOf' && parts.every(isPlainObjectPart)) {
        // allOf of objects (an envelope plus fields) reads best as one list of properties.
        node.children.push(...parts.flatMap((part) => part.children));
        const named = parts.map((part) => part.refName).filter((n): n is string => Boolean(n));
        if (named.length > 0) node.constraints.push(`includes ${named.join(', ')}`);
        if (onlyCombinator) {
          node.combinator = undefined;
          if (node.type === COMBINATOR_LABEL.allOf) node.type = 'object';
        }
      } else if (onlyCombinator) {
        node.children = parts;
      } else {
        const group = emptyNode(source.combinator, false, COMBINATOR_LABEL[source.combinator]);
        group.combinator = source.combinator;
        group.children = parts;
        node.children.push(group);
      }
    } else if (source.kind === 'items') {
      const items = walk(source.schema, 'items', false, depth + 1, stack, state);
      if (items.refName && !node.refName) Object.assign(node, { refName: items.refName, refAnchor: items.refAnchor });
      // An array of objects reads best with the item's properties directly under the array.
      if (items.children.length > 0 && !items.combinator && items.enumValues.length === 0) {
        node.children.push(...items.children);
        if (items.stop) node.stop = items.stop;
      } else if (items.children.length > 0 || items.stop) {
        node.children.push(items);
      }
    } else {
      node.children.push(walk(source.schema, source.name, source.required, depth + 1, stack, state));
    }
  }
  return node;
}

const COMBINATOR_LABEL = { oneOf: 'one of', anyOf: 'any of', allOf: 'all of' } as const;

/** An allOf part whose properties can be listed with its siblings' without losing anything. */
function isPlainObjectPart(part: SchemaNode): boolean {
  return part.children.length > 0 && !part.combinator && !part.stop && part.enumValues.length === 0 && (part.type === 'object' || part.type === part.refName);
}

type ChildSource =
  | { kind: 'property'; name: string; required: boolean; schema: unknown }
  | { kind: 'items'; schema: unknown }
  | { kind: 'combinator'; combinator: 'oneOf' | 'anyOf' | 'allOf'; options: unknown[] };

function collectChildren(schema: Schema): ChildSource[] {
  const children: ChildSource[] = [];
  const requiredNames = Array.isArray(schema.required) ? new Set(schema.required.filter((r) => typeof r === 'string')) : new Set<string>();
  if (isObject(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) {
      children.push({ kind: 'property', name: key, required: requiredNames.has(key), schema: value });
    }
  }
  if (isObject(schema.patternProperties)) {
    for (const [pattern, value] of Object.entries(schema.patternProperties)) {
      children.push({ kind: 'property', name: `/${pattern}/`, required: false, schema: value });
    }
  }
  if (isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0) {
    children.push({ kind: 'property', name: '[key: string]', required: false, schema: schema.additionalProperties });
  }
  if (isObject(schema.items)) children.push({ kind: 'items', schema: schema.items });
  else if (Array.isArray(schema.prefixItems)) {
    schema.prefixItems.forEach((item, n) => children.push({ kind: 'property', name: `[${n}]`, required: false, schema: item }));
  }
  for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
    const options = schema[combinator];
    if (Array.isArray(options) && options.length > 0) children.push({ kind: 'combinator', combinator, options });
  }
  return children;
}

function optionName(option: unknown, n: number): string {
  // A `$ref`'d option is already labelled by its linked type name.
  if (isRef(option)) return '';
  if (isObject(option) && typeof option.title === 'string') return option.title;
  return `option ${n + 1}`;
}

/** Everything about a schema except its children: type label, flags, enum, constraints. */
function describeOnly(schema: Schema, name: string, required: boolean, refLabel: string | undefined): SchemaNode {
  const node = emptyNode(name, required, '');
  const types = (Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type]).filter(
    (t): t is string => typeof t === 'string',
  );
  node.nullable = schema.nullable === true || types.includes('null');
  const concrete = types.filter((t) => t !== 'null');
  node.type = typeLabel(schema, concrete, refLabel);
  if (node.nullable && !node.type.endsWith('| null')) node.type += ' | null';
  node.deprecated = schema.deprecated === true;
  node.readOnly = schema.readOnly === true;
  node.writeOnly = schema.writeOnly === true;
  node.description = toRichText(schema.description);
  if (Array.isArray(schema.enum)) node.enumValues = schema.enum.slice(0, 100).map(showValue);
  node.constraints = constraintsOf(schema);
  return node;
}

function typeLabel(schema: Schema, types: string[], refLabel: string | undefined): string {
  const withFormat = (t: string) => (typeof schema.format === 'string' && t !== 'object' && t !== 'array' ? `${t} (${schema.format})` : t);
  if (types.length > 1) return types.map(withFormat).join(' | ');
  const type = types[0] ?? inferType(schema);
  if (type === 'array') {
    const items = schema.items;
    if (isRef(items)) return `array of ${nameOfRef(items.$ref)}`;
    if (isObject(items)) {
      const itemTypes = Array.isArray(items.type) ? items.type.filter((t) => t !== 'null') : items.type ? [items.type] : [];
      const itemType = typeof itemTypes[0] === 'string' ? itemTypes[0] : inferType(items);
      return itemType ? `array of ${itemType === 'array' ? 'arrays' : itemType}` : 'array';
    }
    return 'array';
  }
  if (refLabel && (type === 'object' || type === '')) return refLabel;
  if (type) return withFormat(type);
  if (schema.const !== undefined) return 'const';
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(schema[combinator])) return COMBINATOR_LABEL[combinator];
  }
  return 'any';
}

function inferType(schema: Schema): string {
  if (isObject(schema.properties) || isObject(schema.additionalProperties) || isObject(schema.patternProperties)) return 'object';
  if (schema.items !== undefined || Array.isArray(schema.prefixItems)) return 'array';
  return '';
}

const CONSTRAINT_KEYS = [
  'const',
  'default',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'example',
] as const;

function constraintsOf(schema: Schema): string[] {
  const constraints: string[] = [];
  for (const key of CONSTRAINT_KEYS) {
    if (schema[key] !== undefined) constraints.push(`${key}: ${showValue(schema[key])}`);
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) constraints.push(`example: ${showValue(schema.examples[0])}`);
  if (isObject(schema.discriminator) && typeof schema.discriminator.propertyName === 'string') {
    constraints.push(`discriminator: ${schema.discriminator.propertyName}`);
  }
  if (schema.additionalProperties === false) constraints.push('no additional properties');
  return constraints;
}

/** A value as compact JSON, cut to a readable length. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
