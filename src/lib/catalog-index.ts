// The catalog, indexed once per build (by ref, kind, owner, relation) so that 10,000 entity pages
// each look things up in O(1) instead of scanning every record: no O(n²) anywhere in rendering.
import type { EntityRelation, Problem } from '../../lib/catalog/types.ts';
import type { CatalogMeta, EntityRecord } from '../../lib/content/records.ts';
import { refDisplayName } from '../../lib/catalog/display-name.ts';

/** What the catalog table and the search facets filter on. */
export interface Facets {
  kind: string[];
  type: string[];
  owner: string[];
  lifecycle: string[];
  tag: string[];
}

export interface CatalogIndex {
  /** Every record, sorted by ref (so output order never depends on the file system). */
  records: EntityRecord[];
  byRef: Map<string, EntityRecord>;
  /** Records per lower-case kind, sorted by ref. */
  byKind: Map<string, EntityRecord[]>;
  /** Distinct, sorted values of every filterable field. */
  facets: Facets;
  /** Every problem of the run, including those of excluded entities. */
  problems: Problem[];
  meta: CatalogMeta | null;
}

/** Raw material of the index, as read from the content folder. */
export interface CatalogContent {
  records: EntityRecord[];
  problems: Problem[];
  meta: CatalogMeta | null;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildCatalogIndex(content: CatalogContent): CatalogIndex {
  const records = [...content.records].sort((a, b) => byString(a.ref, b.ref));
  const byRef = new Map<string, EntityRecord>();
  const byKind = new Map<string, EntityRecord[]>();
  const sets = { kind: new Set<string>(), type: new Set<string>(), owner: new Set<string>(), lifecycle: new Set<string>(), tag: new Set<string>() };
  for (const record of records) {
    byRef.set(record.ref, record);
    const kind = record.kind.toLowerCase();
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(record);
    sets.kind.add(kind);
    const type = specString(record, 'type');
    if (type) sets.type.add(type);
    const lifecycle = specString(record, 'lifecycle');
    if (lifecycle) sets.lifecycle.add(lifecycle);
    const owner = ownerRef(record);
    if (owner) sets.owner.add(owner);
    for (const tag of record.entity.metadata.tags ?? []) sets.tag.add(tag);
  }
  const sorted = (s: Set<string>) => [...s].sort(byString);
  return {
    records,
    byRef,
    byKind,
    facets: { kind: sorted(sets.kind), type: sorted(sets.type), owner: sorted(sets.owner), lifecycle: sorted(sets.lifecycle), tag: sorted(sets.tag) },
    problems: content.problems,
    meta: content.meta,
  };
}

/** A string field of `spec`, or undefined. */
export function specString(record: EntityRecord, field: string): string | undefined {
  const value = record.entity.spec?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** What a person calls the entity (resolved by the collector: title, profile display name, name). */
export function displayName(record: EntityRecord): string {
  return record.title;
}

/** What a person calls the entity `ref` points at: its title, or the short ref when it is not in the catalog. */
export function refTitle(index: CatalogIndex, ref: string): string {
  return refDisplayName(ref, (r) => index.byRef.get(r)?.entity);
}

/** Targets of one relation type, sorted. */
export function relationTargets(record: EntityRecord, type: string): string[] {
  return (record.entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef).sort(byString);
}

/** Relations grouped by type (types and targets sorted), for lists that must be stable. */
export function relationsByType(record: EntityRecord): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const relations: EntityRelation[] = [...(record.entity.relations ?? [])].sort((a, b) => byString(a.type, b.type) || byString(a.targetRef, b.targetRef));
  for (const { type, targetRef } of relations) {
    let list = groups.get(type);
    if (!list) groups.set(type, (list = []));
    if (!list.includes(targetRef)) list.push(targetRef);
  }
  return groups;
}

/** The owner's full ref, as the collector resolved it. */
export function ownerRef(record: EntityRecord): string | undefined {
  return record.links.owner?.ref;
}

/** Records that exist for these refs, in the given order; dangling refs are left out. */
export function resolveRefs(index: CatalogIndex, refs: string[]): EntityRecord[] {
  const found: EntityRecord[] = [];
  for (const ref of refs) {
    const record = index.byRef.get(ref);
    if (record) found.push(record);
  }
  return found;
}

/** Everything an entity (group or user) owns, grouped by kind in a stable order. */
export function ownedByKind(index: CatalogIndex, record: EntityRecord): Map<string, EntityRecord[]> {
  const groups = new Map<string, EntityRecord[]>();
  for (const owned of resolveRefs(index, relationTargets(record, 'ownerOf'))) {
    const kind = owned.kind.toLowerCase();
    let list = groups.get(kind);
    if (!list) groups.set(kind, (list = []));
    list.push(owned);
  }
  return new Map([...groups].sort(([a], [b]) => byString(a, b)));
}

/** Problems of the entities this record owns, each paired with its entity. */
export function ownedProblems(index: CatalogIndex, record: EntityRecord): { record: EntityRecord; problem: Problem }[] {
  const result: { record: EntityRecord; problem: Problem }[] = [];
  for (const owned of resolveRefs(index, relationTargets(record, 'ownerOf'))) {
    for (const problem of owned.problems) result.push({ record: owned, problem });
  }
  return result;
}

/** Number of records per lower-case kind, kinds sorted. */
export function countsByKind(index: CatalogIndex): [string, number][] {
  return [...index.byKind].map(([kind, list]): [string, number] => [kind, list.length]);
}
