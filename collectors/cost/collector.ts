// The cost collector: streams every cloud cost export in the configured folders, allocates each
// charge to a catalog entity, and writes per-entity cost and an organisation summary. An export
// that cannot be read leaves the last good cost in place, marked stale.
import path from 'node:path';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Collector, CollectorContext, CollectorReport } from '../types.ts';
import type { StaleMark } from '../../lib/content/records.ts';
import { recordPathOf } from '../shared/record-path.ts';
import { readCatalogEntities, type CatalogEntity } from '../shared/catalog-entities.ts';
import { CostAllocator } from './allocate.ts';
import { costConfigWithDefaults, type CostConfig } from './config.ts';
import { CostLedger, topMovers, type CostBreakdown } from './ledger.ts';
import { readCostExport } from './read-export.ts';
import type { CostSummary, EntityCostRecord, ExportFileReport, ReasonCount } from './records.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

const EXPORT_FILE = /\.(csv|csv\.gz|gz)$/i;

/** Every export file under the configured paths, sorted; missing paths are reported, not fatal. */
export async function findExportFiles(root: string, entries: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const entry of entries) {
    const full = path.resolve(root, entry);
    const info = await stat(full).catch(() => null);
    if (!info) missing.push(entry);
    else if (info.isFile()) files.push(full);
    else {
      const names = (await readdir(full, { recursive: true })).filter((name) => EXPORT_FILE.test(name)).sort();
      files.push(...names.map((name) => path.join(full, name)));
    }
  }
  return { files, missing };
}

class ReasonTally {
  readonly #byReason = new Map<string, ReasonCount>();
  count = 0;
  add(reason: string, where?: string): void {
    this.count++;
    let entry = this.#byReason.get(reason);
    if (!entry) this.#byReason.set(reason, (entry = { reason, count: 0, examples: [] }));
    entry.count++;
    if (where && entry.examples.length < 5 && !entry.examples.includes(where)) entry.examples.push(where);
  }
  list(): ReasonCount[] {
    return [...this.#byReason.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  }
}

export interface CostRun {
  summary: CostSummary;
  records: EntityCostRecord[];
}

/** Reads and allocates; pure with respect to output (writes nothing). */
export async function computeCost(options: {
  root: string;
  files: string[];
  entities: CatalogEntity[];
  config: CostConfig;
  collectedAt: string;
}): Promise<CostRun> {
  const { root, files, entities, config, collectedAt } = options;
  const allocator = new CostAllocator(entities, config.allocationTags);
  const ledger = new CostLedger();
  const skipped = new ReasonTally();
  const unallocated = new ReasonTally();
  let allocated = 0;
  let read = 0;
  const reports: ExportFileReport[] = [];
  for (const file of files) {
    const inside = path.relative(root, file);
    const relative = inside.startsWith('..') || path.isAbsolute(inside) ? file : inside;
    const result = await readCostExport(
      file,
      config.measure,
      (line) => {
        const allocation = allocator.allocate(line.resourceId, line.tagText, line.readTags);
        if (allocation.ref === undefined) unallocated.add(allocation.reason, allocation.example);
        else allocated++;
        ledger.add(allocation.ref, line);
      },
      (row) => skipped.add(row.reason, `${relative}:row ${row.row}`),
    );
    read += result.rowsRead;
    reports.push({ file: relative, format: result.format, rowsRead: result.rowsRead, ...(result.error ? { error: result.error } : {}) });
  }

  const monthsOnly = (cost: CostBreakdown): CostBreakdown => ({
    currencies: cost.currencies.map((c) => ({ ...c, months: c.months.map((m) => ({ ...m, byService: [] })) })),
  });
  const refs = ledger.refs();
  const records: EntityCostRecord[] = refs.map((ref) => ({ ref, collectedAt, source: 'cost', cost: ledger.breakdown(ref) }));
  const byRef = records.map((r) => ({ ref: r.ref, cost: r.cost }));

  const owned = new Map<string, string[]>();
  for (const entity of entities) {
    if (entity.owner && refs.includes(entity.ref)) owned.set(entity.owner, [...(owned.get(entity.owner) ?? []), entity.ref]);
  }
  for (const ref of refs) if (ref.startsWith('group:') && !owned.has(ref)) owned.set(ref, []);
  const teams = [...owned]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ref, teamEntities]) => ({ ref, entities: teamEntities, cost: monthsOnly(ledger.breakdown([ref, ...teamEntities])) }));

  const summary: CostSummary = {
    collectedAt,
    source: 'cost',
    files: reports,
    rows: {
      read,
      allocated,
      unallocated: unallocated.count,
      skipped: skipped.count,
      skippedBy: skipped.list(),
      unallocatedBy: unallocated.list(),
    },
    total: ledger.total(),
    unallocated: ledger.breakdown(''),
    entities: byRef.map(({ ref, cost }) => ({ ref, cost: monthsOnly(cost) })),
    teams,
    movers: topMovers(byRef),
    problems: allocator.problems,
  };
  return { summary, records };
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return parseJsonInput(await readFile(file, 'utf8'), file, MAX_STORED_DEPTH) as T;
  } catch {
    return undefined;
  }
}

async function writeAll(outDir: string, run: CostRun): Promise<void> {
  const staging = `${outDir}.writing-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const record of run.records) {
    const file = path.join(staging, recordPathOf(record.ref));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(record, null, 2) + '\n');
  }
  await writeFile(path.join(staging, 'summary.json'), JSON.stringify(run.summary, null, 2) + '\n');
  await rm(outDir, { recursive: true, force: true });
  await rename(staging, outDir);
}

/** Marks everything of the previous run stale, in place. */
async function markStale(outDir: string, stale: StaleMark, failedFiles: ExportFileReport[]): Promise<number> {
  const summaryFile = path.join(outDir, 'summary.json');
  const previous = await readJson<CostSummary>(summaryFile);
  if (!previous) return 0;
  const lastSuccessAt = previous.stale?.lastSuccessAt ?? previous.collectedAt;
  const mark = { ...stale, lastSuccessAt };
  await writeFile(summaryFile, JSON.stringify({ ...previous, stale: mark, failedFiles }, null, 2) + '\n');
  const names = (await readdir(path.join(outDir, 'entities'), { recursive: true }).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  for (const name of names) {
    const file = path.join(outDir, 'entities', name);
    const record = await readJson<EntityCostRecord>(file);
    if (record) await writeFile(file, JSON.stringify({ ...record, stale: mark }, null, 2) + '\n');
  }
  return names.length;
}

export const costCollector: Collector = {
  name: 'cost',
  async collect(context: CollectorContext): Promise<CollectorReport> {
    const { logger } = context;
    const config = costConfigWithDefaults(context.config.cost);
    const { files, missing } = await findExportFiles(context.root, config.exports);
    for (const entry of missing) logger.warn(`cost: ${entry} does not exist; put FOCUS, AWS CUR or Azure exports there, or set cost.exports in backlot.config.yaml`);
    const entities = await readCatalogEntities(context.outDir);
    const collectedAt = context.now.toISOString();
    const run = await logger.time(
      'cost: read exports',
      () => computeCost({ root: context.root, files, entities, config, collectedAt }),
      (r) => `${files.length} files, ${r.summary.rows.read} rows: ${r.summary.rows.allocated} allocated, ${r.summary.rows.unallocated} unallocated, ${r.summary.rows.skipped} skipped`,
    );
    for (const s of run.summary.rows.skippedBy) logger.warn(`cost: ${s.count} rows skipped: ${s.reason} (e.g. ${s.examples.join(', ')})`);
    for (const p of run.summary.problems) logger.warn(`cost: ${p.ref}: ${p.message}`);
    const failed = run.summary.files.filter((f) => f.error);
    for (const f of failed) logger.error(`cost: ${f.file}: ${f.error}`);

    if (failed.length > 0) {
      const stale: StaleMark = { error: failed.map((f) => `${f.file}: ${f.error}`).join('; '), failedAt: collectedAt, lastSuccessAt: collectedAt };
      const kept = await markStale(context.outDir, stale, failed);
      if (kept > 0 || (await readJson(path.join(context.outDir, 'summary.json')))) {
        logger.warn(`cost: kept the last good cost (${kept} entities), marked stale`);
        return { items: kept, partial: true, failures: failed.map((f) => ({ item: f.file, message: f.error! })), stats: { files: files.length } };
      }
    }
    await writeAll(context.outDir, run);
    const { rows } = run.summary;
    return {
      items: run.records.length,
      partial: failed.length > 0,
      failures: failed.map((f) => ({ item: f.file, message: f.error! })),
      stats: { files: files.length, rowsRead: rows.read, rowsAllocated: rows.allocated, rowsUnallocated: rows.unallocated, rowsSkipped: rows.skipped, entities: run.records.length },
    };
  },
};
