// `backlot docs preview <repo-folder>`: one repository's docs rendered with the portal's renderer
// and styles into a static folder, for a pull request preview (see .github/workflows/docs-preview.yml).
// It is the portal's own collect on a one-repository catalog, then the portal's docs page markup,
// renderer and stylesheets written without starting Astro (lib/docs-preview/write-site.ts), so a
// preview breaks exactly like the portal will and costs seconds, not an Astro build.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { DOCS_ASSETS_DIR, type DocsRecord } from '../../lib/docs/records.ts';
import { docsRoot } from '../../lib/docs/urls.ts';
import { loadConfig } from '../../lib/config/load.ts';
import { docsConfig } from '../../collectors/docs/collector.ts';
import { writePreviewSite, type PreviewEntity } from '../../lib/docs-preview/write-site.ts';
import { createRenderPool, POOL_MIN_PAGES } from '../../lib/docs/render-pool.ts';
import { createRenderCache } from '../../lib/docs/render-cache.ts';
import { indexSite } from '../../src/build/pagefind-index.ts';
import { readPreviousRecords } from '../../collectors/catalog/content-store.ts';
import { kindLabel } from '../../src/lib/format.ts';

const help = `Usage: backlot docs preview <repo-folder> [options]

Renders the docs of one repository (every entity in its catalog-info.yaml with
backstage.io/techdocs-ref) with the portal's renderer and styles into a static folder, and
prints their problems (broken links, refused files, mkdocs.yml mistakes) with file:line.
Writes <out>/docs-preview.json: { "pages", "entry", "problems": [{ severity, file, line, message }] }.

Options:
  --out <dir>      Output folder (default: docs-preview)
  --base <path>    Path the preview is served from, e.g. /pr-42/ (default: /)
  --config <file>  Portal configuration for docs options (iframeHosts, imageHosts)
  --cache-dir <dir>  Keep rendered pages here between runs; an unchanged page is not rendered
                   again (e.g. a folder the CI cache restores)
  --threads <n>    Threads that render a site of 1,000 pages or more (default: one per core);
                   1 renders in the main thread only. The output is the same either way.
  -h, --help       Show this help.

Exit codes: 0 rendered (warnings allowed), 1 errors in the docs (invalid mkdocs.yml …) or nothing
to render, 2 wrong usage.

Example:
  backlot docs preview . --out preview --base /pr-42/

Usage: backlot docs comment --report <docs-preview.json> [--url <preview URL>]

Creates the pull request's docs preview comment, or updates the one an earlier run made. Reads
GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), PR_NUMBER, GITHUB_API_URL and GITHUB_SHA from the
environment (as a workflow step passes them).
`;

export const command: Command = {
  name: 'docs',
  summary: 'Preview one repository\'s docs as the portal renders them (docs preview <repo-folder>)',
  help,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'comment') return comment(rest);
    if (sub !== 'preview') {
      process.stderr.write(`backlot docs: unknown subcommand "${sub ?? ''}"\n\n${help}`);
      return EXIT.usage;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string', default: 'docs-preview' }, base: { type: 'string', default: '/' }, config: { type: 'string' }, 'cache-dir': { type: 'string' }, threads: { type: 'string' } } });
    } catch (error) {
      process.stderr.write(`backlot docs preview: ${(error as Error).message}\n\n${help}`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      process.stderr.write(`backlot docs preview: give one repository folder\n\n${help}`);
      return EXIT.usage;
    }
    // The base ends up in URLs, attributes and a script of every page: a plain URL path only.
    if (!/^\/[A-Za-z0-9._~\/-]*$/.test(values.base)) {
      process.stderr.write('backlot docs preview: --base must be a URL path that starts with / (letters, digits, - . _ ~ /), e.g. /pr-42/\n');
      return EXIT.usage;
    }
    const cacheDir = values['cache-dir'] ? path.resolve(values['cache-dir']) : undefined;
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
      process.stderr.write('backlot docs preview: --threads must be a whole number from 1 to 64, e.g. --threads 2\n');
      return EXIT.usage;
    }
    return preview(path.resolve(positionals[0]), path.resolve(values.out), values.base.endsWith('/') ? values.base : `${values.base}/`, values.config, cacheDir, threads);
  },
};

async function preview(repo: string, out: string, base: string, configFile: string | undefined, cacheDir: string | undefined, threads: number | undefined): Promise<number> {
  const descriptor = ['catalog-info.yaml', 'catalog-info.yml'].map((n) => path.join(repo, n)).find((f) => existsSync(f));
  if (!descriptor) {
    process.stderr.write(`backlot docs preview: no catalog-info.yaml in ${repo}; add one with the annotation backstage.io/techdocs-ref: dir:.\n`);
    return EXIT.failed;
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'backlot-docs-preview-'));
  // A large site's render threads start now and load the renderer while the docs are collected.
  const threadCount = threads ?? os.availableParallelism();
  const pool = threadCount > 1 && (await hasMarkdownFiles(repo, POOL_MIN_PAGES)) ? createRenderPool(threadCount - 1) : undefined;
  try {
    const extra = configFile ? await docsBlockOf(configFile) : '';
    const config = path.join(work, 'backlot.config.yaml');
    await writeFile(config, `title: Docs preview\nbase: ${base}\ncollectors: [catalog, docs]\ncatalog:\n  danglingReferences: 'off'\n  locations:\n    - ${JSON.stringify(descriptor)}\n${extra}`);
    const content = path.join(work, 'content');
    const collect = (await import('./collect.ts')).command;
    const collected = await collect.run(['--config', config, '--content-dir', content, '--cache-dir', path.join(work, 'cache'), '--quiet']);
    if (collected !== EXIT.ok && collected !== EXIT.partial) return collected;
    const records = await readDocsRecords(path.join(content, 'docs', 'entities'));
    const own = records.filter((r) => !r.sharedFrom && r.versions.length > 0);
    if (own.length === 0) {
      process.stderr.write(`backlot docs preview: no entity in ${path.relative(process.cwd(), descriptor) || descriptor} has docs (backstage.io/techdocs-ref)\n`);
      return EXIT.failed;
    }
    // The pages are written here, without starting Astro (lib/docs-preview/write-site.ts): the
    // portal's docs page markup, renderer and stylesheets, and a Pagefind index like the portal's.
    const docs = docsConfig(await loadConfig(work, config));
    const cache = cacheDir ? createRenderCache(path.join(cacheDir, 'docs-render')) : undefined;
    const site = await writePreviewSite(own, { out, base, title: `Docs preview · ${own[0].ref}`, assetsDir: path.join(content, 'docs', DOCS_ASSETS_DIR), entities: await previewEntities(content, own), iframeHosts: docs.iframeHosts, imageHosts: docs.imageHosts, cache, threads, pool });
    await pool?.close();
    if (cache) process.stdout.write(`render cache: ${cache.stats.hits} pages reused, ${cache.stats.misses} rendered (${cacheDir})\n`);
    // Its pages and front page: Pagefind need not list the folder first to size its parts.
    const search = await indexSite(out, { htmlPages: site.pages + 1 });
    for (const error of search.errors) process.stderr.write(`backlot docs preview: search index: ${error}\n`);
    const problems = [
      ...own.flatMap((r) => r.problems.map((p) => ({ ...p, entity: r.ref }))),
      ...site.problems.map((p) => ({ ...p, file: path.relative(repo, path.resolve(p.file)).split(path.sep).join('/') || p.file })),
    ];
    const pages = own.reduce((n, r) => n + r.versions.find((v) => v.isDefault)!.pages.length, 0);
    const entry = `${base}${docsRoot(own[0].ref)}`;
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'docs-preview.json'), JSON.stringify({ pages, entry, problems }, null, 2));
    for (const p of problems) process.stdout.write(`${p.file}:${p.line}: ${p.severity}: ${p.message}\n`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    process.stdout.write(`${pages} pages, ${errors} errors, ${problems.length - errors} warnings; open ${path.join(out, docsRoot(own[0].ref), 'index.html')} or serve ${out} at ${base}\n`);
    return errors > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await pool?.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Whether the folder holds at least `count` Markdown files (not counting .git and node_modules). */
async function hasMarkdownFiles(dir: string, count: number): Promise<boolean> {
  let found = 0;
  const walk = async (folder: string): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules') {
        if (await walk(path.join(folder, entry.name))) return true;
      } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name) && ++found >= count) return true;
    }
    return false;
  };
  return walk(dir);
}

async function readDocsRecords(dir: string): Promise<DocsRecord[]> {
  if (!existsSync(dir)) return [];
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as DocsRecord));
}

/** Names, kinds and owners of the previewed entities, from the catalog the preview collected. */
async function previewEntities(content: string, records: DocsRecord[]): Promise<Map<string, PreviewEntity>> {
  const catalog = await readPreviousRecords(path.join(content, 'catalog'));
  const out = new Map<string, PreviewEntity>();
  for (const { ref } of records) {
    const entity = catalog.get(ref);
    if (!entity) continue;
    const owner = entity.links.owner;
    out.set(ref, { ref, name: entity.title, kindLabel: kindLabel(entity.kind), owner: owner ? { ref: owner.ref, name: owner.title } : undefined });
  }
  return out;
}

/** The `docs:` block of the portal's configuration, so a preview allows the same hosts. */
async function docsBlockOf(configFile: string): Promise<string> {
  const config = await loadConfig(process.cwd(), configFile);
  return config.docs ? `docs: ${JSON.stringify(config.docs)}\n` : '';
}

async function comment(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { report: { type: 'string' }, url: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`backlot docs comment: ${(error as Error).message}\n\n${help}`);
    return EXIT.usage;
  }
  const env = process.env;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pull = Number(env.PR_NUMBER);
  if (!values.report || !owner || !repo || !Number.isInteger(pull) || pull <= 0 || !env.GITHUB_TOKEN) {
    process.stderr.write('backlot docs comment: needs --report and GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name) and PR_NUMBER in the environment\n');
    return EXIT.usage;
  }
  if (values.url !== undefined && values.url !== '' && !/^https?:\/\//.test(values.url)) {
    process.stderr.write('backlot docs comment: --url must be an http(s) URL\n');
    return EXIT.usage;
  }
  const { previewCommentBody, upsertPreviewComment } = await import('../../lib/docs-preview/comment.ts');
  const report = JSON.parse(await readFile(values.report, 'utf8'));
  const body = previewCommentBody(report, values.url || undefined, env.GITHUB_SHA);
  const result = await upsertPreviewComment({ baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com', token: env.GITHUB_TOKEN, owner, repo, pull, body });
  process.stdout.write(`docs preview comment ${result.action} (id ${result.id})\n`);
  return EXIT.ok;
}
