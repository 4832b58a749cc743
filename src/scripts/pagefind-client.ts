// Loads Pagefind's browser API once per page, from under the portal's base path (its results are
// relative to the site root, so the base is given as baseUrl), and merges the extra index parts a
// large site is split into (pagefind/parts.json, written by the build). Shared by the search page
// and the header's suggestions.

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}
/** Per facet, per value: how many results remain with that value. */
export type FilterCounts = Record<string, Record<string, number>>;
export interface PagefindSearch {
  results: PagefindResult[];
  filters?: FilterCounts;
}
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(query: string | null, options?: { filters?: Record<string, string> }): Promise<PagefindSearch | null>;
  /** Resolves to null when a newer call superseded this one within the wait. */
  debouncedSearch(query: string, options?: { filters?: Record<string, string> }, waitMs?: number): Promise<PagefindSearch | null>;
  preload(query: string): Promise<void>;
  mergeIndex(bundlePath: string, options?: Record<string, unknown>): Promise<void>;
}

const loaded = new Map<string, Promise<Pagefind>>();

export function loadPagefind(bundleBase: string, siteBase: string): Promise<Pagefind> {
  let module = loaded.get(bundleBase);
  if (!module) {
    module = (async () => {
      const pagefind = (await import(/* @vite-ignore */ `${bundleBase}pagefind.js`)) as Pagefind;
      await pagefind.options({ baseUrl: siteBase });
      // Parts beyond the first (src/build/pagefind-index.ts): one search over all of them.
      const parts = await fetch(`${bundleBase}parts.json`).then((r) => (r.ok ? (r.json() as Promise<{ bundles?: unknown }>) : { bundles: [] }), () => ({ bundles: [] }));
      const bundles = Array.isArray(parts.bundles) ? parts.bundles.filter((b): b is string => typeof b === 'string' && /^[\w-]+\/$/.test(b)) : [];
      for (const bundle of bundles) await pagefind.mergeIndex(`${bundleBase}${bundle}`, { baseUrl: siteBase });
      await pagefind.init();
      return pagefind;
    })();
    loaded.set(bundleBase, module);
  }
  return module;
}
