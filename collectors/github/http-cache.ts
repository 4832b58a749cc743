// Conditional requests: every GET is sent with the ETag of its last answer, and a 304 is answered
// from the stored body. 304s do not count against GitHub's primary rate limit, so a run where
// little changed costs almost nothing. Stored as one JSON file (restorable by actions/cache);
// only URLs, ETags, Link headers and bodies are kept, never request headers (the token).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Octokit } from 'octokit';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

export interface CachedAnswer {
  etag: string;
  /** The Link header, so pagination can continue from a 304. */
  link?: string;
  data: unknown;
}

export interface HttpCache {
  entries: Map<string, CachedAnswer>;
  /** Keys read or written during this run. */
  touched: Set<string>;
}

/** A successful answer, fresh or from the cache. */
export interface ConditionalAnswer<T = unknown> {
  data: T;
  link?: string;
  notModified: boolean;
}

const CACHE_VERSION = 1;

export async function loadHttpCache(file: string): Promise<HttpCache> {
  const cache: HttpCache = { entries: new Map(), touched: new Set() };
  try {
    const stored = parseJsonInput(await readFile(file, 'utf8'), file, MAX_STORED_DEPTH) as { version?: number; entries?: Record<string, CachedAnswer> };
    if (stored.version === CACHE_VERSION && stored.entries) {
      for (const [key, entry] of Object.entries(stored.entries)) cache.entries.set(key, entry);
    }
  } catch {
    // No cache yet, or an unreadable one: start empty (the run is only slower).
  }
  return cache;
}

let saves = 0;

/** Saves the entries this run used, plus older ones `keep` vouches for (e.g. repositories not re-read). */
export async function saveHttpCache(file: string, cache: HttpCache, keep: (key: string) => boolean): Promise<void> {
  const entries: Record<string, CachedAnswer> = {};
  for (const [key, entry] of [...cache.entries].sort(([a], [b]) => a.localeCompare(b))) {
    if (cache.touched.has(key) || keep(key)) entries[key] = entry;
  }
  await mkdir(path.dirname(file), { recursive: true });
  // A name of its own per save: two saves of one run may overlap, and each must rename its own file.
  const temporary = `${file}.${process.pid}.${++saves}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: CACHE_VERSION, entries }) + '\n');
  await rename(temporary, file);
}

export interface ConditionalGetOptions<T> {
  /** Accept header, for another media type (e.g. raw file content). */
  mediaType?: string;
  /** Keeps only what is used of the body: it is what is cached, so the cache stays small. */
  reduce?: (data: unknown) => T;
}

/**
 * GETs `url` (a path under the API root, or a full URL from a Link header) with If-None-Match.
 * Resolves to `null` on 404; throws octokit's RequestError for anything else that is not a success.
 */
export async function conditionalGet<T = unknown>(octokit: Octokit, cache: HttpCache, url: string, options: ConditionalGetOptions<T> = {}): Promise<ConditionalAnswer<T> | null> {
  const { mediaType, reduce = (data: unknown) => data as T } = options;
  // The media type is part of the key: a raw answer and a JSON answer of one URL differ.
  const key = octokit.request.endpoint({ method: 'GET', url }).url + (mediaType ? `#${mediaType}` : '');
  const cached = cache.entries.get(key);
  cache.touched.add(key);
  const headers: Record<string, string> = {};
  if (cached) headers['if-none-match'] = cached.etag;
  if (mediaType) headers.accept = mediaType;
  try {
    // A `request` object of its own: octokit merges the client's shared one by reference, and its
    // retry plugin writes a retry count into it (even on a 304), which would lengthen later backoffs.
    const response = await octokit.request({ method: 'GET', url, headers, request: {} });
    const link = response.headers.link;
    const etag = response.headers.etag;
    const data = reduce(response.data);
    if (etag) cache.entries.set(key, { etag, data, ...(link ? { link } : {}) });
    else cache.entries.delete(key);
    return { data, notModified: false, ...(link ? { link } : {}) };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 304 && cached) return { data: cached.data as T, notModified: true, ...(cached.link ? { link: cached.link } : {}) };
    if (status === 404) return null;
    throw error;
  }
}

/** The URL of `rel` in a Link header (`<…>; rel="next", <…>; rel="last"`). */
export function linkOf(link: string | undefined, rel: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part.trim());
    if (match && match[2]!.split(/\s+/).includes(rel)) return match[1];
  }
  return undefined;
}
