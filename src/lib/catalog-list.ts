// How the catalog is cut for the browser: the kinds in the order people look for them, static
// pages of rows per kind (the full list without JavaScript), the first view of /catalog/, and the
// compact JSON index the filters read on demand. Pure functions over the catalog index, so the
// pages, the index files and the tests agree on one layout.
import type { EntityRecord } from '../../lib/content/records.ts';
import { displayName, ownerRef, specString, type CatalogIndex } from './catalog-index.ts';
import { truncate } from './format.ts';
import { shortRef } from '../../lib/catalog/display-name.ts';
import { HIDDEN_KINDS, type IndexMeta, type IndexShard } from '../scripts/catalog-filter.ts';

export { CATALOG_COLUMNS, DEFAULT_COLUMNS, DEFAULT_KIND, FIRST_VIEW_ROWS, HIDDEN_KINDS, type CatalogColumn } from '../scripts/catalog-filter.ts';

/** Rows per static list page: ~17 kB gzip, a page a browser shows instantly. */
export const LIST_PAGE_SIZE = 500;

// Software first, then the organisation, then the rest; Locations last.
const KIND_ORDER = ['component', 'api', 'resource', 'system', 'domain', 'group', 'user', 'template'];

/** The catalog's kinds (lower case) in display order: known kinds first, others by name, Locations last. */
export function orderedKinds(kinds: Iterable<string>): string[] {
  const rank = (kind: string) => (HIDDEN_KINDS.includes(kind) ? 2 : KIND_ORDER.includes(kind) ? 0 : 1);
  return [...kinds].sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b) : a < b ? -1 : a > b ? 1 : 0));
}

/** `browse/<kind>/` for the first page, `browse/<kind>/<n>/` after it (relative to the base). */
export function browsePath(kind: string, page = 1): string {
  return page <= 1 ? `browse/${encodeURIComponent(kind)}/` : `browse/${encodeURIComponent(kind)}/${page}/`;
}

export interface ListPage {
  kind: string;
  /** 1-based. */
  page: number;
  pages: number;
  /** Records of this kind overall. */
  total: number;
  records: EntityRecord[];
}

/** Every static list page: each kind cut into pages of `size` records, in ref order. */
export function listPages(index: CatalogIndex, size = LIST_PAGE_SIZE): ListPage[] {
  const result: ListPage[] = [];
  for (const kind of orderedKinds(index.byKind.keys())) {
    const records = index.byKind.get(kind) ?? [];
    const pages = Math.max(1, Math.ceil(records.length / size));
    for (let page = 1; page <= pages; page++) {
      result.push({ kind, page, pages, total: records.length, records: records.slice((page - 1) * size, page * size) });
    }
  }
  return result;
}

/** The page numbers a pager shows around `page`: first, last, and two either side, with gaps as 0. */
export function pagerNumbers(page: number, pages: number): number[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const result: number[] = [];
  for (const n of sorted) {
    if (result.length > 0 && n - result[result.length - 1] > 1) result.push(0);
    result.push(n);
  }
  return result;
}


/** The system a record is part of: the derived relation, else `spec.system`. */
export function systemRef(record: EntityRecord): string | undefined {
  return record.links.system?.ref;
}


/** Descriptions are cut as the table cuts them: the index is for finding, the page has the rest. */
export const DESCRIPTION_CHARS = 120;

export function indexShard(index: CatalogIndex, kind: string): IndexShard {
  const refs: IndexShard['refs'] = [];
  const refNumbers = new Map<string, number>();
  const number = (ref: string | undefined) => {
    if (!ref) return -1;
    let n = refNumbers.get(ref);
    if (n === undefined) {
      const found = index.byRef.get(ref);
      refNumbers.set(ref, (n = refs.length));
      refs.push(found ? [ref, displayName(found), 1] : [ref, shortRef(ref), 0]);
    }
    return n;
  };
  const rows = (index.byKind.get(kind) ?? []).map((r): IndexShard['rows'][number] => {
    const title = displayName(r);
    return [
      `${r.namespace}/${r.name}`,
      title === r.entity.metadata.name ? '' : title,
      specString(r, 'type') ?? '',
      number(ownerRef(r)),
      specString(r, 'lifecycle') ?? '',
      number(systemRef(r)),
      r.entity.metadata.tags ?? [],
      truncate(r.entity.metadata.description, DESCRIPTION_CHARS),
    ];
  });
  return { kind, refs, rows };
}


export function indexMeta(index: CatalogIndex): IndexMeta {
  const name = (ref: string) => {
    const found = index.byRef.get(ref);
    return found ? displayName(found) : shortRef(ref);
  };
  return {
    kinds: orderedKinds(index.byKind.keys()).map((k) => [k, index.byKind.get(k)!.length]),
    owners: index.facets.owner.map((ref): [string, string] => [ref, name(ref)]).sort((a, b) => a[1].localeCompare(b[1], 'en')),
    type: index.facets.type,
    lifecycle: index.facets.lifecycle,
    tag: index.facets.tag,
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Rows of the catalog table as HTML, built once as strings: a component per cell would cost
 * 80,000 renders at 10,000 rows. End tags of <td> and <tr> are optional in HTML: leaving them out
 * saves ~50 bytes a row. Every value is escaped; `hrefFor` gives an entity's page URL.
 */
export function catalogRowsHtml(index: CatalogIndex, records: EntityRecord[], hrefFor: (ref: string) => string, kindLabel: (kind: string) => string): string {
  const link = (ref: string | undefined) => {
    if (!ref) return '';
    const found = index.byRef.get(ref);
    return found ? `<a href="${escapeHtml(hrefFor(ref))}">${escapeHtml(displayName(found))}</a>` : escapeHtml(shortRef(ref));
  };
  return records
    .map((r) => {
      const owner = ownerRef(r);
      return `<tr><td><a href="${escapeHtml(hrefFor(r.ref))}">${escapeHtml(displayName(r))}</a><td>${kindLabel(r.kind)}<td>${escapeHtml(specString(r, 'type') ?? '')}<td data-owner="${escapeHtml(owner ?? '')}">${link(owner)}<td>${escapeHtml(specString(r, 'lifecycle') ?? '')}<td>${link(systemRef(r))}<td>${escapeHtml((r.entity.metadata.tags ?? []).join(', '))}<td>${escapeHtml(truncate(r.entity.metadata.description, DESCRIPTION_CHARS))}`;
    })
    .join('\n');
}
