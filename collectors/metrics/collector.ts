// The metrics collector: for each entity, runs its PromQL (templates with its name, or its own
// annotations) against a Prometheus-compatible API as range queries, adds snapshot files from the
// exports folder, and stores compact series. A query that fails keeps its last good series, stale.
import path from 'node:path';
import { readFile, readdir, rm } from 'node:fs/promises';
import type { Collector, CollectorContext, CollectorReport } from '../types.ts';
import { entityDataFile, readEntityData } from '../../lib/content/entity-data.ts';
import { mapWithConcurrency } from '../github/concurrency.ts';
import type { MetricsConfig } from './config.ts';
import { dashboardLinks } from './dashboards.ts';
import { PrometheusClient, parseMatrixResponse } from './prometheus-client.ts';
import { queriesForEntity } from './queries.ts';
import type { EntityMetrics, MetricChart } from './records.ts';
import { compactMatrix, gridOf } from './series.ts';

/** An entity as the metrics collector needs it. */
export interface MetricsEntity {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
}

/** Snapshot files by entity path `<namespace>/<kind>/<name>` (lower case) → `{ id, file }[]`. */
async function findSnapshots(root: string, folders: string[]): Promise<Map<string, { id: string; file: string }[]>> {
  const byEntity = new Map<string, { id: string; file: string }[]>();
  for (const folder of folders) {
    const base = path.resolve(root, folder);
    const names = await readdir(base, { recursive: true }).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const parts = name.split(path.sep);
      if (parts.length !== 4 || !parts[3]!.endsWith('.json')) continue;
      const key = parts.slice(0, 3).join('/').toLowerCase();
      const list = byEntity.get(key) ?? [];
      list.push({ id: parts[3]!.slice(0, -'.json'.length), file: path.join(base, name) });
      byEntity.set(key, list);
    }
  }
  return byEntity;
}

export interface MetricsRunOptions {
  root: string;
  entities: MetricsEntity[];
  config: MetricsConfig;
  /** Folders of snapshot files (absolute, or relative to root). */
  snapshotDirs: string[];
  /** The last good data of an entity, for series to keep when a query fails. */
  previous: (ref: string) => EntityMetrics | undefined;
  now: Date;
  env: NodeJS.ProcessEnv;
}

export interface MetricsRun {
  records: { ref: string; data: EntityMetrics; allFailed: boolean }[];
  failures: { item: string; message: string }[];
  stats: { entities: number; queries: number; requests: number; failed: number; snapshots: number; stale: number };
}

export async function computeMetrics(options: MetricsRunOptions): Promise<MetricsRun> {
  const { root, entities, config, previous, now, env } = options;
  const collectedAt = now.toISOString();
  const token = config.tokenEnv ? env[config.tokenEnv] : undefined;
  const client = config.url
    ? new PrometheusClient({ url: config.url, timeoutMs: config.timeoutMs, headers: token ? { authorization: `Bearer ${token}` } : {} })
    : undefined;
  const step = config.stepSeconds;
  const end = Math.floor(now.getTime() / 1000 / step) * step;
  const start = end - Math.floor((config.hours * 3600) / step) * step;
  const snapshots = await findSnapshots(root, options.snapshotDirs);
  const failures: MetricsRun['failures'] = [];
  let queries = 0;
  let failed = 0;
  let snapshotCount = 0;
  let staleCount = 0;

  const records = await mapWithConcurrency(entities, Math.max(1, Math.ceil(config.concurrency / 2)), async (entity) => {
    const problems: string[] = [];
    const { links, problems: linkProblems } = dashboardLinks(entity.annotations);
    problems.push(...linkProblems);
    const before = previous(entity.ref);
    const charts: MetricChart[] = [];
    const entityQueries = client ? queriesForEntity(entity, config) : [];
    const results = await mapWithConcurrency(entityQueries, 2, async (q): Promise<MetricChart> => {
      queries++;
      const base = { id: q.id, title: q.title, unit: q.unit, query: q.query, origin: 'prometheus' as const };
      try {
        const matrix = await client!.queryRange(q.query, start, end, step);
        return { ...base, collectedAt, series: compactMatrix(matrix, start, end, step) };
      } catch (error) {
        failed++;
        const message = (error as Error).message;
        failures.push({ item: `${entity.ref} ${q.id}`, message });
        const last = before?.charts.find((c) => c.id === q.id && c.origin === 'prometheus' && c.series.length > 0);
        if (last) {
          staleCount++;
          return { ...last, ...base, stale: { error: message, failedAt: collectedAt, lastSuccessAt: last.stale?.lastSuccessAt ?? last.collectedAt } };
        }
        return { ...base, collectedAt, series: [], error: message };
      }
    });
    charts.push(...results);
    for (const snapshot of snapshots.get(`${entity.namespace}/${entity.kind}/${entity.name}`.toLowerCase()) ?? []) {
      if (charts.some((c) => c.id === snapshot.id)) continue;
      const template = config.queries.find((q) => q.id === snapshot.id);
      const relative = path.relative(root, snapshot.file);
      const base = { id: snapshot.id, title: template?.title ?? snapshot.id, unit: template?.unit ?? '', query: `snapshot ${relative}`, origin: 'snapshot' as const };
      try {
        const matrix = parseMatrixResponse(await readFile(snapshot.file, 'utf8'));
        const grid = gridOf(matrix) ?? { start, end, step };
        charts.push({ ...base, collectedAt, series: compactMatrix(matrix, grid.start, grid.end, grid.step) });
        snapshotCount++;
      } catch (error) {
        const message = `${relative} ${(error as Error).message}`;
        problems.push(message);
        failures.push({ item: `${entity.ref} ${snapshot.id}`, message });
        charts.push({ ...base, collectedAt, series: [], error: message });
      }
    }
    // The config's order (request rate, errors, latency, saturation), then the entity's own.
    const order = (id: string) => {
      const i = config.queries.findIndex((q) => q.id === id);
      return i === -1 ? config.queries.length : i;
    };
    charts.sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (charts.length === 0 && links.length === 0 && problems.length === 0) return undefined;
    const queried = charts.filter((c) => c.origin === 'prometheus');
    const allFailed = queried.length > 0 && queried.every((c) => c.stale || c.error) && charts.every((c) => c.origin === 'prometheus');
    return { ref: entity.ref, data: { charts, dashboards: links, problems }, allFailed };
  });

  const written = records.filter((r) => r !== undefined);
  return { records: written, failures, stats: { entities: written.length, queries, requests: client?.requests ?? 0, failed, snapshots: snapshotCount, stale: staleCount } };
}

/** A URL safe to show on a page: any user name or password in it removed. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '';
  }
}

export const metricsCollector: Collector = {
  name: 'metrics',
  async collect(context: CollectorContext): Promise<CollectorReport> {
    const { logger } = context;
    const config = context.config.metrics;
    const contentDir = path.dirname(context.outDir);
    const entities = (await context.catalog.entities()).map((e) => ({ ref: e.ref, kind: e.kind, namespace: e.namespace, name: e.name, annotations: e.annotations }));
    const previous = (ref: string) => readEntityData(contentDir, 'metrics', ref)?.data as EntityMetrics | undefined;
    const snapshotDirs = config.snapshots.length > 0 ? config.snapshots : [path.join(context.exportsDir, 'metrics')];
    const run = await logger.time(
      'metrics: query',
      () => computeMetrics({ root: context.root, entities, config, snapshotDirs, previous, now: context.now, env: context.env }),
      (r) => `${r.stats.queries} queries (${r.stats.failed} failed, ${r.stats.stale} kept stale), ${r.stats.snapshots} snapshots, ${r.stats.entities} entities`,
    );
    const byMessage = new Map<string, number>();
    for (const f of run.failures) byMessage.set(f.message, (byMessage.get(f.message) ?? 0) + 1);
    for (const [message, count] of byMessage) logger.warn(`metrics: ${count} ${count === 1 ? 'query' : 'queries'} failed: ${message}`);

    const source = config.url ? { name: 'Prometheus', url: withoutCredentials(config.url) } : { name: 'Prometheus snapshots' };
    const written = new Set<string>();
    let keptStale = 0;
    for (const record of run.records) {
      written.add(record.ref);
      const message = record.data.charts.map((c) => c.stale?.error ?? c.error).find(Boolean) ?? 'every query failed';
      // Nothing answered for this entity: its whole envelope keeps the last good data, marked stale.
      if (record.allFailed && (await context.data.entityFailed(record.ref, message))) keptStale++;
      else await context.data.writeEntity<EntityMetrics>(record.ref, { source, data: record.data });
    }
    // An entity with no charts or links this run loses its file (nothing stale to show).
    for (const entity of entities) if (!written.has(entity.ref)) await rm(entityDataFile(contentDir, 'metrics', entity.ref), { force: true });
    return { items: run.records.length, failures: run.failures, partial: run.failures.length > 0, stats: { ...run.stats, entitiesKeptStale: keptStale } };
  },
};
