// Size budgets, checked after every build as Starlight does with size-limit: per page, the HTML
// (gzip), the JavaScript it loads up front and the CSS it links. Past a budget the build fails.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { normaliseBase } from '../../lib/config/base.ts';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';

/** budgets.json: kB (1,000 bytes) gzip; `pages` overrides `default` by glob (`*` any characters). */
export interface Budgets {
  html: { default: number; pages?: Record<string, number> };
  js: { default: number; pages?: Record<string, number> };
  css: { default: number; pages?: Record<string, number> };
}

export interface PageSize {
  /** Path of the HTML file relative to outDir, with `/`. */
  page: string;
  html: number;
  js: number;
  css: number;
}

export interface BudgetViolation {
  page: string;
  measure: 'html' | 'js' | 'css';
  bytes: number;
  limit: number;
}

export interface BudgetReport {
  pages: PageSize[];
  violations: BudgetViolation[];
  /** The largest page for each measure. */
  largest: Record<'html' | 'js' | 'css', PageSize | undefined>;
}

// zlib's default level: what a CDN's on-the-fly gzip is close to, and fast enough for 10,000 pages.
const gzipSizeOf = (data: string | Buffer) => gzipSync(data).length;

/** Every HTML file under `outDir` (files only: an entity named `index.html` is a folder of that name). */
export function htmlFiles(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => path.relative(outDir, path.join(d.parentPath, d.name)))
    // Pagefind's own output folder only: an entity named `pagefind` is a page like any other.
    .filter((f) => f.split(path.sep)[0] !== 'pagefind')
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** The limit in bytes for `page`: the first matching `pages` glob, else the default. */
export function limitFor(budget: Budgets['html'], page: string): number {
  for (const [pattern, kb] of Object.entries(budget.pages ?? {})) {
    const regex = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    if (regex.test(page)) return kb * 1000;
  }
  return budget.default * 1000;
}

/** Local URLs of module scripts and stylesheets, plus inline script and style text, of one page. */
export function pageAssets(html: string): { scripts: string[]; styles: string[]; inlineScripts: string[]; inlineStyles: string[] } {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((m) => /\bhref="([^"]+)"/.exec(m[0])?.[1]).filter((s): s is string => !!s);
  const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  return { scripts, styles, inlineScripts, inlineStyles };
}

/** Static `import … from "./x.js"` specifiers of a module (dynamic `import()` is lazy, not counted). */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
}

/**
 * The page without what came from repositories (elements marked `data-budget="repository"`, such
 * as an API's definition): budgets guard what the portal adds, and content never fails a build.
 */
export function withoutRepositoryContent(html: string): string {
  const open = /<([a-z][a-z0-9-]*)\b[^>]*\bdata-budget="repository"[^>]*>/gi;
  let out = '';
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tag = m[1].toLowerCase();
    const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
    tags.lastIndex = m.index + m[0].length;
    let depth = 1;
    let end = html.length;
    for (let t = tags.exec(html); t; t = tags.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    out += html.slice(from, m.index);
    from = end;
    open.lastIndex = end;
  }
  return out + html.slice(from);
}

/**
 * Measures pages of a built site: the HTML (gzip, without repository content), the JavaScript a
 * page loads up front (its module scripts and what they statically import) and the CSS it links.
 * Shared by the budget check and the benchmark, which reports the catalog's first view and an
 * entity page's JS.
 */
export function createPageMeasurer(outDir: string, base = '/'): (page: string) => PageSize {
  const fileCache = new Map<string, string | null>();
  // Every page links the same few scripts and stylesheets (and repeats the same inline ones):
  // each distinct text is gzipped once, not once per page (10,000 pages took ~15 s before).
  const gzipCache = new Map<string, number>();
  const gzipSize = (text: string) => {
    let size = gzipCache.get(text);
    if (size === undefined) gzipCache.set(text, (size = gzipSizeOf(text)));
    return size;
  };
  const read = (file: string) => {
    if (!fileCache.has(file)) fileCache.set(file, existsSync(file) ? readFileSync(file, 'utf8') : null);
    return fileCache.get(file)!;
  };
  const prefix = normaliseBase(base);
  const toFile = (url: string, from: string) => {
    if (/^[a-z]+:/i.test(url) || url.startsWith('//')) return null; // external: not ours to count
    const clean = url.split(/[?#]/)[0];
    if (clean.startsWith('/')) return clean.startsWith(prefix) ? path.join(outDir, clean.slice(prefix.length)) : null;
    return path.join(path.dirname(from), clean);
  };
  /** Gzip bytes of a module and everything it statically imports, each file counted once. */
  const moduleSize = (file: string, seen: Set<string>): number => {
    if (seen.has(file)) return 0;
    seen.add(file);
    const code = read(file);
    if (code === null) return 0;
    let total = gzipSize(code);
    for (const spec of staticImports(code)) {
      const dep = toFile(spec, file);
      if (dep) total += moduleSize(dep, seen);
    }
    return total;
  };

  return (page: string): PageSize => {
    const file = path.join(outDir, page);
    const html = readFileSync(file, 'utf8');
    const assets = pageAssets(html);
    const seen = new Set<string>();
    let js = assets.inlineScripts.reduce((sum, code) => sum + (code.trim() ? gzipSize(code) : 0), 0);
    for (const code of assets.inlineScripts) {
      for (const spec of staticImports(code)) {
        const dep = toFile(spec, file);
        if (dep) js += moduleSize(dep, seen);
      }
    }
    for (const src of assets.scripts) {
      const dep = toFile(src, file);
      if (dep) js += moduleSize(dep, seen);
    }
    let css = assets.inlineStyles.reduce((sum, text) => sum + gzipSize(text), 0);
    for (const hrefValue of assets.styles) {
      const dep = toFile(hrefValue, file);
      const text = dep && read(dep);
      if (text) css += gzipSize(text);
    }
    return { page, html: gzipSizeOf(withoutRepositoryContent(html)), js, css };
  };
}

/** Pages measured between two turns of the event loop. */
const PAGES_PER_TURN = 100;

/**
 * Every page measured against the budgets. Measuring is synchronous (zlib's async gzip was slower
 * for 14,000 small pages: 6.5 s against 5.4 s), but it yields to the event loop every
 * PAGES_PER_TURN pages, so a search index being written beside it (Pagefind, in its own process)
 * is not kept waiting for its next request.
 */
export async function checkBudgets(outDir: string, budgets: Budgets, base = '/'): Promise<BudgetReport> {
  const measurePage = createPageMeasurer(outDir, base);
  const files = htmlFiles(outDir);
  const pages: PageSize[] = [];
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % PAGES_PER_TURN === 0) await setImmediatePromise();
    pages.push(measurePage(files[i]!));
  }

  const violations: BudgetViolation[] = [];
  for (const size of pages) {
    for (const measure of ['html', 'js', 'css'] as const) {
      const limit = limitFor(budgets[measure], size.page);
      if (size[measure] > limit) violations.push({ page: size.page, measure, bytes: size[measure], limit });
    }
  }
  const largest = (measure: 'html' | 'js' | 'css') => pages.reduce<PageSize | undefined>((max, p) => (!max || p[measure] > max[measure] ? p : max), undefined);
  return { pages, violations, largest: { html: largest('html'), js: largest('js'), css: largest('css') } };
}

/** Reads budgets.json from the project root. */
export function readBudgets(root: string): Budgets {
  return JSON.parse(readFileSync(path.join(root, 'budgets.json'), 'utf8')) as Budgets;
}
