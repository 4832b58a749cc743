// The link helper every page and component uses: prefixes Astro's configured base path.
import { pathWithBase } from '../../lib/config/base.ts';
import { entityPagePath } from '../../lib/content/paths.ts';

/** A portal-internal URL for `path` (e.g. `catalog/`), under the configured base. */
export function href(path = ''): string {
  return pathWithBase(import.meta.env.BASE_URL, path);
}

/** The URL of an entity's page. */
export function entityHref(ref: string): string {
  return href(entityPagePath(ref));
}
