// Where docs live in the portal: /docs/<namespace>/<kind>/<name>/[versions/<slug>/]<page>/.
// Pure string work shared by the pages, the renderer's link rewriting and the entity page.
import { parseEntityRef } from '../catalog/ref.ts';

/** Portal-relative folder of an entity's docs (no leading slash), for a version slug (`''` = default). */
export function docsRoot(ref: string, versionSlug = ''): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return `docs/${seg(namespace)}/${seg(kind)}/${seg(name)}/${versionSlug ? `versions/${encodeURIComponent(versionSlug)}/` : ''}`;
}

/** A page's path below the docs root: `index.md` → ``, `guide/setup.md` → `guide/setup/`, `a/README.md` → `a/`. */
export function pageSlug(page: string): string {
  const withoutExt = page.replace(/\.(md|markdown)$/i, '');
  const trimmed = withoutExt.replace(/(^|\/)(index|readme)$/i, '$1');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** Portal-relative URL of a stored docs image or file. */
export function assetPath(file: string): string {
  return `docs-assets/${file}`;
}
