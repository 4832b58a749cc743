// Indexes the built site with Pagefind's Node API (not a shelled-out binary), so the build can
// time it and report pages indexed and index size. The portal's entities are indexed from their
// records (src/build/search-records.ts), its docs pages from the HTML written. A large index is
// written in parts, one after the other, each its own Pagefind bundle (`pagefind/`,
// `pagefind/part-2/`, …) that the browser merges into one search (`mergeIndex`): Pagefind's
// memory grows faster than its input, so bounded parts keep a runner's memory in reach.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { catalogSearchPages, type CatalogSearchPages, type EntitySearchInput } from './search-records.ts';

/** Pages per search index part; past it the index is split (`backlot build --search-part-pages`). */
export const DEFAULT_SEARCH_PART_PAGES = 12_000;
/** Lists the extra bundles, relative to `pagefind/`, for the browser to merge, and the entities per search page. */
export const SEARCH_PARTS_FILE = 'parts.json';

export interface SearchIndexReport {
  /** Pages in the index (entity search pages and docs pages; a page without data-pagefind-body is left out). */
  pages: number;
  /** HTML files Pagefind read. */
  scanned: number;
  /** Bytes written under <outDir>/pagefind/. */
  bytes: number;
  files: number;
  errors: string[];
  /** Search bundles written (1 unless the site was indexed in parts). */
  parts: number;
  /** Entities indexed, and how many share a search page (absent when no catalog was given). */
  entities?: number;
  groupSize?: number;
}

/** One page handed to Pagefind: HTML written for the index, or a file of the built site. */
interface SearchItem {
  /** Decides the item's index part: a page file path (`catalog/…/index.html`), stable between runs. */
  key: string;
  url: string;
  html?: string;
  file?: string;
}

/** The log line of an index written. */
export function describeSearchIndex(r: SearchIndexReport): string {
  const entities = r.entities === undefined ? '' : `${r.entities} entities${r.groupSize && r.groupSize > 1 ? ` (up to ${r.groupSize} per search page)` : ''} and `;
  return `${entities}${r.pages} pages indexed${r.parts > 1 ? ` in ${r.parts} parts` : ''}, ${r.files} files, ${(r.bytes / 1000).toFixed(1)} kB`;
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
export async function indexSite(outDir: string, options: { partPages?: number; htmlPages?: number; entities?: EntitySearchInput } = {}): Promise<SearchIndexReport> {
  const partPages = options.partPages ?? DEFAULT_SEARCH_PART_PAGES;
  if (options.entities) return indexCatalog(outDir, options.entities, partPages);
  if (options.htmlPages !== undefined && options.htmlPages <= partPages) return indexWhole(outDir);
  const pages = sitePages(outDir);
  const parts = Math.max(1, Math.ceil(pages.length / partPages));
  if (parts === 1) return indexWhole(outDir);
  const { bundles, ...written } = await writeBundles(outDir, parts, async (part, outputPath) => {
    const items = pages.filter((p) => searchPartOf(p, parts) === part).map((file) => ({ key: file, url: pageUrl(file), file }));
    return (await openIndex([])).write(outDir, items, outputPath);
  });
  writeFileSync(path.join(outDir, 'pagefind', SEARCH_PARTS_FILE), JSON.stringify({ bundles }) + '\n');
  return { ...written, parts, ...folderSize(path.join(outDir, 'pagefind')) };
}

/**
 * Writes `parts` bundles one after the other (`pagefind/`, then `pagefind/part-2/` …), each by
 * `writePart` into its folder, and returns their totals and the extra bundles for parts.json.
 */
async function writeBundles(outDir: string, parts: number, writePart: (part: number, outputPath: string) => Promise<{ pages: number; scanned: number; errors: string[] }>): Promise<{ pages: number; scanned: number; errors: string[]; bundles: string[] }> {
  const totals = { pages: 0, scanned: 0, errors: [] as string[], bundles: [] as string[] };
  for (let part = 0; part < parts; part++) {
    const bundle = part === 0 ? '' : `part-${part + 1}/`;
    const written = await writePart(part, path.join(outDir, 'pagefind', bundle));
    if (bundle) totals.bundles.push(bundle);
    totals.pages += written.pages;
    totals.scanned += written.scanned;
    totals.errors.push(...written.errors);
  }
  return totals;
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

/** A page file's URL as Pagefind records it: site-relative, `index.html` dropped. */
function pageUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** The docs pages of the built site (Pagefind keeps those with data-pagefind-body: each entity's default version). */
function docsPages(outDir: string): string[] {
  const docs = path.join(outDir, 'docs');
  if (!existsSync(docs)) return [];
  return (readdirSync(docs, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.html'))
    .map((f) => `docs/${f.split(path.sep).join('/')}`)
    .sort();
}

/** An index being written: the catalog's pages while the site renders, the docs pages after. */
export interface CatalogIndexing {
  /** Adds the rendered docs pages and writes the index into `<outDir>/pagefind/`. */
  finish(): Promise<SearchIndexReport>;
  /** Stops Pagefind and removes the scratch folder (the render failed). */
  abort(): Promise<void>;
}

/**
 * The portal's index: its entities from their records, a search page per entity or per small
 * group of them (search-records.ts), and its docs pages as rendered. The entity pages need no
 * render, so when they fit one bundle Pagefind reads them at once, in its own process, while
 * Astro renders on the other core; `finish()` adds the docs pages and writes the files. A larger
 * index is split into bundles by a hash of each page's key and written part after part, each
 * with a fresh Pagefind, after the render.
 */
export async function startCatalogIndex(outDir: string, input: EntitySearchInput, partPages = DEFAULT_SEARCH_PART_PAGES): Promise<CatalogIndexing> {
  return startIndexOfPages(outDir, catalogSearchPages(input), partPages);
}

/**
 * startCatalogIndex for the collected content in `contentDir`, its records read and turned into
 * search pages on a worker thread (search-pages-worker.ts): the records (a few hundred MB of
 * objects at 10,000 entities) then never sit in this process's heap, whose memory V8 would not
 * give back while the render and Pagefind run beside it.
 */
export async function startCatalogIndexFromContent(outDir: string, contentDir: string, options: { groupSize?: number; partPages?: number } = {}): Promise<CatalogIndexing> {
  const worker = new Worker(new URL('./search-pages-worker.ts', import.meta.url), { workerData: { contentDir, groupSize: options.groupSize } });
  const result = await new Promise<CatalogSearchPages>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the search pages worker stopped (exit code ${code}) before answering`)));
  });
  await worker.terminate();
  return startIndexOfPages(outDir, result, options.partPages ?? DEFAULT_SEARCH_PART_PAGES);
}

async function startIndexOfPages(outDir: string, catalog: CatalogSearchPages, partPages: number): Promise<CatalogIndexing> {
  const { entities, groupSize } = catalog;
  const entityItems: SearchItem[] = catalog.pages.map((page) => ({ key: `${page.url.slice(1)}index.html`, url: page.url, html: page.html }));
  const parts = Math.max(1, Math.ceil(entityItems.length / partPages));
  const report = (): SearchIndexReport => ({ pages: 0, scanned: 0, bytes: 0, files: 0, errors: [], parts, entities, groupSize });
  const done = (result: SearchIndexReport, bundles: string[]): SearchIndexReport => {
    writeFileSync(path.join(outDir, 'pagefind', SEARCH_PARTS_FILE), JSON.stringify({ bundles, groupSize }) + '\n');
    return { ...result, ...folderSize(path.join(outDir, 'pagefind')) };
  };
  if (parts === 1) {
    const started = await openIndex(entityItems);
    return {
      async finish() {
        const written = await started.write(outDir, 'docsFolder', path.join(outDir, 'pagefind'));
        return done({ ...report(), ...written }, []);
      },
      abort: () => started.close(),
    };
  }
  return {
    async finish() {
      const docs = docsPages(outDir).map((file) => ({ key: file, url: pageUrl(file), file }));
      const { bundles, ...written } = await writeBundles(outDir, parts, async (part, outputPath) => {
        const inPart = (item: SearchItem) => searchPartOf(item.key, parts) === part;
        return (await openIndex(entityItems.filter(inPart))).write(outDir, docs.filter(inPart), outputPath);
      });
      return done({ ...report(), ...written }, bundles);
    },
    abort: async () => {},
  };
}

async function indexCatalog(outDir: string, input: EntitySearchInput, partPages: number): Promise<SearchIndexReport> {
  return (await startCatalogIndex(outDir, input, partPages)).finish();
}

/**
 * A fresh Pagefind service reading `pages` (HTML written for the index) from a scratch folder
 * (`addDirectory`), started at once: handing 5,283 of them over one by one took 4.3 s, reading the
 * folder 1.8 s (writing it 0.2 s). Pagefind names each page by its file's path, the entity page's.
 * `write` then adds files of the built site and writes the bundle; the service is closed after it,
 * so its memory is returned before the next part.
 */
async function openIndex(pages: SearchItem[]) {
  const pagefind = await import('pagefind');
  const errors: string[] = [];
  const scratch = await mkdtemp(path.join(tmpdir(), 'backlot-search-'));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pagefind.close();
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: 'en' });
    errors.push(...createErrors);
    const direct: SearchItem[] = [];
    let inScratch = 0;
    for (const page of pages) {
      const file = scratchFile(scratch, page.url);
      if (!file) {
        direct.push(page);
        continue;
      }
      // Synchronous: 5,000 small files take 0.2 s, and one await per file would wait a turn of an
      // event loop that the budget check may be sharing.
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, page.html!);
      inScratch++;
    }
    const handed = pages.length;
    // Not awaited: Pagefind reads the folder while the caller goes on (the render).
    const reading = index && inScratch > 0 ? index.addDirectory({ path: scratch }).then((r) => r.errors, (e: Error) => [e.message]) : Promise.resolve([]);
    return {
      close,
      /**
       * Adds `files` of the built site (or, with `docsFolder`, every page under its docs/ folder,
       * which Pagefind reads itself) and writes the bundle.
       */
      async write(outDir: string, files: SearchItem[] | 'docsFolder', outputPath: string): Promise<{ pages: number; scanned: number; errors: string[] }> {
        try {
          errors.push(...(await reading));
          if (!index) return { pages: 0, scanned: 0, errors };
          let scanned = handed;
          if (files === 'docsFolder') {
            if (existsSync(path.join(outDir, 'docs'))) {
              const added = await index.addDirectory({ path: outDir, glob: 'docs/**/*.html' });
              errors.push(...added.errors);
              scanned += added.page_count;
            }
          } else scanned += files.length;
          for (const item of [...direct, ...(files === 'docsFolder' ? [] : files)]) {
            const content = item.html ?? (await readFile(path.join(outDir, item.file!), 'utf8'));
            errors.push(...(await index.addHTMLFile({ url: item.url, content })).errors);
          }
          errors.push(...(await index.writeFiles({ outputPath })).errors);
          return { pages: indexedPages(outputPath) ?? scanned, scanned, errors };
        } finally {
          await close();
        }
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `<scratch>/<url>index.html` for a page URL like `/catalog/default/component/x/`; none for a URL that is not a plain folder path. */
function scratchFile(scratch: string, url: string): string | undefined {
  if (!/^\/(?:[\w.~-]+\/)+$/.test(url) || url.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return path.join(scratch, ...url.split('/').filter(Boolean), 'index.html');
}
