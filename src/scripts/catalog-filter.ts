// The catalog table's filter and sort rules, free of the DOM so they are tested in Node and the
// same rules hold for the URL query, the form and the rows.

/** One table row as the filters see it. */
export interface CatalogRow {
  name: string;
  kind: string;
  type: string;
  owner: string;
  lifecycle: string;
  system: string;
  tags: string[];
  description: string;
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
    if (!row.name.toLowerCase().includes(needle) && !row.description.toLowerCase().includes(needle)) return false;
  }
  return true;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Compares two rows on a column; empty values sort last in either direction. */
export function compareRows(a: CatalogRow, b: CatalogRow, column: SortColumn, descending: boolean): number {
  const value = (row: CatalogRow) => (column === 'tags' ? row.tags.join(', ') : row[column]);
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
