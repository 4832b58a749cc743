// Untrusted Markdown → safe HTML, the one renderer of docs pages: parse (remark + GFM), raw HTML
// parsed then sanitised with GitHub's rules, and only then the portal's own markup is added
// (admonitions, tabs, heading anchors, Shiki colours, Mermaid figures), so nothing the author
// wrote can pose as it. Links and images go through a resolver the caller supplies.
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString as hastToString } from 'hast-util-to-string';
import GithubSlugger from 'github-slugger';
import { visit, SKIP } from 'unist-util-visit';
import { transformAlerts } from './alerts.ts';
import { sanitizedTree } from './sanitized-tree.ts';
import { highlightCodeBlocks } from './code-blocks.ts';

export interface MarkdownWarning {
  /** 1-based line in the Markdown source. */
  line: number;
  message: string;
}

export interface LinkRequest {
  url: string;
  kind: 'link' | 'image';
  line: number;
}

/** What becomes of a link or image: a new URL, or dropped (kept as text) with a warning. */
export type LinkResolution = { href: string; target?: { page: string; anchor?: string } } | { drop: string };

export interface RenderOptions {
  /** Decides every link and image URL; the default keeps absolute http(s)/mailto links only. */
  resolveLink?: (request: LinkRequest) => LinkResolution;
  /** Hosts whose https iframes may stay (videos, dashboards); others are removed with a warning. */
  iframeHosts?: string[];
}

export interface TocEntry {
  depth: number;
  text: string;
  id: string;
}

export interface RenderedMarkdown {
  html: string;
  /** The text of the first level-1 heading, if any. */
  title?: string;
  toc: TocEntry[];
  /** Every id on the page (heading anchors, footnotes), for checking links to it. */
  ids: string[];
  /** Links resolved into other pages, with their line, for the caller to check anchors. */
  crossLinks: { page: string; anchor?: string; line: number }[];
  warnings: MarkdownWarning[];
  /** True when the page has a Mermaid diagram, so the page loads the drawing script. */
  hasDiagram: boolean;
}

const SAFE_LINK = /^(?:https?:|mailto:)/i;

/** The default link policy: absolute http(s) and mailto links; everything else becomes text. */
export function absoluteLinksOnly(request: LinkRequest): LinkResolution {
  if (request.kind === 'link' && SAFE_LINK.test(request.url)) return { href: request.url };
  if (request.url.startsWith('#') && request.kind === 'link') return { href: request.url };
  return { drop: `${request.kind} "${request.url}" is not an absolute http(s) link; shown as text` };
}

/** Renders one Markdown document; never throws on content. */
export async function renderMarkdown(source: string, options: RenderOptions = {}): Promise<RenderedMarkdown> {
  const { tree: clean, lineAt, removed } = sanitizedTree(source);
  const warnings: MarkdownWarning[] = [...removed];

  dropForeignIframes(clean, options.iframeHosts ?? [], (node, message) => warnings.push({ line: lineAt(node), message }));
  transformAlerts(clean);
  const { toc, ids, title } = anchorHeadings(clean);
  const crossLinks: RenderedMarkdown['crossLinks'] = [];
  const resolve = options.resolveLink ?? absoluteLinksOnly;
  rewriteLinks(clean, resolve, lineAt, warnings, crossLinks);
  for (const link of crossLinks.filter((l) => l.page === '' && l.anchor !== undefined)) {
    if (!ids.includes(link.anchor!)) warnings.push({ line: link.line, message: `link to "#${link.anchor}": no such heading on this page` });
  }
  const hasDiagram = await highlightCodeBlocks(clean);
  return {
    html: toHtml(clean),
    title,
    toc,
    ids,
    crossLinks: crossLinks.filter((l) => l.page !== ''),
    warnings: warnings.sort((a, b) => a.line - b.line),
    hasDiagram,
  };
}

function dropForeignIframes(tree: HastRoot, hosts: string[], warn: (node: Element, message: string) => void) {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'iframe' || !parent || index === undefined) return;
    const src = String(node.properties.src ?? '');
    let host = '';
    try {
      const url = new URL(src);
      if (url.protocol === 'https:') host = url.hostname;
    } catch {
      /* not a URL: removed below */
    }
    if (host && hosts.includes(host)) {
      node.properties = { src, title: node.properties.title ?? 'Embedded content', width: node.properties.width, height: node.properties.height, loading: 'lazy', sandbox: ['allow-scripts', 'allow-same-origin'], referrerPolicy: 'no-referrer' };
      return;
    }
    warn(node, `iframe "${src}" removed: its host is not in docs.iframeHosts of backlot.config.yaml`);
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}

/** Ids from headings (GitHub's slugs, unique per page); the first h1 is the page's title. */
function anchorHeadings(tree: HastRoot): { toc: TocEntry[]; ids: string[]; title?: string } {
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  const ids: string[] = [];
  let title: string | undefined;
  visit(tree, 'element', (node) => {
    const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (depth && node.properties.id === undefined) {
      const text = hastToString(node).trim();
      const id = slugger.slug(text);
      node.properties.id = id;
      ids.push(id);
      if (depth === '1' && title === undefined) title = text;
      if (depth === '2' || depth === '3') toc.push({ depth: Number(depth), text, id });
      node.children.push({ type: 'element', tagName: 'a', properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `Link to ${text}` }, children: [{ type: 'text', value: '#' }] });
      return SKIP;
    }
    if (typeof node.properties.id === 'string') ids.push(node.properties.id);
  });
  return { toc, ids, title };
}

function rewriteLinks(
  tree: HastRoot,
  resolve: (request: LinkRequest) => LinkResolution,
  lineAt: (node: Element) => number,
  warnings: MarkdownWarning[],
  crossLinks: RenderedMarkdown['crossLinks'],
) {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return;
    const isLink = node.tagName === 'a' && typeof node.properties.href === 'string';
    const isImage = node.tagName === 'img' && typeof node.properties.src === 'string';
    if (!isLink && !isImage) return;
    if (isLink && (node.properties.className as string[] | undefined)?.includes('heading-anchor')) return;
    const url = String(isLink ? node.properties.href : node.properties.src);
    // Footnote links are made by the parser, not the author: they point at ids it also made.
    if (isLink && url.startsWith('#user-content-')) return;
    const line = lineAt(node);
    const result = resolve({ url, kind: isLink ? 'link' : 'image', line });
    if ('drop' in result) {
      warnings.push({ line, message: result.drop });
      const replacement: ElementContent[] = isLink ? node.children : [{ type: 'text', value: String(node.properties.alt ?? '') }];
      parent.children.splice(index, 1, ...(replacement as RootContent[] as ElementContent[]));
      return [SKIP, index];
    }
    if (isLink) {
      node.properties.href = result.href;
      if (/^https?:/i.test(result.href)) node.properties.rel = ['nofollow', 'noopener', 'noreferrer'];
    } else {
      node.properties.src = result.href;
      node.properties.loading = 'lazy';
    }
    if (result.target) crossLinks.push({ ...result.target, line });
    if (isLink && url.startsWith('#')) crossLinks.push({ page: '', anchor: decodeURIComponent(url.slice(1)), line });
  });
}
