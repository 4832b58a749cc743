// Descriptions in API definitions are Markdown written by anyone with commit rights to a
// repository. We keep what reads well (paragraphs, lists, headings, code, bold, links) as plain
// data and drop the rest, so nothing from a definition is ever parsed by the browser as HTML.
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
  // HTML is stripped outside fenced code only: a code block may show markup, printed escaped.
  source = source
    .split(/(^[ \t]*(?:```|~~~)[^\n]*\n[\s\S]*?^[ \t]*(?:```|~~~)[ \t]*$)/m)
    .map((part, i) => (i % 2 === 1 ? part : stripHtml(part)))
    .join('');
  const blocks: RichBlock[] = [];
  const lines = source.split('\n');
  let paragraph: string[] = [];
  let list: string[] = [];

  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
    paragraph = [];
  };
  const flushList = () => {
    if (list.length > 0) blocks.push({ kind: 'list', items: list.map(parseInlines) });
    list = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      flushParagraph();
      flushList();
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) code.push(lines[i++]);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      blocks.push({ kind: 'heading', inlines: parseInlines(heading[1]) });
      continue;
    }
    const item = /^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushParagraph();
      list.push(item[1]);
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    if (list.length > 0 && /^\s+\S/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
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

/** HTML elements whose tags are removed (text kept); other `<Word>` text, like generics, stays. */
const HTML_TAG =
  /<\/?(?:a|abbr|b|blockquote|br|button|center|code|dd|del|details|div|dl|dt|em|font|form|h[1-6]|hr|i|img|input|ins|kbd|li|link|meta|ol|p|pre|s|section|small|span|strike|strong|sub|summary|sup|svg|table|tbody|td|th|thead|tr|u|ul|base|body|head|html|style|script|iframe|object|embed|template)\b[^<>]*>/gi;

/** Drops script-like elements with their content, then HTML tags (keeping their text). */
function stripHtml(source: string): string {
  return source
    .replace(/<(script|style|iframe|object|embed|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(HTML_TAG, '')
    .replace(/<!--[\s\S]*?-->/g, '');
}

const INLINE_PATTERN =
  /`([^`]+)`|\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))*)>?(?:\s+"[^"]*")?\s*\)|\*\*([^*]+)\*\*|__([^_]+)__|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]|mailto:[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** Splits a line into text, code, bold and (safe) links; unsafe link targets keep only their text. */
export function parseInlines(text: string): RichInline[] {
  const inlines: RichInline[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (value === '') return;
    const previous = inlines[inlines.length - 1];
    if (previous?.kind === 'text') previous.text += value;
    else inlines.push({ kind: 'text', text: value });
  };
  for (const match of text.matchAll(INLINE_PATTERN)) {
    pushText(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [, code, linkText, linkHref, bold1, bold2, bareUrl] = match;
    if (code !== undefined) inlines.push({ kind: 'code', text: code });
    else if (linkHref !== undefined) {
      const href = safeHref(linkHref);
      const label = linkText || linkHref;
      if (href) inlines.push({ kind: 'link', text: label, href });
      else pushText(label);
    } else if (bold1 !== undefined || bold2 !== undefined) inlines.push({ kind: 'strong', text: bold1 ?? bold2 });
    else if (bareUrl !== undefined) {
      const href = safeHref(bareUrl);
      if (href) inlines.push({ kind: 'link', text: bareUrl, href });
      else pushText(bareUrl);
    }
  }
  pushText(text.slice(last));
  return inlines;
}
