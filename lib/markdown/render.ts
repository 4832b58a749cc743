// Untrusted Markdown → safe HTML, the one renderer of docs pages: parse (remark + GFM), raw HTML
// parsed then sanitised with GitHub's rules, and only then the portal's own markup is added
// (admonitions, tabs, heading anchors, Shiki colours, Mermaid figures), so nothing the author
// wrote can pose as it. Links and images go through a resolver the caller supplies.
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString as hastToString } from 'hast-util-to-string';
import GithubSlugger from 'github-slugger';
import { SKIP, walkElements, type Step } from './walk.ts';
import { transformAlerts } from './alerts.ts';
import { sanitizedTree } from './sanitized-tree.ts';
import { codeBlockOf, highlightCodeBlocks, type CodeBlock } from './code-blocks.ts';

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
  const crossLinks: RenderedMarkdown['crossLinks'] = [];
  const resolve = options.resolveLink ?? absoluteLinksOnly;
  const iframeHosts = options.iframeHosts ?? [];
  const slugger = new GithubSlugger();
  const toc: TocEntry[] = [];
  const ids: string[] = [];
  let title: string | undefined;
  const quotes: { node: Element; parent: HastRoot | Element }[] = [];
  const codeBlocks: CodeBlock[] = [];
  const anchors = new WeakSet<Element>();

  // One walk does everything that looks at single elements (it was six walks: the profile showed
  // the walks, not the work in them, as the cost); blockquotes and code are transformed after it.
  walkElements(clean, (node, index, parent): Step => {
    switch (node.tagName) {
      case 'iframe':
        return keepIframe(node, iframeHosts) ? SKIP : dropIframe(node, index, parent, lineAt, warnings);
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        if (node.properties.id === undefined) {
          const text = hastToString(node).trim();
          const id = slugger.slug(text);
          node.properties.id = id;
          ids.push(id);
          const depth = Number(node.tagName[1]);
          if (depth === 1 && title === undefined) title = text;
          if (depth === 2 || depth === 3) toc.push({ depth, text, id });
          // Added now, walked past: the anchor is the portal's link, not the author's.
          const anchor: Element = { type: 'element', tagName: 'a', properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `Link to ${text}` }, children: [{ type: 'text', value: '#' }] };
          anchors.add(anchor);
          node.children.push(anchor);
          return;
        }
        break;
      case 'blockquote':
        quotes.push({ node, parent });
        break;
      case 'pre': {
        const block = codeBlockOf(node);
        if (block) codeBlocks.push(block);
        break;
      }
      case 'a':
        if (anchors.has(node)) return SKIP;
        if (typeof node.properties.href === 'string') {
          const next = rewriteLink(node, index, parent, 'link', resolve, lineAt, warnings, crossLinks);
          if (next !== undefined) return next;
        }
        break;
      case 'img':
        if (typeof node.properties.src === 'string') {
          const next = rewriteLink(node, index, parent, 'image', resolve, lineAt, warnings, crossLinks);
          if (next !== undefined) return next;
        }
        break;
    }
    if (typeof node.properties.id === 'string') ids.push(node.properties.id);
  });
  ids.push(...transformAlerts(clean, quotes));
  for (const link of crossLinks.filter((l) => l.page === '' && l.anchor !== undefined)) {
    if (!ids.includes(link.anchor!)) warnings.push({ line: link.line, message: `link to "#${link.anchor}": no such heading on this page` });
  }
  const hasDiagram = await highlightCodeBlocks(codeBlocks);
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

/** An https iframe from an allow-listed host stays, sandboxed; its properties are replaced. */
function keepIframe(node: Element, hosts: string[]): boolean {
  const src = String(node.properties.src ?? '');
  let host = '';
  try {
    const url = new URL(src);
    if (url.protocol === 'https:') host = url.hostname;
  } catch {
    /* not a URL: removed */
  }
  if (!host || !hosts.includes(host)) return false;
  node.properties = { src, title: node.properties.title ?? 'Embedded content', width: node.properties.width, height: node.properties.height, loading: 'lazy', sandbox: ['allow-scripts', 'allow-same-origin'], referrerPolicy: 'no-referrer' };
  return true;
}

function dropIframe(node: Element, index: number, parent: HastRoot | Element, lineAt: (node: Element) => number, warnings: MarkdownWarning[]): number {
  warnings.push({ line: lineAt(node), message: `iframe "${String(node.properties.src ?? '')}" removed: its host is not in docs.iframeHosts of backlot.config.yaml` });
  parent.children.splice(index, 1);
  return index;
}

/** Resolves one link or image in place; a dropped one is replaced by its text (returns where to go on). */
function rewriteLink(
  node: Element,
  index: number,
  parent: HastRoot | Element,
  kind: 'link' | 'image',
  resolve: (request: LinkRequest) => LinkResolution,
  lineAt: (node: Element) => number,
  warnings: MarkdownWarning[],
  crossLinks: RenderedMarkdown['crossLinks'],
): number | undefined {
  const isLink = kind === 'link';
  if (isLink && (node.properties.className as string[] | undefined)?.includes('heading-anchor')) return undefined;
  const url = String(isLink ? node.properties.href : node.properties.src);
  // Footnote links are made by the parser, not the author: they point at ids it also made.
  if (isLink && url.startsWith('#user-content-')) return undefined;
  const line = lineAt(node);
  const result = resolve({ url, kind, line });
  if ('drop' in result) {
    warnings.push({ line, message: result.drop });
    const replacement: ElementContent[] = isLink ? node.children : [{ type: 'text', value: String(node.properties.alt ?? '') }];
    parent.children.splice(index, 1, ...(replacement as RootContent[] as ElementContent[]));
    return index;
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
  return undefined;
}
