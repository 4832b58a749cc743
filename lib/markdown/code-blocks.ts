// Fenced code after sanitising: Shiki colours it at build time (the API pages' highlighter, so one
// set of grammars is loaded per build); ```mermaid becomes a figure whose source is shown as text
// and drawn in the browser by the portal's diagram script, only on pages that have one.
import type { Element } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { bundledLanguages, type BundledLanguage } from 'shiki';
import { getApiHighlighter, LINE_TIME_LIMIT_MS, MAX_HIGHLIGHT_CHARS, THEMES, warmGrammar } from '../apidocs/highlight.ts';

function languageOf(code: Element): string | undefined {
  const classes = (code.properties.className as string[] | undefined) ?? [];
  return classes.find((c) => c.startsWith('language-'))?.slice('language-'.length).toLowerCase();
}

/** The drawing scrolls sideways on a phone, so it takes keyboard focus (tabIndex) to be scrolled. */
function mermaidFigure(source: string): Element {
  return {
    type: 'element', tagName: 'figure', properties: { className: ['diagram'], dataMermaid: '', dataTestid: 'diagram' },
    children: [
      { type: 'element', tagName: 'div', properties: { className: ['diagram-render'], role: 'img', ariaLabel: 'Diagram', tabIndex: 0 }, children: [] },
      { type: 'element', tagName: 'details', properties: {}, children: [
        { type: 'element', tagName: 'summary', properties: { className: ['muted'] }, children: [{ type: 'text', value: 'Diagram source (Mermaid)' }] },
        { type: 'element', tagName: 'pre', properties: { className: ['diagram-source'] }, children: [{ type: 'text', value: source }] },
      ] },
    ],
  };
}

export interface CodeBlock {
  pre: Element;
  lang: string;
  code: string;
}

/** A `pre > code.language-*` element as a block to highlight (the renderer's walk finds them). */
export function codeBlockOf(pre: Element): CodeBlock | undefined {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const lang = code && languageOf(code);
  return code && lang ? { pre, lang, code: hastToString(code).replace(/\n$/, '') } : undefined;
}

/** Highlights the blocks in place (grammars loaded on first use); returns whether one is a Mermaid diagram. */
export async function highlightCodeBlocks(blocks: CodeBlock[]): Promise<boolean> {
  let hasDiagram = false;
  for (const block of blocks) {
    if (block.lang === 'mermaid') {
      Object.assign(block.pre, mermaidFigure(block.code));
      hasDiagram = true;
      continue;
    }
    if (!(block.lang in bundledLanguages) || block.code.length > MAX_HIGHLIGHT_CHARS) continue;
    const shiki = await getApiHighlighter();
    const lang = block.lang as BundledLanguage;
    await warmGrammar(shiki, lang); // outside Shiki's per-line time limit: see lib/apidocs/highlight.ts
    const highlighted = shiki.codeToHast(block.code, { lang, themes: THEMES, defaultColor: false, tokenizeTimeLimit: LINE_TIME_LIMIT_MS });
    const pre = highlighted.children[0];
    if (pre?.type === 'element') Object.assign(block.pre, pre);
  }
  return hasDiagram;
}
