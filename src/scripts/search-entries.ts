// What a person sees as search results: entities and docs pages, not Pagefind's pages. Past
// 11,000 entities several entities share one Pagefind page (src/build/search-records.ts), each
// under a heading `e<i>` whose metadata is the entity's JSON; a query's matches in the page come
// back as sub-results, one per matching entity. This turns Pagefind's ranked results into entries,
// reading result fragments only until a page of entries is full.
import type { EntitySearchMeta } from '../build/search-records.ts';
import type { PagefindResult, PagefindResultData } from './pagefind-client.ts';

export interface SearchEntry {
  url: string;
  title: string;
  kind?: string;
  owner?: string;
  ownerUrl?: string;
  description?: string;
  /** Pagefind's excerpt (text with <mark>), '' when nothing matched in the text (a facet-only search). */
  excerpt: string;
}

/** What the build wrote of each entity (type only: nothing of the build is bundled). */
type EntityMeta = EntitySearchMeta;

const ANCHOR = /^e\d+$/;

function parseEntity(raw: string | undefined): EntityMeta | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<EntityMeta>;
    return typeof value.path === 'string' && typeof value.title === 'string' && typeof value.kind === 'string' && value.facets && typeof value.facets === 'object' ? (value as EntityMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an entity has every chosen facet value (a shared page matches a facet when any of its entities does). */
export function matchesFacets(entity: EntityMeta, filters: Record<string, string>): boolean {
  return Object.entries(filters).every(([facet, value]) => Array.isArray(entity.facets[facet]) && entity.facets[facet]!.includes(value));
}

/** The entries of one result: its entities that matched (and pass the facets), or the page itself. */
export function resultEntries(data: PagefindResultData, filters: Record<string, string>, siteBase: string): SearchEntry[] {
  const anchors = Object.keys(data.meta).filter((key) => ANCHOR.test(key));
  if (anchors.length === 0) {
    const { meta } = data;
    return [{ url: data.url, title: meta.title ?? data.url, kind: meta.kind, owner: meta.owner, ownerUrl: meta.owner_url, description: meta.description, excerpt: data.excerpt }];
  }
  const entry = (id: string, excerpt: string): SearchEntry | undefined => {
    const entity = parseEntity(data.meta[id]);
    if (!entity || !matchesFacets(entity, filters)) return undefined;
    return {
      url: `${siteBase}${entity.path}`,
      title: entity.title,
      kind: entity.kind,
      owner: entity.owner,
      ownerUrl: entity.ownerPath === undefined ? undefined : `${siteBase}${entity.ownerPath}`,
      description: entity.description,
      excerpt,
    };
  };
  const matched = (data.sub_results ?? []).filter((sub) => sub.anchor?.id !== undefined && ANCHOR.test(sub.anchor.id));
  if (matched.length === 0) {
    // No words searched (facets only): every entity of the page that the facets select.
    return anchors.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).map((id) => entry(id, '')).filter((e): e is SearchEntry => e !== undefined);
  }
  const score = (sub: (typeof matched)[number]) => Math.max(0, ...(sub.weighted_locations ?? []).map((l) => l.balanced_score));
  return [...matched]
    .sort((a, b) => score(b) - score(a))
    .map((sub) => entry(sub.anchor!.id, sub.excerpt))
    .filter((e): e is SearchEntry => e !== undefined);
}

/**
 * Entries for the first `want` of the results, in rank order, reading as many fragments at once as
 * should fill the rest (`groupSize` entities per page). `complete` says whether every result was
 * read, so the entries are all there are.
 */
export async function searchEntries(results: PagefindResult[], filters: Record<string, string>, want: number, siteBase: string, groupSize = 1): Promise<{ entries: SearchEntry[]; complete: boolean }> {
  const entries: SearchEntry[] = [];
  let read = 0;
  while (read < results.length && entries.length < want) {
    const batchSize = Math.max(1, Math.ceil((want - entries.length) / Math.max(1, groupSize)));
    const batch = await Promise.all(results.slice(read, read + batchSize).map((r) => r.data()));
    read += batch.length;
    for (const data of batch) entries.push(...resultEntries(data, filters, siteBase));
  }
  return { entries: entries.slice(0, want), complete: read >= results.length && entries.length <= want };
}
