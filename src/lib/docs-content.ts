// Docs of this build: the records the docs collector wrote, read once, and each version rendered
// once however many pages, sections and the Problems page ask for it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DocsProblem, DocsRecord, DocsVersion } from '../../lib/docs/records.ts';
import { DOCS_ASSETS_DIR, DOCS_ENTITIES_DIR } from '../../lib/docs/records.ts';
import { renderDocsVersion, type RenderedDocsVersion } from '../../lib/docs/render-site.ts';
import { createRenderCache, type RenderCache } from '../../lib/docs/render-cache.ts';
import { docsConfig } from '../../collectors/docs/collector.ts';
import { buildCacheDir, contentDir, portalConfig } from './portal-config.ts';

let cached: { dir: string; records: Map<string, DocsRecord> } | undefined;
const rendered = new Map<string, Promise<RenderedDocsVersion>>();
let renderCache: RenderCache | undefined;

/**
 * Rendered pages kept between builds in `docs-render/` of the build cache folder (`.cache/` under
 * the project root unless `backlot build --cache-dir`), so unchanged docs are not parsed again.
 */
function docsRenderCache(): RenderCache {
  renderCache ??= createRenderCache(path.join(buildCacheDir(), 'docs-render'));
  return renderCache;
}

/** Every entity's docs record by ref; empty when the docs collector has not run. */
export function docsRecords(): Map<string, DocsRecord> {
  const dir = path.join(contentDir(), 'docs', DOCS_ENTITIES_DIR);
  if (cached?.dir === dir) return cached.records;
  const records = new Map<string, DocsRecord>();
  if (existsSync(dir)) {
    for (const file of (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json')).sort()) {
      const record = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as DocsRecord;
      records.set(record.ref, record);
    }
  }
  cached = { dir, records };
  rendered.clear();
  return records;
}

/** The docs an entity shows: its own, or those of the entity named by techdocs-entity. */
export function docsOf(ref: string): DocsRecord | undefined {
  const record = docsRecords().get(ref);
  if (record?.sharedFrom) return docsRecords().get(record.sharedFrom);
  return record;
}

export function renderedVersion(record: DocsRecord, version: DocsVersion): Promise<RenderedDocsVersion> {
  const key = `${record.ref}\u0000${version.slug}`;
  let result = rendered.get(key);
  if (!result) {
    result = portalConfig().then((config) => {
      const docs = docsConfig(config);
      return renderDocsVersion(record, version, { base: import.meta.env.BASE_URL, iframeHosts: docs.iframeHosts, imageHosts: docs.imageHosts, cache: docsRenderCache() });
    });
    rendered.set(key, result);
  }
  return result;
}

/** All problems of an entity's docs (every version, broken links included). */
export async function docsProblems(record: DocsRecord): Promise<(DocsProblem & { version: string })[]> {
  const out: (DocsProblem & { version: string })[] = record.problems.map((p) => ({ ...p, version: '' }));
  for (const version of record.versions) {
    for (const p of (await renderedVersion(record, version)).problems) out.push({ ...p, version: version.label });
  }
  return out;
}

export interface DocsHealth {
  ref: string;
  hasDocs: boolean;
  pages: number;
  lastUpdated?: string;
  brokenLinks: number;
  problems: number;
  stale: boolean;
}

/** Has docs, how many pages, when last updated, how many broken links: for team pages and /api/. */
export async function docsHealth(ref: string): Promise<DocsHealth> {
  const record = docsOf(ref);
  const version = record?.versions.find((v) => v.isDefault);
  if (!record || !version) return { ref, hasDocs: false, pages: 0, brokenLinks: 0, problems: record?.problems.length ?? 0, stale: Boolean(record?.stale) };
  const problems = (await renderedVersion(record, version)).problems;
  const dates = version.pages.map((p) => p.lastUpdated?.at).filter((d): d is string => Boolean(d)).sort();
  return {
    ref,
    hasDocs: version.pages.length > 0,
    pages: version.pages.length,
    lastUpdated: dates.at(-1),
    brokenLinks: problems.filter((p) => p.message.startsWith('broken ')).length,
    problems: problems.length + record.problems.length,
    stale: Boolean(record.stale),
  };
}

/** Absolute path of a stored docs asset. */
export function docsAssetFile(file: string): string {
  return path.join(contentDir(), 'docs', DOCS_ASSETS_DIR, file);
}

export function docsAssetFiles(): string[] {
  const dir = path.join(contentDir(), 'docs', DOCS_ASSETS_DIR);
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.[a-z]+$/.test(f)) : [];
}

/** Docs problems in the catalog's problem shape, so the same list component shows them. */
export async function docsProblemsAsCatalogProblems(ref: string): Promise<import('../../lib/catalog/types.ts').Problem[]> {
  const record = docsRecords().get(ref);
  if (!record || record.sharedFrom) return [];
  return (await docsProblems(record)).map((p) => ({
    severity: p.severity,
    rule: p.message.startsWith('broken ') ? 'docs-broken-link' : 'docs',
    message: p.version && record.versions.length > 1 ? `${p.message} (version ${p.version})` : p.message,
    file: p.file,
    line: p.line,
    column: 1,
    entityRef: ref,
  }));
}
