// The one rule for object keys read from input (descriptors, $json/$yaml, API definitions, config,
// cache and content files): `__proto__`, `constructor` and `prototype` are refused with file:line,
// because a copy such as `out[key] = value` would turn them into structure instead of data.

/** Keys that are never accepted in input data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

/** How deep input may nest (mappings and lists): more is refused with this limit named, never a stack overflow. */
export const MAX_NESTING_DEPTH = 200;

/** Files Backlot writes wrap input a few levels down (a record holds the entity): their limit leaves room for that. */
export const MAX_STORED_DEPTH = MAX_NESTING_DEPTH + 16;

export type DataFault = { kind: 'forbidden-key'; path: string[]; key: string } | { kind: 'too-deep'; path: string[] };

/**
 * The first forbidden key, or nesting past `maxDepth`, in a parsed value (depth-first, in key
 * order). Iterative, so it cannot itself overflow the stack.
 */
export function findDataFault(value: unknown, maxDepth = MAX_NESTING_DEPTH): DataFault | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= maxDepth) return { kind: 'too-deep', path };
    const children: { value: unknown; path: string[] }[] = [];
    if (Array.isArray(v)) v.forEach((item, i) => children.push({ value: item, path: [...path, String(i)] }));
    else {
      for (const key of Object.getOwnPropertyNames(v)) {
        if (isForbiddenKey(key)) return { kind: 'forbidden-key', path: [...path, key], key };
        children.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

/** The sentence a person reads for a fault, naming the key path and what to do. */
export function describeDataFault(fault: DataFault, maxDepth = MAX_NESTING_DEPTH): { message: string; hint: string } {
  const at = fault.path.join('.');
  if (fault.kind === 'forbidden-key') {
    return {
      message: `The key "${fault.key}" (at ${at}) is not accepted: __proto__, constructor and prototype are never read as data`,
      hint: 'Rename the key; if it is a property name in an API schema, quote a different name or describe it in prose.',
    };
  }
  const where = at ? ` (at ${at.length > 120 ? `${at.slice(0, 120)}…` : at})` : '';
  return {
    message: `Nesting deeper than ${maxDepth} levels${where} is not read`,
    hint: `Flatten the data: Backlot reads at most ${maxDepth} levels of nested mappings and lists.`,
  };
}
