// One link or image of a docs page → a portal URL, or dropped with the reason the author reads.
// Its own module so a render worker (render-worker.ts) resolves links exactly as the main thread.
import path from 'node:path';
import type { LinkRequest, LinkResolution } from '../markdown/render.ts';
import type { DocsVersion } from './records.ts';
import { assetPath, pageSlug } from './urls.ts';

const MARKDOWN = /\.(md|markdown)$/i;

export interface LinkContext {
  pageSet: Set<string>;
  assets: DocsVersion['assets'];
  root: string;
  base: string;
  imageHosts: string[];
}

/** One link or image of page `from` (docs-relative) → a portal URL, or dropped with the reason. */
export function resolveDocsLink(request: LinkRequest, from: string, context: LinkContext): LinkResolution {
  const { url, kind } = request;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    if (kind === 'link') return /^(https?:|mailto:)/i.test(url) ? { href: url } : { drop: `link "${url}" removed: only http(s) and mailto links are kept` };
    const host = /^https:\/\/([^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
    if (host && context.imageHosts.includes(host)) return { href: url };
    return { drop: `image "${url}" not shown: images from other sites are only loaded from docs.imageHosts; add the file to the docs folder instead` };
  }
  if (kind === 'link' && url.startsWith('#')) return { href: url };
  const [withoutHash, ...hashParts] = url.split('#');
  const anchor = hashParts.length > 0 ? decodeURIComponent(hashParts.join('#')) : undefined;
  const pathPart = safeDecode(withoutHash.split('?')[0]);
  if (pathPart.startsWith('/')) return { drop: `broken ${kind}: "${url}" is an absolute path; link relative to this page` };
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), pathPart));
  if (target === '..' || target.startsWith('../')) return { drop: `broken ${kind}: "${url}" leaves the docs folder` };
  const clean = target === '.' ? '' : target.replace(/\/$/, '');
  if (kind === 'image' || !MARKDOWN.test(clean)) {
    const asset = context.assets[clean];
    if (asset) return { href: `${context.base}${assetPath(asset.file)}` };
    if (kind === 'image') return { drop: `broken image: "${url}" is not an image in the docs folder` };
  }
  const candidates = MARKDOWN.test(clean) ? [clean] : [`${clean}.md`, clean ? `${clean}/index.md` : 'index.md', clean ? `${clean}/README.md` : 'README.md'];
  const page = candidates.find((c) => context.pageSet.has(c));
  if (!page) return { drop: `broken link: "${url}" — no page ${clean || 'index.md'} in the docs` };
  return { href: `${context.base}${context.root}${pageSlug(page)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`, target: { page, anchor } };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
