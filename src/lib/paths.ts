// Pure URL building, shared by pages and tests: the one place that knows how a ref becomes a path
// (the base path is lib/config/base.ts's), so no page hand-writes a link.
import { DEFAULT_NAMESPACE, safeParseEntityRef } from '../../lib/catalog/ref.ts';


/** The parts of a full entity reference `kind:namespace/name`. */
export interface RefParts {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Parses `kind:namespace/name`, `kind:name` (namespace `default`) or `name` (kind `defaultKind`),
 * lower-cased, with the catalog model's parser so the portal reads a ref exactly as collect did.
 * A malformed ref (only seen in hand-edited content) is kept whole as the name.
 */
export function parseRef(ref: string, defaultKind = 'component'): RefParts {
  const parsed = safeParseEntityRef(ref, { defaultKind });
  const { kind, namespace, name } = 'error' in parsed ? { kind: defaultKind, namespace: DEFAULT_NAMESPACE, name: ref } : parsed;
  return { kind: kind.toLowerCase(), namespace: namespace.toLowerCase(), name: name.toLowerCase() };
}

/** `catalog/<namespace>/<kind>/<name>/`, lower-cased, each segment URL-encoded. */
export function entityPath(ref: string): string {
  const { kind, namespace, name } = parseRef(ref);
  return `catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/`;
}

/** Shortest readable form of a ref: drops `default/`, keeps the kind. */
export function shortRef(ref: string): string {
  const { kind, namespace, name } = parseRef(ref);
  return namespace === 'default' ? `${kind}:${name}` : `${kind}:${namespace}/${name}`;
}
