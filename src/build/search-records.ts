// The search index's entity records, written from the collected records rather than read back out
// of the rendered pages. Pagefind's metadata file lists every page it indexed (6.3 B each, gzip)
// and a first search fetches it whole: 634 kB at 100,000 entity pages, over the 300 kB a first
// query may cost. So past SEARCH_RECORDS_TARGET entities, several entities of one kind share one
// Pagefind page, each under its own heading: Pagefind then returns each entity as a
// sub-result of that page, and the search UI (src/scripts/search-entries.ts) shows entities, not
// pages. Below it every entity is a page of its own, as before, and facet counts stay exact.
//
// The HTML is built as a hast tree and serialised by hast-util-to-html, so a title, description or
// tag is always text or an attribute value, never markup.
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { EntityRecord } from '../../lib/content/records.ts';
import { compareRelationTypes, relationLabel } from '../../lib/catalog/relations.ts';
import { readCatalogContent } from '../lib/catalog-content.ts';
import { specString } from '../lib/catalog-index.ts';
import { kindLabel } from '../lib/format.ts';

/**
 * Past this many entities, entities share search pages so the index lists at most about this many:
 * below a bundle's 12,000 pages (DEFAULT_SEARCH_PART_PAGES) with room for a page boundary per kind,
 * so the browser loads one bundle.
 */
export const SEARCH_RECORDS_TARGET = 11_000;
/** A relation lists at most this many targets (a team that owns 3,000 components is not one record of 3,000 names). */
const RELATION_TARGETS_SHOWN = 25;
/** Heading ids are `e0`, `e1`, …; the metadata key of each is the same id. */
export const ENTITY_ANCHOR = /^e\d+$/;

/** Entities per search page: 1 up to SEARCH_RECORDS_TARGET entities, then enough to keep the pages near it. */
export function searchGroupSize(entities: number, override?: number): number {
  if (override !== undefined) return Math.max(1, Math.floor(override));
  return Math.max(1, Math.ceil(entities / SEARCH_RECORDS_TARGET));
}

/** What the search UI shows of one entity, stored as its heading's metadata (JSON). */
export interface EntitySearchMeta {
  /** Page path relative to the portal's base, e.g. `catalog/default/component/shop/`. */
  path: string;
  title: string;
  kind: string;
  description?: string;
  owner?: string;
  ownerPath?: string;
  /** Facet values, to narrow a shared page's entities to those the chosen facets select. */
  facets: Record<string, string[]>;
}

export interface SearchPage {
  /** The URL Pagefind records: the first entity's page (site-relative, no base). */
  url: string;
  html: string;
  entities: number;
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}
function el(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

/** The facet values of one entity: the same five the search page offers. */
export function entityFacets(record: EntityRecord): Record<string, string[]> {
  const facets: Record<string, string[]> = { kind: [record.kind.toLowerCase()] };
  const type = specString(record, 'type');
  const lifecycle = specString(record, 'lifecycle');
  if (type) facets.type = [type];
  if (lifecycle) facets.lifecycle = [lifecycle];
  if (record.links.owner) facets.owner = [record.links.owner.ref];
  const tags = (record.entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string');
  if (tags.length) facets.tag = [...new Set(tags)];
  return facets;
}

export function entityMeta(record: EntityRecord): EntitySearchMeta {
  const owner = record.links.owner;
  const description = record.entity.metadata.description;
  return {
    path: record.path,
    title: record.title,
    kind: kindLabel(record.kind),
    ...(typeof description === 'string' && description ? { description } : {}),
    ...(owner ? { owner: owner.title, ...(owner.path ? { ownerPath: owner.path } : {}) } : {}),
    facets: entityFacets(record),
  };
}

/** The words an entity is found by: what its page's header and relations say, in sentences. */
function entityText(record: EntityRecord, titleOf: (ref: string) => string): string[] {
  const lines: string[] = [];
  const description = record.entity.metadata.description;
  if (typeof description === 'string' && description) lines.push(description);
  const type = specString(record, 'type');
  const lifecycle = specString(record, 'lifecycle');
  // The name as written (`shipment-service`), which people search by as often as the title.
  lines.push([kindLabel(record.kind), type, lifecycle, record.name, record.namespace === 'default' ? undefined : record.namespace].filter(Boolean).join(' · '));
  if (record.repository) lines.push(`Repository: ${record.repository}`);
  const links = (record.entity.metadata.links ?? []).map((l) => (l && typeof l.title === 'string' ? l.title : '')).filter(Boolean);
  if (links.length) lines.push(`Links: ${links.join(', ')}`);
  for (const [role, linked] of Object.entries(record.links)) if (linked) lines.push(`${role}: ${linked.title}`);
  const tags = (record.entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string');
  if (tags.length) lines.push(`Tags: ${tags.join(', ')}`);
  const byType = new Map<string, string[]>();
  for (const relation of record.entity.relations ?? []) {
    const list = byType.get(relation.type) ?? [];
    if (list.length < RELATION_TARGETS_SHOWN) list.push(titleOf(relation.targetRef));
    byType.set(relation.type, list);
  }
  for (const type of [...byType.keys()].sort(compareRelationTypes)) lines.push(`${relationLabel(type)}: ${byType.get(type)!.join(', ')}`);
  return lines;
}

/** One entity's section of a search page: its title as a heading (the sub-result anchor), its words. */
function entitySection(record: EntityRecord, anchor: string, titleOf: (ref: string) => string): Element {
  return el('section', {}, [
    el('h1', { id: anchor }, [text(record.title)]),
    // The heading's metadata. Pagefind's `key:value` attribute keeps all after the first colon
    // (commas included) and indexes no words of an empty element.
    el('span', { dataPagefindMeta: `${anchor}:${JSON.stringify(entityMeta(record))}` }),
    ...entityText(record, titleOf).map((line) => el('p', {}, [text(line)])),
  ]);
}

/** A shared page's filters: every value of its entities, so a facet finds the page; the UI then keeps the entities that match. */
function filterSpans(records: EntityRecord[]): Element[] {
  const values = new Map<string, Set<string>>();
  for (const record of records) {
    for (const [facet, list] of Object.entries(entityFacets(record))) {
      const set = values.get(facet) ?? new Set<string>();
      for (const value of list) set.add(value);
      values.set(facet, set);
    }
  }
  const spans: Element[] = [];
  for (const [facet, set] of [...values].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const value of [...set].sort()) spans.push(el('span', { dataPagefindFilter: `${facet}:${value}` }));
  }
  return spans;
}

/**
 * The search pages for `records` (those this build indexes), `groupSize` entities each. A page
 * holds one kind, its entities in owner order, so a shared page's kind facet is exact and its
 * owner facet nearly so. Grouping by owner and kind instead left 15,076 pages for 100,007 entities
 * at 11 a page (9,058 owner-kind pairs, most with a few entities): past the 12,000 pages of a
 * search part, so two bundles to load. `titleOf` names relation targets (any entity of the catalog).
 */
export function entitySearchPages(records: EntityRecord[], groupSize: number, titleOf: (ref: string) => string): SearchPage[] {
  const kindOf = (r: EntityRecord) => r.kind.toLowerCase();
  const key = (r: EntityRecord) => `${kindOf(r)}\u0000${r.links.owner?.ref ?? ''}\u0000${r.ref}`;
  const sorted = records.map((r) => ({ r, k: key(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map(({ r }) => r);
  const groups: EntityRecord[][] = [];
  let current: EntityRecord[] = [];
  for (const record of sorted) {
    if (current.length >= groupSize || (current.length > 0 && kindOf(record) !== kindOf(current[0]!))) {
      groups.push(current);
      current = [];
    }
    current.push(record);
  }
  if (current.length) groups.push(current);
  return groups.map((group) => {
    const first = group[0]!;
    const body = el('main', { dataPagefindBody: true }, [
      // The page's own title: Pagefind's fallback result title, never shown by Backlot's UI.
      el('span', { dataPagefindMeta: `title:${first.title}` }),
      ...filterSpans(group),
      ...group.map((record, i) => entitySection(record, `e${i}`, titleOf)),
    ]);
    const root: Root = { type: 'root', children: [{ type: 'doctype' }, el('html', { lang: 'en' }, [el('head', {}, [el('title', {}, [text(first.title)])]), el('body', {}, [body])])] };
    return { url: `/${first.path}`, html: toHtml(root), entities: group.length };
  });
}

/** The catalog to index: the records this build writes pages for, and the whole catalog's size and names. */
export interface EntitySearchInput {
  records: EntityRecord[];
  /** Entities in the whole catalog: how many share a search page depends on it, not on one render part. */
  catalogSize: number;
  /** Names a relation's target (any entity of the catalog). */
  titleOf: (ref: string) => string;
  /** Entities per search page, instead of the size-based default (`backlot build --search-group-size`). */
  groupSize?: number;
}

/** The search pages of a catalog: what the index is given (and search-pages-worker.ts sends). */
export interface CatalogSearchPages {
  entities: number;
  groupSize: number;
  pages: { url: string; html: string }[];
}

/** The whole collected catalog as the index reads it: every record, named by title. */
export function catalogSearchInput(contentDir: string, groupSize?: number): EntitySearchInput {
  const { records } = readCatalogContent(contentDir);
  const titles = new Map(records.map((r) => [r.ref, r.title]));
  return { records, catalogSize: records.length, titleOf: (ref) => titles.get(ref) ?? ref, ...(groupSize === undefined ? {} : { groupSize }) };
}

/** The search pages of `input`, at its group size (or the size-based default). */
export function catalogSearchPages(input: EntitySearchInput): CatalogSearchPages {
  const groupSize = searchGroupSize(input.catalogSize, input.groupSize);
  return { entities: input.records.length, groupSize, pages: entitySearchPages(input.records, groupSize, input.titleOf).map(({ url, html }) => ({ url, html })) };
}
