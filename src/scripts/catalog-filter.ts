// The catalog table's filter and sort rules, free of the DOM so they are tested in Node and the
// same rules hold for the URL query, the form and the rows.

/** One table row as the filters see it. */
export interface CatalogRow {
  name: string;
  kind: string;
  type: string;
  /** The owner's full ref (what the owner filter compares). */
  owner: string;
  /** The owner's display name (what the owner column shows and sorts by); the ref when absent. */
  ownerName?: string;
  lifecycle: string;
  system: string;
  tags: string[];
  description: string;
  /** `namespace/name`: text search also finds an entity by its name when it has a title. */
  id?: string;
}

/** Rows in the first view of /catalog/ and per page of the filtered view. */
export const FIRST_VIEW_ROWS = 100;
/** The kind /catalog/ opens on, as Backstage's catalog does. */
export const DEFAULT_KIND = 'component';
/** Kinds left out of "all kinds" unless asked for by name: bookkeeping, not software. */
export const HIDDEN_KINDS = ['location'];
/** The `kind` value for every kind but the hidden ones. */
export const ALL_KINDS = 'all';

/** The columns of the catalog table, in order (the nth-child rules in portal.css follow it). */
export const CATALOG_COLUMNS = ['name', 'kind', 'type', 'owner', 'lifecycle', 'system', 'tags', 'description'] as const;
export type CatalogColumn = (typeof CATALOG_COLUMNS)[number];
/** Shown unless the URL asks otherwise: the kind column says nothing in a one-kind view. */
export const DEFAULT_COLUMNS: CatalogColumn[] = ['name', 'type', 'owner', 'lifecycle', 'system', 'tags', 'description'];

/**
 * One kind's rows in /api/catalog-index/<kind>.json, compact: owners and systems are numbers into
 * `refs` (ref, display name, 1 if it has a page), a row's id is `namespace/name` (the kind is the
 * shard's). Row: [id, title ('' when it is the name), type, owner (-1: none), lifecycle, system
 * (-1), tags, description].
 */
export interface IndexShard {
  kind: string;
  refs: [ref: string, name: string, hasPage: 0 | 1][];
  rows: [id: string, title: string, type: string, owner: number, lifecycle: string, system: number, tags: string[], description: string][];
}

/** /api/catalog-index.json: what the filter form needs before any rows. */
export interface IndexMeta {
  kinds: [kind: string, count: number][];
  owners: [ref: string, name: string][];
  type: string[];
  lifecycle: string[];
  tag: string[];
}

/** A row decoded from a shard, with the links its cells need (`entityPath` gives a page path). */
export interface ShardRow extends CatalogRow {
  ref: string;
  ownerHasPage: boolean;
  systemRef: string;
  systemHasPage: boolean;
}

/** Decodes a shard's rows (kind labels as the table shows them). */
export function decodeShard(shard: IndexShard, kindLabel: string): ShardRow[] {
  return shard.rows.map(([id, title, type, owner, lifecycle, system, tags, description]) => {
    const o = shard.refs[owner];
    const s = shard.refs[system];
    return {
      ref: `${shard.kind}:${id}`, id, name: title || id.slice(id.indexOf('/') + 1), kind: kindLabel, type, lifecycle, tags, description,
      owner: o?.[0] ?? '', ownerName: o?.[1] ?? '', ownerHasPage: o?.[2] === 1,
      system: s?.[1] ?? '', systemRef: s?.[0] ?? '', systemHasPage: s?.[2] === 1,
    };
  });
}

/** Everything a view of the catalog is: filters, sort, page and columns, all kept in the URL. */
export interface CatalogView {
  filters: Filters;
  sort?: SortColumn;
  descending: boolean;
  /** 1-based. */
  page: number;
  columns: CatalogColumn[];
}

/** The view a URL query asks for; the columns default to DEFAULT_COLUMNS, the name always shown. */
export function readView(search: string): CatalogView {
  const params = new URLSearchParams(search);
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const cols = params.get('cols');
  const columns = cols === null ? DEFAULT_COLUMNS : CATALOG_COLUMNS.filter((c) => c === 'name' || cols.split(',').includes(c));
  return { ...readQuery(search), page: Number.isFinite(page) && page > 1 ? page : 1, columns };
}

/** The URL query for a view: only what differs from the default, in a fixed order. */
export function writeView(view: CatalogView): string {
  const params = new URLSearchParams(writeQuery(view.filters, view.sort, view.descending));
  if (view.page > 1) params.set('page', String(view.page));
  const columns = CATALOG_COLUMNS.filter((c) => view.columns.includes(c));
  if (columns.join(',') !== DEFAULT_COLUMNS.join(',')) params.set('cols', columns.join(','));
  const query = params.toString();
  return query ? `?${query}` : '';
}

export const FILTER_KEYS = ['q', 'kind', 'type', 'owner', 'lifecycle', 'tag'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;
export const SORT_COLUMNS = ['name', 'kind', 'type', 'owner', 'lifecycle', 'system', 'tags', 'description'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** Filters and sort read from a URL query; unknown keys and empty values are ignored. */
export function readQuery(search: string): { filters: Filters; sort?: SortColumn; descending: boolean } {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const sort = params.get('sort') as SortColumn | null;
  return { filters, sort: sort && SORT_COLUMNS.includes(sort) ? sort : undefined, descending: params.get('dir') === 'desc' };
}

/** The URL query for a view: only what is set, in a fixed order, so equal views share one URL. */
export function writeQuery(filters: Filters, sort?: SortColumn, descending = false): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  if (sort) {
    params.set('sort', sort);
    if (descending) params.set('dir', 'desc');
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Whether a row passes every set filter (kind case-insensitively, text in name or description). */
export function matchesFilters(row: CatalogRow, filters: Filters): boolean {
  if (filters.kind && row.kind.toLowerCase() !== filters.kind.toLowerCase()) return false;
  if (filters.type && row.type !== filters.type) return false;
  if (filters.owner && row.owner !== filters.owner) return false;
  if (filters.lifecycle && row.lifecycle !== filters.lifecycle) return false;
  if (filters.tag && !row.tags.includes(filters.tag)) return false;
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    if (!row.name.toLowerCase().includes(needle) && !row.description.toLowerCase().includes(needle) && !row.id?.toLowerCase().includes(needle)) return false;
  }
  return true;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two rows on a column; empty values sort last in either direction. */
export function compareRows(a: CatalogRow, b: CatalogRow, column: SortColumn, descending: boolean): number {
  const value = (row: CatalogRow) => (column === 'tags' ? row.tags.join(', ') : column === 'owner' ? (row.ownerName || row.owner) : row[column]);
  const x = value(a);
  const y = value(b);
  if (!x !== !y) return x ? -1 : 1;
  const order = collator.compare(x, y);
  return descending ? -order : order;
}

export const FACET_KEYS = ['kind', 'type', 'owner', 'lifecycle', 'tag'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

/**
 * For each facet, how many rows each value would leave given the other filters (the usual faceted
 * search rule: a facet never narrows its own counts, so its other values stay choosable).
 */
export function facetCounts(rows: CatalogRow[], filters: Filters): Record<FacetKey, Map<string, number>> {
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, new Map<string, number>()])) as Record<FacetKey, Map<string, number>>;
  const valuesOf = (row: CatalogRow, key: FacetKey): string[] =>
    key === 'tag' ? row.tags : key === 'kind' ? [row.kind.toLowerCase()] : [row[key]].filter(Boolean);
  for (const row of rows) {
    for (const key of FACET_KEYS) {
      if (!matchesFilters(row, { ...filters, [key]: undefined })) continue;
      const map = counts[key];
      for (const value of valuesOf(row, key)) map.set(value, (map.get(value) ?? 0) + 1);
    }
  }
  return counts;
}
