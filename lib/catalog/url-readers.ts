// Puts URL readers in front of a CatalogSource, so `$text` URLs and Location targets of type url are
// read the way Backstage reads them through its integrations: by the one reader that handles the
// host (the GitHub source for its host, the allow-listed HTTP reader for the others), or not at all.
import type { CatalogSource, LocationSpec, ResolveRefusal, UrlReader } from './types.ts';
import { DEFAULT_MAX_FILE_BYTES } from './read.ts';

export interface UrlReaderOptions {
  /** The most a reader may read for one URL (default 1 MiB, as for descriptor files). */
  maxBytes?: number;
}

/** `http(s)://…` parsed, or undefined for anything else (relative paths, other schemes). */
export function httpUrlOf(target: string): URL | undefined {
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    return new URL(target);
  } catch {
    return undefined;
  }
}

/**
 * A CatalogSource that reads URL targets through `readers` and everything else through `source`.
 * A target the source itself reads (the GitHub source's own blob URLs) stays the source's; an
 * http(s) URL the source refuses goes to the first reader that handles it; a URL no reader handles
 * is refused with `notFetched`, which the catalog model reports as a warning. Relative targets in
 * a file read by a reader resolve against that file's URL, and go through the same routing.
 */
export function withUrlReaders(source: CatalogSource, readers: readonly UrlReader[], options: UrlReaderOptions = {}): CatalogSource {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  // Which reader owns each URL it was given: a URL read by a reader is never read by the source.
  const claimed = new Map<string, UrlReader>();

  const route = (url: URL): LocationSpec | ResolveRefusal => {
    const reader = readers.find((r) => r.handles(url));
    if (!reader) {
      return {
        error: `${url.href} was not fetched: ${url.host} is not a host this run reads (catalog.allowedHosts in backlot.config.yaml, or the GitHub host of the github source)`,
        notFetched: true,
      };
    }
    url.hash = '';
    claimed.set(url.href, reader);
    return { type: 'url', target: url.href };
  };

  return {
    ...source,
    resolve(base, target, type) {
      if (base.type === 'url' && claimed.has(base.target)) {
        let url: URL;
        try {
          url = new URL(target, base.target);
        } catch {
          return { error: `"${target}" is not a URL or a path relative to ${base.target}` };
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `${target}: only http and https URLs are read` };
        return route(url);
      }
      const own = source.resolve(base, target, type);
      if (!('error' in own)) return own;
      const url = httpUrlOf(target);
      return url ? route(url) : own;
    },
    read(location) {
      const reader = location.type === 'url' ? claimed.get(location.target) : undefined;
      return reader ? reader.read(new URL(location.target), { maxBytes }) : source.read(location);
    },
    display(location) {
      return location.type === 'url' && claimed.has(location.target) ? location.target : source.display(location);
    },
  };
}
