// Markdown → sanitised HTML tree: the part of the pipeline every use shares (docs pages render it
// to HTML; API descriptions project it onto plain data).
import type { Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { toHast } from 'mdast-util-to-hast';
import { VFile } from 'vfile';
import { parseMarkdown } from './parse.ts';
import { sanitizeSchema } from './sanitize-schema.ts';
import { findUnsafeMarkup } from './unsafe-markup.ts';
import { walkElements } from './walk.ts';

export interface SanitizedTree {
  tree: HastRoot;
  /** Author's 1-based line of a node of the tree (0 when unknown). */
  lineAt: (node: { position?: { start: { line: number } } }) => number;
  /** What the sanitiser removed, with the author's line. */
  removed: { line: number; message: string }[];
}

export function sanitizedTree(source: string): SanitizedTree {
  const { tree, lineOf, text, hasHtml } = parseMarkdown(source);
  const lineAt = (node: { position?: { start: { line: number } } }) => {
    const line = node.position?.start.line;
    return line === undefined ? 0 : (lineOf[line - 1] ?? line);
  };
  // Parsing raw HTML (parse5) is most of the cost; a document without any skips it.
  const hast = toHast(tree, { allowDangerousHtml: true }) as HastRoot;
  const withRaw = hasHtml ? (raw(hast, { file: new VFile(text) }) as HastRoot) : hast;
  const removed = findUnsafeMarkup(withRaw).map((u) => ({ line: lineAt(u.node), message: u.message }));
  const clean = sanitize(withRaw, sanitizeSchema) as HastRoot;
  undoDoublePrefix(clean);
  return { tree: clean, lineAt, removed };
}

/** Footnote ids are prefixed by the parser and again by the sanitiser; keep one prefix. */
function undoDoublePrefix(tree: HastRoot) {
  walkElements(tree, (node) => {
    for (const key of ['id', 'ariaDescribedBy']) {
      const value = node.properties[key];
      const fix = (v: unknown) => (typeof v === 'string' ? v.replace(/^(user-content-)+/, 'user-content-') : v);
      if (Array.isArray(value)) node.properties[key] = value.map(fix) as string[];
      else if (value !== undefined) node.properties[key] = fix(value) as string;
    }
  });
}
