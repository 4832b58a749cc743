// Loads Pagefind's browser API once per page, from under the portal's base path (its results are
// relative to the site root, so the base is given as baseUrl), and merges the extra index parts a
// large site is split into (pagefind/parts.json, written by the build, which also says how many
// entities share a search page). Shared by the search page and the header's suggestions.

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { element: string; id: string; text?: string; location: number };
  weighted_locations?: { weight: number; balanced_score: number; location: number }[];
}
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: PagefindSubResult[];
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

/** Pagefind, loaded, and how many entities share one of its pages (1: a result is one entity). */
export interface SiteSearch {
  pagefind: Pagefind;
  groupSize: number;
}

const loaded = new Map<string, Promise<SiteSearch>>();

export function loadPagefind(bundleBase: string, siteBase: string): Promise<SiteSearch> {
  let module = loaded.get(bundleBase);
  if (!module) {
    module = (async () => {
      const pagefind = (await import(/* @vite-ignore */ `${bundleBase}pagefind.js`)) as Pagefind;
      await pagefind.options({ baseUrl: siteBase });
      // Parts beyond the first (src/build/pagefind-index.ts): one search over all of them.
      const parts = await fetch(`${bundleBase}parts.json`).then((r) => (r.ok ? (r.json() as Promise<{ bundles?: unknown; groupSize?: unknown }>) : {}), () => ({})) as { bundles?: unknown; groupSize?: unknown };
      const bundles = Array.isArray(parts.bundles) ? parts.bundles.filter((b): b is string => typeof b === 'string' && /^[\w-]+\/$/.test(b)) : [];
      for (const bundle of bundles) await pagefind.mergeIndex(`${bundleBase}${bundle}`, { baseUrl: siteBase });
      await pagefind.init();
      const groupSize = typeof parts.groupSize === 'number' && Number.isInteger(parts.groupSize) && parts.groupSize > 0 ? parts.groupSize : 1;
      return { pagefind, groupSize };
    })();
    loaded.set(bundleBase, module);
  }
  return module;
}
