// The job summary after a scheduled run: what the portal holds now, what changed since the last
// run (entities and published files), what went wrong, and how long each stage took. State from
// the previous run lives in the collector cache (`<cache>/summary/`), restored by actions/cache.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readPreviousRecords } from '../../collectors/catalog/content-store.ts';
import type { CatalogMeta, EntityRecord } from '../content/records.ts';
import type { Problem } from '../catalog/types.ts';
import { diffDigests, fileDigests } from '../../src/build/tree-digest.ts';
import { readCollectReport } from './collect-report.ts';
import { markdownText } from './markdown-text.ts';
import { parseJsonInput } from '../parse/json.ts';
import { MAX_STORED_DEPTH } from '../parse/keys.ts';

export interface RunSummaryOptions {
  contentDir: string;
  cacheDir: string;
  /** The built site; when given, files added/changed/removed since the last run are counted. */
  siteDir?: string;
  buildSeconds?: number;
  /** Remember this run as the next one's baseline (false for a preview). */
  remember?: boolean;
}

export interface RunSummary {
  markdown: string;
  entities: number;
  added: string[];
  removed: string[];
  siteChanges?: { added: number; changed: number; removed: number; total: number };
}

const readJson = async <T>(file: string): Promise<T | undefined> => {
  try {
    return parseJsonInput(await readFile(file, 'utf8'), file, MAX_STORED_DEPTH) as T;
  } catch {
    return undefined;
  }
};

const code = (value: string) => `\`${value.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
const list = (items: string[], limit = 20) =>
  items.slice(0, limit).map((i) => `- ${code(i)}`).join('\n') + (items.length > limit ? `\n- … and ${items.length - limit} more` : '');

export async function summariseRun(options: RunSummaryOptions): Promise<RunSummary> {
  const catalogDir = path.join(options.contentDir, 'catalog');
  const stateDir = path.join(options.cacheDir, 'summary');
  const records = await readPreviousRecords(catalogDir);
  const meta = await readJson<CatalogMeta>(path.join(catalogDir, 'meta.json'));
  const problems = (await readJson<Problem[]>(path.join(catalogDir, 'problems.json'))) ?? [];
  const report = await readCollectReport(options.contentDir);
  const previousRefs = await readJson<string[]>(path.join(stateDir, 'entities.json'));

  const refs = [...records.keys()].sort();
  const added = previousRefs ? refs.filter((r) => !previousRefs.includes(r)) : [];
  const removed = previousRefs ? previousRefs.filter((r) => !records.has(r)) : [];
  const stale = new Map<string, EntityRecord['stale']>();
  for (const record of records.values()) if (record.stale) stale.set(record.repository ?? record.source.file, record.stale);

  const lines: string[] = ['## Backlot portal run', ''];
  const byKind = Object.entries(meta?.countsByKind ?? {}).sort(([a], [b]) => a.localeCompare(b));
  lines.push(`**${refs.length} entities**${byKind.length ? ` (${byKind.map(([k, n]) => `${markdownText(k)} ${n}`).join(', ')})` : ''}${meta ? ` from ${markdownText(meta.origin)}` : ''}.`, '');
  if (!previousRefs) lines.push('First run with this cache: nothing to compare with.', '');
  else {
    lines.push(`Since the last run: **${added.length} new**, **${removed.length} removed**.`, '');
    if (added.length) lines.push('<details><summary>New entities</summary>', '', list(added), '', '</details>', '');
    if (removed.length) lines.push('<details><summary>Removed entities</summary>', '', list(removed), '', '</details>', '');
  }

  const errors = problems.filter((p) => p.severity === 'error');
  lines.push(`### Problems: ${errors.length} errors, ${problems.length - errors.length} warnings`, '');
  if (errors.length) {
    lines.push('| where | problem |', '| --- | --- |');
    for (const p of errors.slice(0, 15)) lines.push(`| ${code(`${p.file}:${p.line}:${p.column}`)} | ${markdownText(p.message)} |`);
    if (errors.length > 15) lines.push(`| … | ${errors.length - 15} more on the Problems page |`);
    lines.push('');
  }

  if (stale.size) {
    lines.push(`### Stale: ${stale.size} ${stale.size === 1 ? 'source keeps' : 'sources keep'} last good data`, '', '| source | latest read failed with | last good data from |', '| --- | --- | --- |');
    for (const [source, mark] of [...stale].slice(0, 20)) lines.push(`| ${code(source)} | ${markdownText(mark?.error)} | ${markdownText(mark?.lastSuccessAt)} |`);
    lines.push('');
  }

  lines.push('### Stages', '', '| stage | time | result |', '| --- | --- | --- |');
  for (const c of report?.collectors ?? []) {
    const stats = Object.entries(c.stats ?? {}).map(([k, v]) => `${markdownText(k)}=${markdownText(v)}`).join(', ');
    const result = c.error ? `failed: ${markdownText(c.error)}` : `${c.items} items${c.failures.length ? `, ${c.failures.length} failures` : ''}${stats ? `; ${stats}` : ''}`;
    lines.push(`| collect ${markdownText(c.name)} | ${(c.durationMs / 1000).toFixed(1)} s | ${result} |`);
  }
  if (options.buildSeconds !== undefined) lines.push(`| build | ${options.buildSeconds.toFixed(1)} s | |`);

  let siteChanges: RunSummary['siteChanges'];
  if (options.siteDir) {
    const digests = fileDigests(options.siteDir);
    const before = await readJson<Record<string, string>>(path.join(stateDir, 'site-digests.json'));
    const diff = diffDigests(new Map(Object.entries(before ?? {})), digests);
    siteChanges = { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length, total: digests.size };
    lines.push(`| deploy | | ${digests.size} files: ${siteChanges.added} added, ${siteChanges.changed} changed, ${siteChanges.removed} removed${before ? '' : ' (no previous site to compare)'} |`);
    if (options.remember !== false) {
      await mkdir(stateDir, { recursive: true });
      await writeFile(path.join(stateDir, 'site-digests.json'), JSON.stringify(Object.fromEntries(digests)) + '\n');
    }
  }
  lines.push('');
  if (options.remember !== false) {
    await mkdir(stateDir, { recursive: true });
    await writeFile(path.join(stateDir, 'entities.json'), JSON.stringify(refs) + '\n');
  }
  return { markdown: lines.join('\n'), entities: refs.length, added, removed, siteChanges };
}
