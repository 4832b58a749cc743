// Writes a docs preview as static files without starting Astro: each page is the markup the
// portal's docs page uses (lib/docs/page-html.ts, same renderer, same sanitiser) in a small frame
// with the portal's own stylesheets, then indexed by Pagefind like the portal. An Astro build
// costs 10–15 s before its first page, more than rendering a few hundred pages; a pull request's
// preview needs the docs, not the whole portal (DESIGN.md, "Docs build speed").
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toHtml } from 'hast-util-to-html';
import type { DocsProblem, DocsRecord } from '../docs/records.ts';
import { renderDocsVersion, type RenderSiteOptions } from '../docs/render-site.ts';
import { createRenderPool, POOL_MIN_PAGES, type RenderPool } from '../docs/render-pool.ts';
import { docsPageHtml } from '../docs/page-html.ts';
import { assetPath, pageSlug, docsRoot } from '../docs/urls.ts';
import { formatTime } from '../../src/lib/format.ts';

const PORTAL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The portal's stylesheets a docs page uses (PortalLayout's and the docs page's), in that order. */
const STYLESHEETS = ['src/styles/portal.css', 'src/styles/docs.css'];
/** Where the preview's own files go, beside the pages. */
const OWN_DIR = '_backlot';

export interface PreviewEntity {
  ref: string;
  name: string;
  kindLabel: string;
  owner?: { ref: string; name: string };
}

export interface WritePreviewOptions extends RenderSiteOptions {
  out: string;
  /** The docs collector's output folder (records' `docs/assets/` are copied from it). */
  assetsDir: string;
  title: string;
  /** Catalog facts for the entity link and the search facets. */
  entities: Map<string, PreviewEntity>;
  /**
   * Threads that render (the main thread included): a version of POOL_MIN_PAGES pages or more is
   * rendered on this many (default: every core); 1 renders in the main thread only.
   */
  threads?: number;
  /** A pool the caller started early (so its threads load while the docs are collected); not closed here. */
  pool?: RenderPool;
}

export interface PreviewResult {
  pages: number;
  files: number;
  /** Broken links and other problems of each record's default version, with the record's ref. */
  problems: (DocsProblem & { entity: string })[];
  /** Milliseconds per stage, for the benchmark. */
  timings: { render: number; write: number };
}

const THEME_SCRIPT = `(function () { var d = document.documentElement, t = null; d.classList.add('js'); try { t = localStorage.getItem('backlot-theme'); } catch (e) {} if (t !== 'dark' && t !== 'light') t = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'; d.setAttribute('data-theme', t); })();`;

/** The parts of the frame that are the same on every page of a preview, serialised once. */
const frameParts = new Map<string, { links: string; header: string; searchScript: string }>();
function partsOf(base: string, title: string) {
  const key = `${base}\0${title}`;
  let parts = frameParts.get(key);
  if (!parts) {
    parts = {
      links: toHtml([
        { type: 'element', tagName: 'link', properties: { rel: ['stylesheet'], href: `${base}${OWN_DIR}/docs.css` }, children: [] },
        { type: 'element', tagName: 'link', properties: { rel: ['stylesheet'], href: `${base}pagefind/pagefind-ui.css` }, children: [] },
      ]),
      header: toHtml({
        type: 'element', tagName: 'header', properties: { className: ['site-header'], dataPagefindIgnore: 'all' },
        children: [{ type: 'element', tagName: 'div', properties: { className: ['container'] }, children: [
          { type: 'element', tagName: 'a', properties: { className: ['brand'], href: base, dataTestid: 'brand' }, children: [{ type: 'text', value: title }] },
          { type: 'element', tagName: 'div', properties: { className: ['header-tools'], id: 'preview-search', dataPagefindBase: `${base}pagefind/`, dataBase: base }, children: [] },
        ] }],
      }),
      searchScript: toHtml({ type: 'element', tagName: 'script', properties: { src: `${base}pagefind/pagefind-ui.js` }, children: [] }),
    };
    frameParts.set(key, parts);
  }
  return parts;
}

function frame(options: { base: string; title: string; pageTitle: string; body: string; diagram: boolean }): string {
  const { base } = options;
  const { links, header, searchScript } = partsOf(base, options.title);
  const head = toHtml({ type: 'element', tagName: 'title', properties: {}, children: [{ type: 'text', value: `${options.pageTitle} · ${options.title}` }] }) + links;
  // The base is a URL path (the command checks it); it is still encoded for each place it goes.
  const diagram = options.diagram ? `<script type="module">import { renderDiagrams } from ${JSON.stringify(`${base}${OWN_DIR}/mermaid-diagrams.js`).replace(/</g, '\\u003c')}; renderDiagrams();</script>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">${head}<script>${THEME_SCRIPT}</script></head>
<body data-page="docs"><a class="skip-link" href="#main">Skip to content</a>${header}<main id="main" tabindex="-1"><div class="container">${options.body}</div></main>
${searchScript}<script>addEventListener('DOMContentLoaded', function () { var el = document.getElementById('preview-search'); if (window.PagefindUI && el) new PagefindUI({ element: el, showImages: false, bundlePath: el.dataset.pagefindBase, baseUrl: el.dataset.base }); });</script>${diagram}</body></html>
`;
}

/** Renders every version of each record and writes the pages, assets, styles and diagram script. */
export async function writePreviewSite(records: DocsRecord[], options: WritePreviewOptions): Promise<PreviewResult> {
  const base = options.base.endsWith('/') ? options.base : `${options.base}/`;
  const href = (p: string) => `${base}${p}`;
  const problems: PreviewResult['problems'] = [];
  const assets = new Set<string>();
  let pages = 0;
  let diagrams = false;
  let renderMs = 0;
  let writeMs = 0;
  const written = new Set<string>();
  const threads = options.threads ?? os.availableParallelism();
  const largest = Math.max(0, ...records.flatMap((r) => r.versions.map((v) => v.pages.length)));
  const own = !options.pool && threads > 1 && largest >= POOL_MIN_PAGES;
  const pool: RenderPool | undefined = options.pool ?? (own ? createRenderPool(threads - 1) : undefined);
  try {
  for (const record of records) {
    const entity = options.entities.get(record.ref);
    for (const version of record.versions) {
      const started = performance.now();
      const site = await renderDocsVersion(record, version, { ...options, base, pool });
      renderMs += performance.now() - started;
      const writing = performance.now();
      if (version.isDefault) problems.push(...site.problems.map((p) => ({ ...p, entity: record.ref })));
      for (const asset of Object.values(version.assets)) assets.add(asset.file);
      for (const page of site.pages) {
        const body = docsPageHtml({
          record, version, site, page, href, formatTime,
          entityUrl: href(docsRoot(record.ref)),
          entity: entity ? { name: entity.name, kindLabel: entity.kindLabel } : undefined,
          owner: entity?.owner,
        });
        const url = `${docsRoot(record.ref, version.slug)}${pageSlug(page.path)}`;
        const file = path.join(options.out, ...url.split('/').filter(Boolean), 'index.html');
        // Paths come from our own URL scheme (slugs of safe names), but never write outside `out`.
        if (!file.startsWith(path.resolve(options.out) + path.sep) || written.has(file)) continue;
        written.add(file);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, frame({ base, title: options.title, pageTitle: `${page.title} · ${version.siteName || entity?.name || record.ref}`, body, diagram: page.hasDiagram }));
        diagrams ||= page.hasDiagram;
        pages++;
      }
      writeMs += performance.now() - writing;
    }
  }
  } finally {
    if (own) await pool?.close();
  }
  const writing = performance.now();
  // The preview's front page: a link to each entity's docs (what the artifact opens first).
  const list = toHtml({ type: 'element', tagName: 'ul', properties: { dataTestid: 'preview-entries' }, children: records.map((r) => ({
    type: 'element' as const, tagName: 'li', properties: {}, children: [{ type: 'element' as const, tagName: 'a', properties: { href: href(docsRoot(r.ref)) }, children: [{ type: 'text' as const, value: options.entities.get(r.ref)?.name ?? r.ref }] }],
  })) });
  await mkdir(options.out, { recursive: true });
  await writeFile(path.join(options.out, 'index.html'), frame({ base, title: options.title, pageTitle: 'Docs', body: `<h1>Docs preview</h1>${list}`, diagram: false }));
  await mkdir(path.join(options.out, OWN_DIR), { recursive: true });
  const css = await Promise.all(STYLESHEETS.map((f) => readFile(path.join(PORTAL_ROOT, f), 'utf8')));
  await writeFile(path.join(options.out, OWN_DIR, 'docs.css'), css.join('\n'));
  for (const file of assets) {
    const target = path.join(options.out, assetPath(file));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(options.assetsDir, file), target);
  }
  if (diagrams) await writeDiagramScript(path.join(options.out, OWN_DIR));
  writeMs += performance.now() - writing;
  return { pages, files: pages + assets.size, problems, timings: { render: renderMs, write: writeMs } };
}

/**
 * The portal's diagram script (src/scripts/mermaid-diagrams.ts) with its types stripped, importing
 * mermaid's own pre-built ESM files copied beside it: only for previews that have a diagram.
 */
async function writeDiagramScript(dir: string): Promise<void> {
  const source = await readFile(path.join(PORTAL_ROOT, 'src/scripts/mermaid-diagrams.ts'), 'utf8');
  const specifier = "'mermaid/dist/mermaid.esm.min.mjs'";
  if (!source.includes(specifier)) throw new Error(`src/scripts/mermaid-diagrams.ts no longer imports ${specifier}; update lib/docs-preview/write-site.ts`);
  // Node marks stripTypeScriptTypes experimental and says so on stderr at first use; that line would
  // read as a problem in a pull request's log, so it is not printed for this one call.
  const emitWarning = process.emitWarning;
  process.emitWarning = (() => undefined) as typeof process.emitWarning;
  let script: string;
  try {
    script = stripTypeScriptTypes(source.replace(specifier, "'./mermaid/mermaid.esm.min.mjs'"));
  } finally {
    process.emitWarning = emitWarning;
  }
  await writeFile(path.join(dir, 'mermaid-diagrams.js'), script);
  const dist = path.join(PORTAL_ROOT, 'node_modules/mermaid/dist');
  await mkdir(path.join(dir, 'mermaid', 'chunks'), { recursive: true });
  await copyFile(path.join(dist, 'mermaid.esm.min.mjs'), path.join(dir, 'mermaid', 'mermaid.esm.min.mjs'));
  if (existsSync(path.join(dist, 'chunks', 'mermaid.esm.min'))) await cp(path.join(dist, 'chunks', 'mermaid.esm.min'), path.join(dir, 'mermaid', 'chunks', 'mermaid.esm.min'), { recursive: true });
}
