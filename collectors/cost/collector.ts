// The cost collector: streams every cloud cost export in the configured folders, allocates each
// charge to a catalog entity, and writes per-entity cost and an organisation summary. An export
// that cannot be read leaves the last good cost in place, marked stale.
import path from 'node:path';
import { readdir, rm, stat } from 'node:fs/promises';
import type { Collector, CollectorContext, CollectorReport } from '../types.ts';
import { CostAllocator } from './allocate.ts';
import type { CostConfig } from './config.ts';
import { CostLedger, topMovers, type CostBreakdown } from './ledger.ts';
import { CostNames, readCostExport } from './read-export.ts';
import type { CostSummary, EntityCost, ExportFileReport, ReasonCount } from './records.ts';

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
  records: { ref: string; data: EntityCost }[];
}

/** An entity as allocation and team totals need it. */
export interface CostEntity {
  ref: string;
  annotations: Record<string, string>;
  /** Full ref of its owner, when it has one. */
  owner?: string;
}

/** Reads and allocates; writes nothing. */
export async function computeCost(options: { root: string; files: string[]; entities: CostEntity[]; config: CostConfig }): Promise<CostRun> {
  const { root, files, entities, config } = options;
  const allocator = new CostAllocator(entities, config.allocationTags);
  const ledger = new CostLedger();
  const skipped = new ReasonTally();
  const unallocated = new ReasonTally();
  let allocated = 0;
  let read = 0;
  const reports: ExportFileReport[] = [];
  const names = new CostNames();
  for (const file of files) {
    const inside = path.relative(root, file);
    const relative = inside.startsWith('..') || path.isAbsolute(inside) ? file : inside;
    const result = await readCostExport(
      file,
      config.measure,
      (line) => {
        const allocation = allocator.allocate(line);
        if (allocation.ref === undefined) unallocated.add(allocation.reason, allocation.example);
        else allocated++;
        ledger.add(allocation.ref, line);
      },
      (row) => skipped.add(row.reason, `${relative}:${row.line}`),
      names,
    );
    read += result.rowsRead;
    reports.push({ file: relative, format: result.format, rowsRead: result.rowsRead, ...(result.error ? { error: result.error } : {}) });
  }

  const monthsOnly = (cost: CostBreakdown): CostBreakdown => ({
    currencies: cost.currencies.map((c) => ({ ...c, months: c.months.map((m) => ({ ...m, byService: [] })) })),
  });
  const refs = ledger.refs();
  const records = refs.map((ref) => ({ ref, data: { cost: ledger.breakdown(ref) } }));
  const byRef = records.map((r) => ({ ref: r.ref, cost: r.data.cost }));

  const withCost = new Set(refs);
  const owned = new Map<string, string[]>();
  for (const entity of entities) {
    if (entity.owner && withCost.has(entity.ref)) owned.set(entity.owner, [...(owned.get(entity.owner) ?? []), entity.ref]);
  }
  for (const ref of refs) if (ref.startsWith('group:') && !owned.has(ref)) owned.set(ref, []);
  const teams = [...owned]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ref, teamEntities]) => ({ ref, entities: teamEntities, cost: monthsOnly(ledger.breakdown([ref, ...teamEntities])) }));

  const summary: CostSummary = {
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

export const costCollector: Collector = {
  name: 'cost',
  async collect(context: CollectorContext): Promise<CollectorReport> {
    const { logger, config } = context;
    const exportsPaths = config.cost.exports.length > 0 ? config.cost.exports : [path.join(context.exportsDir, 'cost')];
    const { files, missing } = await findExportFiles(context.root, exportsPaths);
    for (const entry of missing) logger.info(`cost: no exports at ${entry}; put FOCUS, AWS CUR or Azure exports there, or set cost.exports in backlot.config.yaml`);
    const entities = (await context.catalog.entities()).map((e) => ({ ref: e.ref, annotations: e.annotations, owner: e.links.owner?.ref }));
    const run = await logger.time(
      'cost: read exports',
      () => computeCost({ root: context.root, files, entities, config: config.cost }),
      (r) => `${files.length} files, ${r.summary.rows.read} rows: ${r.summary.rows.allocated} allocated, ${r.summary.rows.unallocated} unallocated, ${r.summary.rows.skipped} skipped`,
    );
    for (const s of run.summary.rows.skippedBy) logger.warn(`cost: ${s.count} rows skipped: ${s.reason} (e.g. ${s.examples.join(', ')})`);
    for (const p of run.summary.problems) logger.warn(`cost: ${p.ref}: ${p.message}`);
    const failed = run.summary.files.filter((f) => f.error);
    for (const f of failed) logger.error(`cost: ${f.file}: ${f.error}`);
    const failures = failed.map((f) => ({ item: f.file, message: f.error! }));

    if (failed.length > 0) {
      // Totals across files cannot be mixed from two runs: every entity keeps its last good cost.
      const message = failed.map((f) => `${f.file}: ${f.error}`).join('; ');
      const hadSummary = await context.data.organisationFailed('summary', message);
      let kept = 0;
      for (const entity of entities) if (await context.data.entityFailed(entity.ref, message)) kept++;
      if (hadSummary) {
        logger.warn(`cost: kept the last good cost (${kept} entities), marked stale`);
        return { items: kept, partial: true, failures, stats: { files: files.length, kept } };
      }
    }
    // This run's data replaces the last: entities that no longer have cost lose their file.
    await rm(path.join(context.outDir, 'entities'), { recursive: true, force: true });
    const source = { name: files.length === 1 ? `cost export ${path.basename(files[0]!)}` : `${files.length} cost exports` };
    for (const record of run.records) await context.data.writeEntity<EntityCost>(record.ref, { source, data: record.data });
    await context.data.writeOrganisation<CostSummary>('summary', { source, data: run.summary });
    const { rows } = run.summary;
    return {
      items: run.records.length,
      partial: failed.length > 0,
      failures,
      stats: { files: files.length, rowsRead: rows.read, rowsAllocated: rows.allocated, rowsUnallocated: rows.unallocated, rowsSkipped: rows.skipped, entities: run.records.length },
    };
  },
};
