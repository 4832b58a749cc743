// Renders one version of an entity's docs: every page through lib/markdown, relative links and
// images rewritten to portal URLs, and broken links (missing pages, anchors, images, paths out of
// the docs folder) reported per page with file and line. All pages are rendered before anchors
// are checked, because a link may point at a heading of another page.
import { renderMarkdown, type LinkRequest, type LinkResolution, type RenderOptions, type RenderedMarkdown, type TocEntry } from '../markdown/render.ts';
import type { DocsProblem, DocsRecord, DocsVersion, NavItem } from './records.ts';
import { docsRoot, pageSlug } from './urls.ts';
import type { RenderCache } from './render-cache.ts';
import { POOL_MIN_PAGES, type RenderPool, type SiteLinks } from './render-pool.ts';
import { resolveDocsLink } from './resolve-link.ts';

export { resolveDocsLink, type LinkContext } from './resolve-link.ts';

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
  /** Threads to render a version of at least `poolMinPages` pages on (render-pool.ts). */
  pool?: RenderPool;
  /** Default POOL_MIN_PAGES; tests lower it to run the pool on a small site. */
  poolMinPages?: number;
}

export async function renderDocsVersion(record: DocsRecord, version: DocsVersion, options: RenderSiteOptions): Promise<RenderedDocsVersion> {
  const root = docsRoot(record.ref, version.slug);
  const pageSet = new Set(version.pages.map((p) => p.path));
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const shownFile = (repoPath: string) => (record.source && record.source !== '.' ? `${record.source}/${repoPath}` : repoPath);
  const problems: DocsProblem[] = [];
  const rendered: RenderedDocsPage[] = [];
  const pending: { page: RenderedDocsPage; file: string; crossLinks: { page: string; anchor?: string; line: number }[] }[] = [];
  const ids = new Map<string, Set<string>>();

  const linkContext = { pageSet, assets: version.assets, root, base, imageHosts: options.imageHosts ?? [] };
  const pool = options.pool && version.pages.length >= (options.poolMinPages ?? POOL_MIN_PAGES) ? options.pool : undefined;
  const site: SiteLinks = { pages: [...pageSet], assets: version.assets, root, base, imageHosts: linkContext.imageHosts };
  const renderOne = (page: DocsVersion['pages'][number]): Promise<RenderedMarkdown> => {
    const resolveLink = (request: LinkRequest): LinkResolution => resolveDocsLink(request, page.path, linkContext);
    const renderOptions = { resolveLink, iframeHosts: options.iframeHosts };
    // In the pool the links are resolved in the worker; asked again here (same answers) for the cache's record.
    const render = pool
      ? async (markdown: string, opts: RenderOptions) => {
          const { result, links } = await pool.render(site, { path: page.path, markdown, iframeHosts: options.iframeHosts });
          for (const { request } of links) opts.resolveLink?.(request);
          return result;
        }
      : renderMarkdown;
    return options.cache ? options.cache.render(page.markdown, renderOptions, `${base}${root}${page.path}`, render) : render(page.markdown, renderOptions);
  };
  // With a pool every page is queued at once (results stay in page order); without one, one page
  // at a time, so only one page's trees are in memory.
  const results: RenderedMarkdown[] = [];
  if (pool) results.push(...(await Promise.all(version.pages.map(renderOne))));
  else for (const page of version.pages) results.push(await renderOne(page));
  version.pages.forEach((page, index) => {
    const file = shownFile(page.repoPath);
    const result = results[index];
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
  });
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

