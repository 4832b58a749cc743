// Raw definitions are highlighted at build time with Shiki, once per process: creating a
// highlighter loads grammars and themes, which a 10,000-entity build must not pay per page.
// The JavaScript regex engine starts in ~15 ms against ~400 ms for Oniguruma's WebAssembly, and
// highlights these four languages as fast. Both themes are emitted as CSS variables so the page
// switches with the portal's theme.
import { createHighlighter, createJavaScriptRegexEngine, type Highlighter } from 'shiki';

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
 * Highlighted HTML for `code` (Shiki escapes every token, so it is safe to insert), or
 * `undefined` when the text is too large or the language is not highlighted: show it as plain text.
 */
export async function highlightDefinition(code: string, lang: RawLanguage, maxChars = MAX_HIGHLIGHT_CHARS): Promise<string | undefined> {
  if (lang === 'text' || code.length > maxChars) return undefined;
  const shiki = await getApiHighlighter();
  // defaultColor: false emits only --shiki-light/--shiki-dark variables; the component picks one per theme.
  return shiki.codeToHtml(code, { lang, themes: THEMES, defaultColor: false });
}
