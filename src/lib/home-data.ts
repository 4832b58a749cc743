// The static JSON behind the personal home (no server): who can be picked, and per owner (a group,
// or a user who owns something) what it owns with its problems, plus its parent groups, so a
// browser builds "what my teams own" from a few small files.
import type { EntityRecord } from '../../lib/content/records.ts';
import { displayName, relationTargets, resolveRefs, specString, type CatalogIndex } from './catalog-index.ts';
import { shortRef } from '../../lib/catalog/display-name.ts';

/** /api/people.json: every User as [ref, display name], sorted by name. */
export type PeopleFile = [ref: string, name: string][];

export function peopleFile(index: CatalogIndex): PeopleFile {
  return (index.byKind.get('user') ?? []).map((u): [string, string] => [u.ref, displayName(u)]).sort((a, b) => a[1].localeCompare(b[1], 'en') || (a[0] < b[0] ? -1 : 1));
}

/** One owned entity: [ref, name, kind, type, lifecycle, errors, warnings, stale (1/0)]. */
export type OwnedRow = [ref: string, name: string, kind: string, type: string, lifecycle: string, errors: number, warnings: number, stale: 0 | 1];

/** /api/ownership/<namespace>/<kind>/<name>.json */
export interface OwnershipFile {
  ref: string;
  name: string;
  /** Parent groups, nearest first, each [ref, name]. */
  parents: [ref: string, name: string][];
  owned: OwnedRow[];
}

/** Groups, and users who own something: the owners a home page may ask about. */
export function owners(index: CatalogIndex): EntityRecord[] {
  const users = (index.byKind.get('user') ?? []).filter((u) => relationTargets(u, 'ownerOf').length > 0);
  return [...(index.byKind.get('group') ?? []), ...users];
}

/** Parent groups through `childOf`, nearest first; a cycle in hand-written data stops the walk. */
export function parentGroups(index: CatalogIndex, group: EntityRecord): EntityRecord[] {
  const result: EntityRecord[] = [];
  const seen = new Set([group.ref]);
  for (let current = group; ; ) {
    const parent = resolveRefs(index, relationTargets(current, 'childOf'))[0];
    if (!parent || seen.has(parent.ref)) return result;
    seen.add(parent.ref);
    result.push(parent);
    current = parent;
  }
}

export function ownershipFile(index: CatalogIndex, owner: EntityRecord): OwnershipFile {
  const owned = resolveRefs(index, relationTargets(owner, 'ownerOf')).map((r): OwnedRow => {
    const errors = r.problems.filter((p) => p.severity === 'error').length;
    return [r.ref, displayName(r), r.kind.toLowerCase(), specString(r, 'type') ?? '', specString(r, 'lifecycle') ?? '', errors, r.problems.length - errors, r.stale ? 1 : 0];
  });
  return {
    ref: owner.ref,
    name: displayName(owner),
    parents: (owner.kind.toLowerCase() === 'group' ? parentGroups(index, owner) : []).map((g): [string, string] => [g.ref, displayName(g) || shortRef(g.ref)]),
    owned,
  };
}
