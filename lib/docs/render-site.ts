// Renders one version of an entity's docs: every page through lib/markdown, relative links and
// images rewritten to portal URLs, and broken links (missing pages, anchors, images, paths out of
// the docs folder) reported per page with file and line. All pages are rendered before anchors
// are checked, because a link may point at a heading of another page.
import path from 'node:path';
import { renderMarkdown, type LinkRequest, type LinkResolution, type TocEntry } from '../markdown/render.ts';
import type { DocsProblem, DocsRecord, DocsVersion, NavItem } from './records.ts';
import { assetPath, docsRoot, pageSlug } from './urls.ts';
import type { RenderCache } from './render-cache.ts';

export interface RenderedDocsPage {
  path: string;
  /** Portal-relative URL (no base), e.g. `docs/default/component/x/guide/`. */
  url: string;
  title: string;
  html: string;
  toc: TocEntry[];
  hasDiagram: boolean;
  lastUpdated?: { at: string; commit?: string };
  editUrl?: string;
}

export interface RenderedDocsVersion {
  pages: RenderedDocsPage[];
  byPath: Map<string, RenderedDocsPage>;
  /** Nav flattened in reading order (previous/next), pages not in the nav after it. */
  order: RenderedDocsPage[];
  problems: DocsProblem[];
}

export interface RenderSiteOptions {
  iframeHosts?: string[];
  imageHosts?: string[];
  /** Prefix for portal-relative URLs in the HTML (the site's base, e.g. `/` or `/portal/`). */
  base: string;
  /** Pages rendered by an earlier run, reused when nothing they depend on changed. */
  cache?: RenderCache;
}

const MARKDOWN = /\.(md|markdown)$/i;

export async function renderDocsVersion(record: DocsRecord, version: DocsVersion, options: RenderSiteOptions): Promise<RenderedDocsVersion> {
  const root = docsRoot(record.ref, version.slug);
  const pageSet = new Set(version.pages.map((p) => p.path));
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const shownFile = (repoPath: string) => (record.source && record.source !== '.' ? `${record.source}/${repoPath}` : repoPath);
  const problems: DocsProblem[] = [];
  const rendered: RenderedDocsPage[] = [];
  const pending: { page: RenderedDocsPage; file: string; crossLinks: { page: string; anchor?: string; line: number }[] }[] = [];
  const ids = new Map<string, Set<string>>();

  for (const page of version.pages) {
    const file = shownFile(page.repoPath);
    const resolveLink = (request: LinkRequest): LinkResolution => resolveDocsLink(request, page.path, { pageSet, assets: version.assets, root, base, imageHosts: options.imageHosts ?? [] });
    const renderOptions = { resolveLink, iframeHosts: options.iframeHosts };
    const result = options.cache ? await options.cache.render(page.markdown, renderOptions, `${base}${root}${page.path}`) : await renderMarkdown(page.markdown, renderOptions);
    for (const w of result.warnings) problems.push({ severity: 'warning', file, line: w.line, message: w.message });
    const out: RenderedDocsPage = {
      path: page.path,
      url: `${root}${pageSlug(page.path)}`,
      title: result.title ?? navTitle(version.nav, page.path) ?? page.path,
      html: result.html,
      toc: result.toc,
      hasDiagram: result.hasDiagram,
      lastUpdated: page.lastUpdated,
      editUrl: version.editBase ? `${version.editBase}${page.path.split('/').map(encodeURIComponent).join('/')}` : undefined,
    };
    ids.set(page.path, new Set(result.ids));
    rendered.push(out);
    pending.push({ page: out, file, crossLinks: result.crossLinks });
  }
  for (const { file, crossLinks } of pending) {
    for (const link of crossLinks) {
      if (link.anchor && !ids.get(link.page)?.has(link.anchor)) problems.push({ severity: 'warning', file, line: link.line, message: `broken link: ${link.page} has no heading "#${link.anchor}"` });
    }
  }
  const byPath = new Map(rendered.map((p) => [p.path, p]));
  // A set beside the list: `order.includes` per page was n² for a site of n pages.
  const ordered = new Set<RenderedDocsPage>();
  const visit = (items: NavItem[]) => {
    for (const item of items) {
      const page = item.page ? byPath.get(item.page) : undefined;
      if (page) ordered.add(page);
      if (item.children) visit(item.children);
    }
  };
  visit(version.nav);
  for (const page of rendered) ordered.add(page);
  return { pages: rendered, byPath, order: [...ordered], problems: [...version.problems, ...problems] };
}

function navTitle(items: NavItem[], page: string): string | undefined {
  for (const item of items) {
    if (item.page === page) return item.title;
    const inner = item.children && navTitle(item.children, page);
    if (inner) return inner;
  }
  return undefined;
}

interface LinkContext {
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
