// Picks, from the collected catalog, the entities and values each browser test checks, so the tests
// follow the example organisation as it changes instead of naming entities by hand.
import { parse } from 'yaml';
import type { EntityRecord } from '../../../lib/content/records.ts';
import type { CollectedCatalog } from './collected-content.ts';

const byRef = (a: EntityRecord, b: EntityRecord) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

export function ownerOf(record: EntityRecord): string | undefined {
  return record.entity.relations?.find((r) => r.type === 'ownedBy')?.targetRef;
}

function descriptionWords(record: EntityRecord): string[] {
  return (record.entity.metadata.description ?? '').toLowerCase().match(/\b[a-z]{7,}\b/g) ?? [];
}

export interface SearchTarget {
  word: string;
  /** An entity whose description contains the word. */
  target: EntityRecord;
  /** The target's owner (`group:default/x`). */
  owner: string;
  /** Entities with the word in their description but another owner: the owner facet must hide them. */
  othersWithWord: EntityRecord[];
}

/**
 * A word of some entity's description that appears in the descriptions of entities with different
 * owners, so searching for it and then choosing the owner facet visibly narrows the results.
 * Falls back to a word found under one owner only.
 */
export function pickSearchTarget(catalog: CollectedCatalog): SearchTarget {
  const owned = catalog.entities.filter((e) => ownerOf(e) && e.entity.metadata.description).sort(byRef);
  const holders = new Map<string, EntityRecord[]>();
  for (const record of owned) {
    for (const word of new Set(descriptionWords(record))) {
      const list = holders.get(word) ?? [];
      list.push(record);
      holders.set(word, list);
    }
  }
  let best: SearchTarget | undefined;
  let bestHits = Infinity;
  for (const [word, records] of [...holders.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const owners = new Set(records.map((r) => ownerOf(r)!));
    if (owners.size < 2 || records.length > 6) continue;
    const target = records[0];
    const candidate = { word, target, owner: ownerOf(target)!, othersWithWord: records.filter((r) => ownerOf(r) !== ownerOf(target)) };
    // Prefer few hits: a short result list loads quickly and is unambiguous.
    if (records.length < bestHits) {
      best = candidate;
      bestHits = records.length;
    }
  }
  if (best) return best;
  const [word, records] = [...holders.entries()].find(([, r]) => r.length >= 1)!;
  return { word, target: records[0], owner: ownerOf(records[0])!, othersWithWord: [] };
}

/** A kind that some but not all entities have, preferring `api`: filtering by it visibly changes the table. */
export function pickFilterKind(catalog: CollectedCatalog): string {
  const counts = new Map<string, number>();
  for (const e of catalog.entities) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const usable = [...counts].filter(([, n]) => n >= 2 && n < catalog.entities.length).sort(([a], [b]) => (a < b ? -1 : 1));
  if (usable.length === 0) throw new Error('the collected catalog needs two kinds with at least two entities each to test filtering');
  return (usable.find(([k]) => k === 'api') ?? usable[0])[0];
}

/** The component with the most relations: its page has the most to show. */
export function pickRichComponent(catalog: CollectedCatalog): EntityRecord {
  const components = catalog.entities.filter((e) => e.kind === 'component' && ownerOf(e)).sort(byRef);
  return components.reduce((best, e) => ((e.entity.relations?.length ?? 0) > (best.entity.relations?.length ?? 0) ? e : best));
}

export interface OpenApiOperation {
  api: EntityRecord;
  method: string;
  path: string;
  summary?: string;
  operationId?: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The first operation of the first OpenAPI-typed API whose definition has one. */
export function pickOpenApiOperation(catalog: CollectedCatalog): OpenApiOperation {
  const apis = catalog.entities.filter((e) => e.kind === 'api' && e.entity.spec?.type === 'openapi').sort(byRef);
  for (const api of apis) {
    const definition = api.entity.spec?.definition;
    const doc = (typeof definition === 'string' ? parse(definition) : definition) as { paths?: Record<string, Record<string, { summary?: string; operationId?: string }>> } | undefined;
    for (const [path, item] of Object.entries(doc?.paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (op) return { api, method, path, summary: op.summary, operationId: op.operationId };
      }
    }
  }
  throw new Error('the collected catalog has no OpenAPI API with an operation; the API page test needs one (examples/)');
}

/** A person whose team owns several entities, some with problems if any exist: the home page's subject. */
export function pickPersonWithTeam(catalog: CollectedCatalog): { user: EntityRecord; owned: EntityRecord[]; withProblems: EntityRecord[] } {
  const targets = (r: EntityRecord, type: string) => (r.entity.relations ?? []).filter((x) => x.type === type).map((x) => x.targetRef);
  const candidates = catalog.entities.filter((e) => e.kind === 'user').sort(byRef).map((user) => {
    const owned = [user, ...targets(user, 'memberOf').map((g) => catalog.byRef.get(g)).filter((g): g is EntityRecord => !!g)]
      .flatMap((o) => targets(o, 'ownerOf'))
      .map((ref) => catalog.byRef.get(ref))
      .filter((r): r is EntityRecord => !!r);
    const unique = [...new Map(owned.map((r) => [r.ref, r])).values()];
    return { user, owned: unique, withProblems: unique.filter((r) => r.problems.length > 0) };
  });
  const best = candidates.filter((c) => c.owned.length >= 2).sort((a, b) => b.withProblems.length - a.withProblems.length || b.owned.length - a.owned.length)[0];
  if (!best) throw new Error('the collected catalog needs a user whose team owns at least two entities');
  return best;
}

const CONNECTING = new Set(['dependsOn', 'dependencyOf', 'providesApi', 'apiProvidedBy', 'consumesApi', 'apiConsumedBy']);

/** The first system whose parts connect to something outside it: a deeper graph of it draws more. */
export function pickConnectedSystem(catalog: CollectedCatalog): EntityRecord {
  const partsOf = (e: EntityRecord) => new Set((e.entity.relations ?? []).filter((r) => r.type === 'hasPart').map((r) => r.targetRef));
  const system = catalog.entities.filter((e) => e.kind === 'system').sort(byRef).find((s) => {
    const parts = partsOf(s);
    return [...parts].some((p) => (catalog.byRef.get(p)?.entity.relations ?? []).some((r) => CONNECTING.has(r.type) && !parts.has(r.targetRef)));
  });
  if (!system) throw new Error('the collected catalog needs a system whose parts depend on, provide or consume something outside it');
  return system;
}
