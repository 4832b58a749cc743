// A URL reader for the catalog model's URL hook: `$text` and Location targets written as web URLs
// of the configured GitHub host (blob, raw, an Enterprise host) are read through the API with the
// token, the ETag cache and the counters of the shared client, never fetched as anonymous web pages.
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
