// The one Markdown parser of the portal (docs pages and the descriptions in API definitions):
// CommonMark plus GitHub's extensions through remark, which Astro already depends on.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { prepareMarkdown } from './blocks.ts';
import { unknownTagsAsText } from './unknown-tags.ts';

/**
 * GitHub's five extensions, in remark-gfm's order, each with the text that must be in a document
 * for it to match anything. micromark tries every extension at every place it could start (the
 * table at each line, email autolinks at each word) and the autolink transform walks every text
 * node: ~1.2 ms of a 1.5 kB page's 2.7 ms parse (DESIGN.md, "Docs build speed"). A document that
 * cannot contain a construct is parsed without it, to the same tree (parse.test.ts compares with
 * remark-gfm). The triggers are raw source text: character references and backslash escapes never
 * make syntax, but they do make text, which the autolink transform reads, hence its `&` and the
 * letters (which cannot be escaped) instead of `www.` and `http:`.
 */
const GFM = [
  { name: 'autolink literal', syntax: gfmAutolinkLiteral, tree: gfmAutolinkLiteralFromMarkdown, mayMatch: /www|http|@|&/i },
  { name: 'footnote', syntax: gfmFootnote, tree: gfmFootnoteFromMarkdown, mayMatch: /\[\^/ },
  { name: 'strikethrough', syntax: gfmStrikethrough, tree: gfmStrikethroughFromMarkdown, mayMatch: /~/ },
  { name: 'table', syntax: gfmTable, tree: gfmTableFromMarkdown, mayMatch: /\|/ },
  { name: 'task list', syntax: gfmTaskListItem, tree: gfmTaskListItemFromMarkdown, mayMatch: /\[[\sxX]\]/ },
] as const;

/** A parser with the extensions of `mask` (bit i: GFM[i]); at most 32, each made once. */
const parsers = new Map<number, Processor<Root>>();
function parserFor(mask: number): Processor<Root> {
  let parser = parsers.get(mask);
  if (!parser) {
    const chosen = GFM.filter((_, i) => mask & (1 << i));
    parser = unified().use(remarkParse).use(function gfmParts(this: Processor) {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(...chosen.map((e) => e.syntax() as MicromarkExtension));
      (data.fromMarkdownExtensions ??= []).push(...chosen.map((e) => e.tree() as FromMarkdownExtension));
    }) as unknown as Processor<Root>;
    parsers.set(mask, parser);
  }
  return parser;
}

/** Which GFM extensions could match something in `text` (as a mask for parserFor). */
export function gfmMask(text: string): number {
  let mask = 0;
  GFM.forEach((e, i) => {
    if (e.mayMatch.test(text)) mask |= 1 << i;
  });
  return mask;
}

/** CommonMark + the GFM extensions that could match in `text`: the tree remark-gfm gives. */
export function parseGfm(text: string): Root {
  const parser = parserFor(gfmMask(text));
  return parser.runSync(parser.parse(text)) as Root;
}

/** The Markdown syntax tree, after MkDocs admonitions and tabs are rewritten as alerts. */
export function parseMarkdown(source: string): { tree: Root; lineOf: number[]; text: string; hasHtml: boolean } {
  const prepared = prepareMarkdown(source);
  const tree = parseGfm(prepared.text);
  const hasHtml = unknownTagsAsText(tree);
  return { tree, lineOf: prepared.lineOf, text: prepared.text, hasHtml };
}
