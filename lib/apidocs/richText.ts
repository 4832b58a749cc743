// Descriptions in API definitions are Markdown written by anyone with commit rights to a
// repository. They go through the docs pipeline (lib/markdown: remark + GFM, raw HTML sanitised),
// and the sanitised tree is projected onto plain data (paragraphs, lists, headings, code, bold,
// links), so nothing from a definition is ever parsed by the browser as HTML.
import type { Element, ElementContent, RootContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { sanitizedTree } from '../markdown/sanitized-tree.ts';
import type { RichBlock, RichInline, RichText } from './types.ts';

/** Longest description kept; beyond it the text is cut so one field cannot bloat a page. */
const MAX_DESCRIPTION_CHARS = 20_000;

/** Schemes a link may use. Everything else (javascript:, data:, vbscript:, relative) becomes text. */
const SAFE_SCHEMES = ['http:', 'https:', 'mailto:'];

/** Returns `href` when it is an absolute http(s)/mailto URL, otherwise `undefined`. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  // Browsers ignore control characters and whitespace inside schemes (`java\tscript:`): refuse them.
  if (/[\u0000-\u0020\u007f]/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  return SAFE_SCHEMES.includes(url.protocol) ? url.href : undefined;
}

/** Turns a Markdown description into safe blocks. Non-strings give an empty description. */
export function toRichText(markdown: unknown): RichText {
  if (typeof markdown !== 'string') return [];
  let source = markdown.replace(/\r\n?/g, '\n');
  if (source.length > MAX_DESCRIPTION_CHARS) source = `${source.slice(0, MAX_DESCRIPTION_CHARS)}…`;
  return toBlocks(sanitizedTree(source).tree.children);
}

/** The description as one line of plain text (for table cells and summaries). */
export function plainText(text: RichText): string {
  return text
    .map((block) => {
      if (block.kind === 'code') return block.text;
      if (block.kind === 'list') return block.items.map((item) => item.map((i) => i.text).join('')).join('; ');
      return block.inlines.map((i) => i.text).join('');
    })
    .join(' ');
}

const BLOCK_CONTAINERS = new Set(['blockquote', 'div', 'section', 'details', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'dl', 'dd', 'dt', 'picture']);

/** Projects the sanitised tree onto paragraphs, headings, lists and code; other blocks give their text. */
function toBlocks(nodes: RootContent[] | ElementContent[]): RichBlock[] {
  const blocks: RichBlock[] = [];
  let loose: ElementContent[] = [];
  const flushLoose = () => {
    const inlines = toInlines(loose);
    if (inlines.some((i) => i.text.trim() !== '')) blocks.push({ kind: 'paragraph', inlines: trimInlines(inlines) });
    loose = [];
  };
  for (const node of nodes) {
    if (node.type !== 'element') {
      if (node.type === 'text') loose.push(node);
      continue;
    }
    const tag = node.tagName;
    if (tag === 'p' || tag === 'td' || tag === 'th' || tag === 'summary') {
      flushLoose();
      const inlines = trimInlines(toInlines(node.children));
      if (inlines.length > 0) blocks.push({ kind: 'paragraph', inlines });
    } else if (/^h[1-6]$/.test(tag)) {
      flushLoose();
      blocks.push({ kind: 'heading', inlines: trimInlines(toInlines(node.children)) });
    } else if (tag === 'ul' || tag === 'ol') {
      flushLoose();
      const items = node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').map((li) => trimInlines(toInlines(li.children)));
      blocks.push({ kind: 'list', items });
    } else if (tag === 'pre') {
      flushLoose();
      blocks.push({ kind: 'code', text: hastToString(node).replace(/\n$/, '') });
    } else if (BLOCK_CONTAINERS.has(tag) || tag === 'li') {
      flushLoose();
      blocks.push(...toBlocks(node.children));
    } else loose.push(node);
  }
  flushLoose();
  return blocks;
}

function trimInlines(inlines: RichInline[]): RichInline[] {
  const first = inlines[0];
  if (first?.kind === 'text') first.text = first.text.trimStart();
  const last = inlines[inlines.length - 1];
  if (last?.kind === 'text') last.text = last.text.trimEnd();
  return inlines.filter((i) => i.text !== '');
}

/** Text, code, bold and (safe) links; any other element gives its text. Line breaks are spaces. */
function toInlines(nodes: ElementContent[]): RichInline[] {
  const inlines: RichInline[] = [];
  const pushText = (value: string) => {
    if (value === '') return;
    const previous = inlines[inlines.length - 1];
    if (previous?.kind === 'text') previous.text += value;
    else inlines.push({ kind: 'text', text: value });
  };
  for (const node of nodes) {
    if (node.type === 'text') pushText(node.value.replace(/\s*\n\s*/g, ' '));
    if (node.type !== 'element') continue;
    if (node.tagName === 'code') inlines.push({ kind: 'code', text: hastToString(node) });
    else if (node.tagName === 'strong' || node.tagName === 'b') inlines.push({ kind: 'strong', text: hastToString(node) });
    else if (node.tagName === 'a') {
      const href = typeof node.properties.href === 'string' ? safeHref(node.properties.href) : undefined;
      const label = hastToString(node);
      if (href) inlines.push({ kind: 'link', text: label || href, href });
      else pushText(label);
    } else if (node.tagName === 'br') pushText(' ');
    else if (node.tagName !== 'img' && node.tagName !== 'input') for (const inline of toInlines(node.children)) inline.kind === 'text' ? pushText(inline.text) : inlines.push(inline);
  }
  return inlines;
}

/** Splits one line into text, code, bold and (safe) links; unsafe link targets keep only their text. */
export function parseInlines(text: string): RichInline[] {
  const blocks = toRichText(text);
  return blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? b.inlines : []));
}
