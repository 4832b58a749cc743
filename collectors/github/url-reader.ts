// A URL reader for the catalog model's URL hook: `$text` and Location targets written as web URLs
// of the configured GitHub host (blob, raw, an Enterprise host) are read through the API with the
// token, the ETag cache and the counters of the shared client, never fetched as anonymous web pages.
import type { CatalogSource, LocationSpec } from '../../lib/catalog/types.ts';
import type { CollectorContext } from '../types.ts';
import type { GithubApi } from './api.ts';
import { createContentsSource } from './contents-source.ts';
import { parseBlobUrl } from './github-urls.ts';

/** The shape of lib/catalog's UrlReader: which URLs it reads, and reading one. */
export interface GithubUrlReader {
  handles(url: URL): boolean;
  read(url: URL, limits: { maxBytes: number }): Promise<string | null>;
}

/** Reads files of `api.config.org` on the configured host; other organisations and hosts are not its own. */
export function createGithubUrlReader(api: GithubApi): GithubUrlReader {
  const org = api.config.org.toLowerCase();
  return {
    handles(url) {
      const address = parseBlobUrl(url.href, api.webOrigin);
      return !('error' in address) && address.owner.toLowerCase() === org;
    },
    async read(url, limits) {
      const source = createContentsSource({ octokit: api.octokit, cache: api.cache, org: api.config.org, webOrigin: api.webOrigin, maxFileBytes: Math.min(limits.maxBytes, api.config.maxFileBytes) });
      return source.read({ type: 'url', target: url.href });
    },
  };
}

/**
 * Routes URL targets the GitHub reader handles to it and everything else to `source` — the
 * minimal form of the catalog model's URL-reader hook, for a source (the local folder) that reads
 * no URLs itself: a `$text` or Location written as a web URL of the organisation is read through
 * the API; any other URL stays the source's to refuse.
 */
export function withGithubUrls(source: CatalogSource, reader: GithubUrlReader, maxBytes: number): CatalogSource {
  const claimed = new Set<string>();
  const claim = (target: string): LocationSpec | undefined => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return undefined;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !reader.handles(url)) return undefined;
    url.hash = '';
    claimed.add(url.href);
    return { type: 'url', target: url.href };
  };
  return {
    ...source,
    resolve(base, target, type) {
      // Relative targets inside a file read from GitHub resolve against its URL.
      if (base.type === 'url' && claimed.has(base.target) && !/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        return claim(new URL(target, base.target).href) ?? { error: `${target} (relative to ${base.target}) is not a file of the organisation` };
      }
      return (/^https?:\/\//i.test(target) ? claim(target) : undefined) ?? source.resolve(base, target, type);
    },
    read(location) {
      return location.type === 'url' && claimed.has(location.target) ? reader.read(new URL(location.target), { maxBytes }) : source.read(location);
    },
    display(location) {
      return location.type === 'url' && claimed.has(location.target) ? location.target : source.display(location);
    },
  };
}

/**
 * For the local source: when the config names a GitHub organisation and its token is set, URL
 * targets of that organisation are read through the API. Undefined otherwise (nothing changes).
 * `finish()` saves the ETag cache and returns request counters for the run's report.
 */
export async function githubUrlsForLocalSource(context: CollectorContext): Promise<{ wrap(source: CatalogSource): CatalogSource; finish(): Promise<Record<string, number>> } | undefined> {
  if (!context.config.github) return undefined;
  // Loaded only here: a local catalog without a github block (docs preview) never loads octokit.
  const { GithubUnavailable, openGithubApi } = await import('./api.ts');
  let api: GithubApi;
  try {
    api = await openGithubApi(context);
  } catch (error) {
    if (error instanceof GithubUnavailable) {
      context.logger.warn(`catalog: GitHub URLs in descriptors are not read: ${error.message}. ${error.fix}`);
      return undefined;
    }
    throw error;
  }
  const reader = createGithubUrlReader(api);
  return {
    wrap: (source) => withGithubUrls(source, reader, api.config.maxFileBytes),
    async finish() {
      await api.save();
      return { githubRequests: api.counters.requests, githubNotModified: api.counters.notModified };
    },
  };
}
