// Where the portal puts an entity's page (the contract in lib/content/records.ts:
// `/catalog/<namespace>/<kind>/<name>/` under the base path), written out independently of the
// portal's own helpers so a change of URL scheme shows up as a failing test.

function refParts(ref: string): { kind: string; namespace: string; name: string } {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) throw new Error(`not a full entity reference: ${ref}`);
  return { kind: match[1], namespace: match[2], name: match[3] };
}

/** The absolute URL of an entity's page under `home` (origin + base); with `pathOnly`, its path as it appears in an href. */
export function entityUrl(home: string, ref: string, pathOnly = false): string {
  const { kind, namespace, name } = refParts(ref);
  const url = new URL(`catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/`, home);
  return pathOnly ? url.pathname : url.href;
}

/** True for the URL of an entity page (not the catalog index, not a JSON file). */
export function isEntityPageUrl(home: string, href: string): boolean {
  const url = new URL(href, home);
  const base = new URL(home).pathname;
  return url.origin === new URL(home).origin && url.pathname.startsWith(`${base}catalog/`) && /^[^/]+\/[^/]+\/[^/]+\/$/.test(url.pathname.slice(`${base}catalog/`.length));
}
