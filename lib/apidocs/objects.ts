// Definitions are untrusted JSON-like data: every field may be missing or of the wrong type.
// These readers return a safe default instead, so view builders never crash on a bad document.

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `value`, or an empty one. */
export function dict(value: unknown): Dict {
  return isDict(value) ? value : {};
}

/** The string at `value`, or `fallback`. Numbers are accepted (versions written as `1.0` in YAML). */
export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

/** The array at `value`, or an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
