// Entity references (`[kind:][namespace/]name`), parsed the way Backstage's catalog-model does, so a
// reference written for Backstage points at the same entity here.
import type { Entity } from './types.ts';

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export interface RefDefaults {
  /** Kind used when the reference has none (Backstage sets one per field: spec.owner → Group …). */
  defaultKind?: string;
  /** Namespace used when the reference has none; `default` unless given. */
  defaultNamespace?: string;
}

export const DEFAULT_NAMESPACE = 'default';

/**
 * Parses a reference, applying defaults. Returns the parts as written (case kept).
 * Throws a TypeError naming the reference when it is malformed or has no kind and no default kind;
 * use `safeParseEntityRef` to get the error as a value instead.
 */
export function parseEntityRef(ref: string, defaults: RefDefaults = {}): EntityName {
  const parsed = safeParseEntityRef(ref, defaults);
  if ('error' in parsed) throw new TypeError(parsed.error);
  return parsed;
}

/** Same as `parseEntityRef`, with a malformed reference given back as `{ error }`. */
export function safeParseEntityRef(ref: string, defaults: RefDefaults = {}): EntityName | { error: string } {
  if (typeof ref !== 'string' || ref.trim() === '') return { error: `Entity reference ${JSON.stringify(ref)} is empty` };
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  // A slash before the colon means the colon belongs to the name (Backstage does the same).
  if (slash !== -1 && colon !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    return { error: `Entity reference "${ref}" is not of the form [<kind>:][<namespace>/]<name>` };
  }
  const finalKind = kind ?? defaults.defaultKind;
  if (!finalKind) {
    return { error: `Entity reference "${ref}" has no kind, and this field has no default kind (write e.g. "component:${ref}")` };
  }
  return { kind: finalKind, namespace: namespace ?? defaults.defaultNamespace ?? DEFAULT_NAMESPACE, name };
}

/** `kind:namespace/name`, fully lower-cased: the identity Backlot compares and stores. */
export function stringifyEntityRef(ref: { kind: string; namespace?: string; name: string }): string {
  const lower = (s: string) => s.toLocaleLowerCase('en-US');
  return `${lower(ref.kind)}:${lower(ref.namespace ?? DEFAULT_NAMESPACE)}/${lower(ref.name)}`;
}

/** The full, lower-cased reference of an entity. */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}
