// Definitions point inside themselves with `$ref: '#/components/schemas/Pet'`. We follow only
// those internal JSON Pointers, in memory: an external `$ref` (a file or a URL) would mean reading
// the disk or the network during a build, so it is reported as unresolved and never fetched.

export type RefResolution =
  | { ok: true; value: unknown; pointer: string }
  | { ok: false; reason: 'external' | 'unresolved'; ref: string };

/** Whether `value` is a `{ $ref: string }` object. */
export function isRef(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** Resolves an internal reference (`#/a/b~1c`) against `root`; anything else is `external`. */
export function resolveRef(root: unknown, ref: string): RefResolution {
  if (!ref.startsWith('#')) return { ok: false, reason: 'external', ref };
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return { ok: false, reason: 'unresolved', ref };
  }
  if (pointer !== '' && !pointer.startsWith('/')) return { ok: false, reason: 'unresolved', ref };
  let current: unknown = root;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, token)) {
      return { ok: false, reason: 'unresolved', ref };
    }
    current = (current as Record<string, unknown>)[token];
  }
  return { ok: true, value: current, pointer: ref };
}

/**
 * Follows a chain of `$ref`s (a parameter that refs a parameter …) to a concrete object.
 * Stops at the first loop or failure, so a self-referencing chain cannot hang the build.
 */
export function derefChain(root: unknown, value: unknown, maxHops = 20): { value: unknown; refs: string[]; failure?: RefResolution & { ok: false } } {
  const refs: string[] = [];
  let current = value;
  while (isRef(current)) {
    const ref = current.$ref;
    if (refs.includes(ref) || refs.length >= maxHops) return { value: undefined, refs, failure: { ok: false, reason: 'unresolved', ref } };
    refs.push(ref);
    const resolved = resolveRef(root, ref);
    if (!resolved.ok) return { value: undefined, refs, failure: resolved };
    current = resolved.value;
  }
  return { value: current, refs };
}

/** A key as one JSON Pointer segment: `a/b` → `a~1b`. */
export function escapePointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Last segment of a pointer: `#/components/schemas/Pet` → `Pet`. */
export function refName(ref: string): string {
  const segments = ref.split('/');
  return decodeSegment(segments[segments.length - 1] ?? ref);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return segment;
  }
}
