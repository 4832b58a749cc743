// "ref → what a person calls it", written once: pages, diagrams, the collector's resolved links
// and organisation sections all use these, so an entity is named the same everywhere.
import type { Entity } from './types.ts';
import { DEFAULT_NAMESPACE, safeParseEntityRef } from './ref.ts';

/** An entity's title, else a person's or team's profile display name, else its name. */
export function entityDisplayName(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  if (typeof entity.metadata.title === 'string' && entity.metadata.title) return entity.metadata.title;
  if (profile && typeof profile.displayName === 'string' && profile.displayName) return profile.displayName;
  return entity.metadata.name;
}

/** The shortest readable form of a ref the catalog does not hold: `kind:name`, or `kind:ns/name` outside `default`. */
export function shortRef(ref: string): string {
  const parsed = safeParseEntityRef(ref, { defaultKind: 'component' });
  if ('error' in parsed) return ref;
  const lower = (s: string) => s.toLowerCase();
  return lower(parsed.namespace) === DEFAULT_NAMESPACE ? `${lower(parsed.kind)}:${lower(parsed.name)}` : `${lower(parsed.kind)}:${lower(parsed.namespace)}/${lower(parsed.name)}`;
}

/** The display name of `ref`: its entity's when `lookup` finds it, else the short ref. */
export function refDisplayName(ref: string, lookup: (ref: string) => Entity | undefined): string {
  const entity = lookup(ref);
  return entity ? entityDisplayName(entity) : shortRef(ref);
}
