// What a group or user owns: a group its `ownerOf` targets; a user those and what each of its
// teams owns (first team by name wins when two teams own the same), sorted by kind then name.
import type { EntityRecord } from '../../lib/content/records.ts';
import { relationTargets, resolveRefs, type CatalogIndex } from './catalog-index.ts';

export interface OwnedRow {
  owned: EntityRecord;
  /** The team it is owned through (users only); undefined when owned directly. */
  via?: EntityRecord;
}

export function ownedThrough(index: CatalogIndex, record: EntityRecord): OwnedRow[] {
  const rows = new Map<string, OwnedRow>();
  for (const owned of resolveRefs(index, relationTargets(record, 'ownerOf'))) rows.set(owned.ref, { owned });
  if (record.kind.toLowerCase() === 'user') {
    const teams = resolveRefs(index, relationTargets(record, 'memberOf')).sort((a, b) => (a.title < b.title ? -1 : 1));
    for (const team of teams) {
      for (const owned of resolveRefs(index, relationTargets(team, 'ownerOf'))) if (!rows.has(owned.ref)) rows.set(owned.ref, { owned, via: team });
    }
  }
  const key = (r: OwnedRow) => `${r.owned.kind.toLowerCase()}\u0000${r.owned.title.toLowerCase()}`;
  return [...rows.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
