// Where an entity lives, in the generated content and on the site: one rule for both, so the
// collector can write an entity's URL into records the portal then only reads.
import { DEFAULT_NAMESPACE, safeParseEntityRef } from '../catalog/ref.ts';

/** One path segment; `.` and `..` are encoded too, so no segment can mean "this/parent folder". */
const segment = (s: string) => {
  const encoded = encodeURIComponent(s.toLowerCase());
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
};

/**
 * `<namespace>/<kind>/<name>` of a ref, lower-cased, each segment URL-encoded (so also safe as a
 * file path). A malformed ref (only in hand-edited content) is kept whole as the name.
 */
export function entitySegments(ref: string): string {
  const parsed = safeParseEntityRef(ref, { defaultKind: 'component' });
  const { kind, namespace, name } = 'error' in parsed ? { kind: 'component', namespace: DEFAULT_NAMESPACE, name: ref } : parsed;
  return `${segment(namespace)}/${segment(kind)}/${segment(name)}`;
}

/** The entity page's path relative to the portal's base: `catalog/<namespace>/<kind>/<name>/`. */
export function entityPagePath(ref: string): string {
  return `catalog/${entitySegments(ref)}/`;
}
