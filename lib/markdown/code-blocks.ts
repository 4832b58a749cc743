// Fenced code after sanitising: Shiki colours it at build time (the API pages' highlighter, so one
// set of grammars is loaded per build); ```mermaid becomes a figure whose source is shown as text
// and drawn in the browser by the portal's diagram script, only on pages that have one.
import type { Element } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { bundledLanguages, type BundledLanguage } from 'shiki';
import { getApiHighlighter, MAX_HIGHLIGHT_CHARS, THEMES } from '../apidocs/highlight.ts';

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

/**
 * Shiki stops tokenizing a line after a wall-clock limit (500 ms by default) and leaves the rest of
 * it one plain token, which guards against a pathological line. The JavaScript regex engine
 * compiles a grammar's patterns the first time they are used, inside that limit: 150–200 ms of CPU
 * for bash or python, over 500 ms of wall time on a busy machine or in a render thread that is
 * still starting, so a block came out coloured or not depending on the load (seen twice: the first
 * block of a run, and a Python signature in a worker). Each grammar is first run on this text of
 * ours without the limit (compiling its main patterns), and the author's lines get 5 s each: far
 * beyond compiling a rule, still a bound on a line that would never finish.
 */
const LINE_TIME_LIMIT_MS = 5_000;
const WARM_UP = 'name = "text" + \'text\' # comment\n// comment /* comment */ -- comment\nkey: [1, 2.5, true, null] <tag attr="v">\n';
const warmed = new Set<string>();

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
    if (!warmed.has(lang)) {
      if (!shiki.getLoadedLanguages().includes(lang)) await shiki.loadLanguage(lang);
      shiki.codeToTokensBase(WARM_UP, { lang, theme: THEMES.light, tokenizeTimeLimit: 0 });
      warmed.add(lang);
    }
    const highlighted = shiki.codeToHast(block.code, { lang, themes: THEMES, defaultColor: false, tokenizeTimeLimit: LINE_TIME_LIMIT_MS });
    const pre = highlighted.children[0];
    if (pre?.type === 'element') Object.assign(block.pre, pre);
  }
  return hasDiagram;
}
