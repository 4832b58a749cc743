// Indexes the built site with Pagefind's Node API (not a shelled-out binary), so the build can
// time it and report pages indexed and index size. A large site is indexed in parts, one after
// the other, each its own Pagefind bundle (`pagefind/`, `pagefind/part-2/`, …) that the browser
// merges into one search (`mergeIndex`): Pagefind's memory grows faster than its page count
// (3.6 GB at 30,000 pages), so bounded parts keep a 100,000-entity portal within a runner's memory.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isGraphPageFile } from '../lib/diagrams/graph-variants.ts';

/** Pages per search index part; past it the index is split (`backlot build --search-part-pages`). */
export const DEFAULT_SEARCH_PART_PAGES = 12_000;
/** Lists the extra bundles, relative to `pagefind/`, for the browser to merge. */
export const SEARCH_PARTS_FILE = 'parts.json';

export interface SearchIndexReport {
  /** Pages in the index (entity pages: only they carry data-pagefind-body). */
  pages: number;
  /** HTML files Pagefind read. */
  scanned: number;
  /** Bytes written under <outDir>/pagefind/. */
  bytes: number;
  files: number;
  errors: string[];
  /** Search bundles written (1 unless the site was indexed in parts). */
  parts: number;
}

/** Total size and count of the files under `dir`. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Pages in the written index, per pagefind-entry.json (addDirectory counts every file it read). */
function indexedPages(outputPath: string): number | undefined {
  try {
    const entry = JSON.parse(readFileSync(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  } catch {
    return undefined;
  }
}

/** HTML pages of the built site (not Pagefind's own files), with `/`. */
function sitePages(outDir: string): string[] {
  return (readdirSync(outDir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'))
    .sort();
}

/** Which part (0-based) a page belongs to: by a hash of its path, so parts are stable between runs. */
export function searchPartOf(page: string, parts: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < page.length; i++) hash = Math.imul(hash ^ page.charCodeAt(i), 0x01000193) >>> 0;
  return hash % parts;
}

/**
 * `htmlPages`: how many HTML pages the caller wrote, when it knows (docs preview): a site that fits
 * one part is then not listed first (listing a 3,000-page preview cost 0.2 s of CPU).
 */
export async function indexSite(outDir: string, options: { partPages?: number; htmlPages?: number } = {}): Promise<SearchIndexReport> {
  const partPages = options.partPages ?? DEFAULT_SEARCH_PART_PAGES;
  if (options.htmlPages !== undefined && options.htmlPages <= partPages) return indexWhole(outDir);
  const all = sitePages(outDir);
  // A system's 18 graph views are never results (no data-pagefind-body): not counted towards a part,
  // or 3,960 of them at 10,000 entities would split the index in two for nothing, and not handed to
  // a part. One part still reads the folder (Pagefind skips them): handing 10,000 pages over one by
  // one took the bench's index stage from 18 to 42 s.
  const pages = all.filter((page) => !isGraphPageFile(page));
  const parts = Math.max(1, Math.ceil(pages.length / partPages));
  if (parts === 1) return indexWhole(outDir);
  const report: SearchIndexReport = { pages: 0, scanned: 0, bytes: 0, files: 0, errors: [], parts };
  const bundles: string[] = [];
  for (let part = 0; part < parts; part++) {
    const bundle = part === 0 ? '' : `part-${part + 1}/`;
    const written = await indexPages(outDir, pages.filter((p) => searchPartOf(p, parts) === part), path.join(outDir, 'pagefind', bundle));
    if (bundle) bundles.push(bundle);
    report.pages += written.pages;
    report.scanned += written.scanned;
    report.errors.push(...written.errors);
  }
  writeFileSync(path.join(outDir, 'pagefind', SEARCH_PARTS_FILE), JSON.stringify({ bundles }) + '\n');
  return { ...report, ...folderSize(path.join(outDir, 'pagefind')) };
}

async function indexWhole(outDir: string): Promise<SearchIndexReport> {
  const pagefind = await import('pagefind');
  const errors: string[] = [];
  try {
    const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: 'en' });
    errors.push(...createErrors);
    if (!index) return { pages: 0, scanned: 0, bytes: 0, files: 0, errors, parts: 1 };
    const added = await index.addDirectory({ path: outDir });
    errors.push(...added.errors);
    const outputPath = path.join(outDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    errors.push(...written.errors);
    writeFileSync(path.join(outputPath, SEARCH_PARTS_FILE), JSON.stringify({ bundles: [] }) + '\n');
    return { pages: indexedPages(outputPath) ?? added.page_count, scanned: added.page_count, ...folderSize(outputPath), errors, parts: 1 };
  } finally {
    await pagefind.close();
  }
}

/** One part: a fresh Pagefind service, closed afterwards so its memory is returned before the next. */
async function indexPages(outDir: string, pages: string[], outputPath: string): Promise<{ pages: number; scanned: number; errors: string[] }> {
  const pagefind = await import('pagefind');
  const errors: string[] = [];
  try {
    const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: 'en' });
    errors.push(...createErrors);
    if (!index) return { pages: 0, scanned: 0, errors };
    for (const page of pages) {
      const url = `/${page.replace(/(^|\/)index\.html$/, '$1')}`;
      const added = await index.addHTMLFile({ url, content: await readFile(path.join(outDir, page), 'utf8') });
      errors.push(...added.errors);
    }
    const written = await index.writeFiles({ outputPath });
    errors.push(...written.errors);
    return { pages: indexedPages(outputPath) ?? pages.length, scanned: pages.length, errors };
  } finally {
    await pagefind.close();
  }
}
