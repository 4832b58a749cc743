// Raw definitions are highlighted at build time with Shiki, once per process: creating a
// highlighter loads grammars and themes, which a 10,000-entity build must not pay per page.
// The JavaScript regex engine starts in ~15 ms against ~400 ms for Oniguruma's WebAssembly, and
// highlights these four languages as fast. Both themes are emitted as CSS variables so the page
// switches with the portal's theme.
import { createHighlighter, createJavaScriptRegexEngine, type BundledLanguage, type Highlighter } from 'shiki';

export type RawLanguage = 'yaml' | 'json' | 'graphql' | 'proto' | 'text';

/**
 * Largest text highlighted; beyond it the raw view is plain text, which costs nothing to build.
 * Shiki takes about 2 ms per kB of JSON or YAML, so this bounds one page to a quarter of a second.
 */
export const MAX_HIGHLIGHT_CHARS = 128 * 1024;

const LANGUAGES = ['yaml', 'json', 'graphql', 'proto'] as const;
// The -default GitHub themes: github-dark's comments (#6a737d on #24292e) are 3:1, under WCAG AA.
export const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

let highlighter: Promise<Highlighter> | undefined;

/** The process's one highlighter, created on first use. */
export function getApiHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [...LANGUAGES], engine: createJavaScriptRegexEngine() });
  return highlighter;
}

/**
 * Shiki stops tokenizing a line after a wall-clock limit (500 ms by default) and leaves the rest of
 * it one plain token, which guards against a pathological line. The JavaScript regex engine
 * compiles a grammar's patterns the first time they are used, inside that limit: 150–200 ms of CPU
 * for bash or python, over 500 ms of wall time on a busy machine or in a render thread that is
 * still starting, so a block came out coloured or not depending on the load (seen twice in docs: the
 * first block of a run, and a Python signature in a worker). Each grammar is first run on this text
 * of ours without the limit (compiling its main patterns), and the author's lines get 5 s each: far
 * beyond compiling a rule, still a bound on a line that would never finish. Same content, same
 * bytes, whatever the load (the build is compared byte for byte).
 */
export const LINE_TIME_LIMIT_MS = 5_000;
const WARM_UP = 'name = "text" + \'text\' # comment\n// comment /* comment */ -- comment\nkey: [1, 2.5, true, null] <tag attr="v">\n';
const warmed = new Set<string>();

/** Loads `lang` if needed and compiles its grammar outside the per-line time limit, once per process. */
export async function warmGrammar(shiki: Highlighter, lang: BundledLanguage): Promise<void> {
  if (warmed.has(lang)) return;
  if (!shiki.getLoadedLanguages().includes(lang)) await shiki.loadLanguage(lang);
  shiki.codeToTokensBase(WARM_UP, { lang, theme: THEMES.light, tokenizeTimeLimit: 0 });
  warmed.add(lang);
}

/**
 * Highlighted HTML for `code` (Shiki escapes every token, so it is safe to insert), or
 * `undefined` when the text is too large or the language is not highlighted: show it as plain text.
 */
export async function highlightDefinition(code: string, lang: RawLanguage, maxChars = MAX_HIGHLIGHT_CHARS): Promise<string | undefined> {
  if (lang === 'text' || code.length > maxChars) return undefined;
  const shiki = await getApiHighlighter();
  // defaultColor: false emits only --shiki-light/--shiki-dark variables; the component picks one per theme.
  await warmGrammar(shiki, lang);
  return shiki.codeToHtml(code, { lang, themes: THEMES, defaultColor: false, tokenizeTimeLimit: LINE_TIME_LIMIT_MS });
}
