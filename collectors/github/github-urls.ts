// GitHub's web addresses for files (blob URLs): how descriptors are named, linked and followed
// across repositories. One place knows that api.github.com serves github.com and that GitHub
// Enterprise Server serves its API under /api/v3 of the web host.

/** A file at a ref of a repository. */
export interface BlobAddress {
  owner: string;
  repo: string;
  ref: string;
  /** Path inside the repository, no leading slash. */
  path: string;
}

/** The web origin whose blob URLs belong to the API at `baseUrl` (`https://github.com` for api.github.com). */
export function webOriginOf(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return url.origin;
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

export function formatBlobUrl(webOrigin: string, address: BlobAddress): string {
  return `${webOrigin}/${address.owner}/${address.repo}/blob/${encodeURIComponent(address.ref)}/${encodePath(address.path)}`;
}

/**
 * Reads `<origin>/<owner>/<repo>/blob|tree|raw/<ref>/<path>`, and the raw forms
 * (`raw.githubusercontent.com/<owner>/<repo>/<ref>/<path>`, an Enterprise host's `/raw/…` or `raw.<host>`). The ref is taken as one path segment:
 * a branch with a slash in its name cannot be told from a folder in a URL, so write it encoded (%2F).
 */
export function parseBlobUrl(url: string, webOrigin: string): BlobAddress | { error: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: `${url} is not a URL` };
  }
  let segments: string[];
  try {
    segments = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { error: `${url} is not a valid URL path` };
  }
  const web = new URL(webOrigin);
  // Raw file hosts: raw.githubusercontent.com for github.com, raw.<host> (subdomain isolation) for an Enterprise Server.
  const rawHost = web.hostname === 'github.com' ? 'raw.githubusercontent.com' : `raw.${web.hostname}`;
  if (parsed.protocol === web.protocol && parsed.hostname === rawHost) {
    const [owner, repo, ref, ...rest] = segments;
    if (owner && repo && ref && rest.length > 0) return { owner, repo, ref, path: rest.join('/') };
    return { error: `${url} is not a raw file URL of the form ${parsed.origin}/<org>/<repo>/<ref>/<path>` };
  }
  if (parsed.origin !== webOrigin) {
    return { error: `${url} is outside ${webOrigin}, the GitHub host this catalog is read from` };
  }
  // <host>/raw/<org>/<repo>/<ref>/<path>: an Enterprise Server without subdomain isolation.
  if (segments[0] === 'raw') {
    const [, owner, repo, ref, ...rest] = segments;
    if (owner && repo && ref && rest.length > 0) return { owner, repo, ref, path: rest.join('/') };
  }
  const [owner, repo, kind, ref, ...rest] = segments;
  if (!owner || !repo || (kind !== 'blob' && kind !== 'tree' && kind !== 'raw') || !ref || rest.length === 0) {
    return { error: `${url} is not a file URL of the form ${webOrigin}/<org>/<repo>/blob/<ref>/<path>` };
  }
  return { owner, repo, ref, path: rest.join('/') };
}
