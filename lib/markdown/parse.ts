// The one Markdown parser of the portal (docs pages and the descriptions in API definitions):
// CommonMark plus GitHub's extensions through remark, which Astro already depends on.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import { prepareMarkdown } from './blocks.ts';
import { unknownTagsAsText } from './unknown-tags.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/** The Markdown syntax tree, after MkDocs admonitions and tabs are rewritten as alerts. */
export function parseMarkdown(source: string): { tree: Root; lineOf: number[]; text: string; hasHtml: boolean } {
  const prepared = prepareMarkdown(source);
  const tree = parser.runSync(parser.parse(prepared.text)) as Root;
  const hasHtml = unknownTagsAsText(tree);
  return { tree, lineOf: prepared.lineOf, text: prepared.text, hasHtml };
}
