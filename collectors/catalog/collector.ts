// The catalog collector: reads descriptors from the configured source (a local folder or a GitHub
// organisation), assembles them into one catalog (relations, dangling references, duplicates)
// and writes one EntityRecord per entity, plus the run's problems and a summary, under
// src/content/generated/catalog/. Last good data survives a file that stopped parsing.
import path from 'node:path';
import type { Collector, CollectorContext, CollectorReport } from '../types.ts';
import type { LocatedEntity, LocationSpec, Problem } from '../../lib/catalog/types.ts';
import { CONTENT_FORMAT_VERSION, type CatalogMeta, type EntityRecord, type StaleMark } from '../../lib/content/records.ts';
import { readEntities } from '../../lib/catalog/read.ts';
import { assembleCatalog } from '../../lib/catalog/assemble.ts';
import { attachReadWarnings } from '../../lib/catalog/catalog.ts';
import { createLocalSource, fileLocation } from '../local/source.ts';
import { createAllowedHostsReader } from '../url/allowed-hosts-reader.ts';
import { withUrlReaders } from '../../lib/catalog/url-readers.ts';
import { githubUrlsForLocalSource } from '../github/url-reader.ts';
import { readPreviousMeta, readPreviousProblems, readPreviousRecords, writeCatalogContent } from './content-store.ts';
import { localRootFiles } from '../local/roots.ts';
import { toEntityRecord } from './records.ts';
import { warnOversizedContent } from './oversized-content.ts';
import type { SourceRead } from './source-read.ts';
import { writeShardRead } from './shard-read.ts';

export const catalogCollector: Collector = {
  name: 'catalog',
  async collect(context) {
    const started = performance.now();
    const read = context.config.source === 'github' ? await readFromGithub(context) : await readFromLocal(context);
    // One shard of a matrix sees a share of the repositories: assembling it would report every
    // reference into another shard as dangling. `backlot merge` assembles the shards' reads.
    if (context.shard) return writeShardRead(context, read);
    return assembleAndWrite(context, read, started);
  },
};

/**
 * Everything after reading: relations, dangling references and duplicates across the whole
 * catalog, last good data carried over, records written. `backlot merge` calls it with the
 * shards' reads combined, so a sharded collection writes what a single job writes.
 */
export async function assembleAndWrite(context: CollectorContext, read: SourceRead, started = performance.now()): Promise<CollectorReport> {
  const { config, logger } = context;
  const previousMeta = await readPreviousMeta(context.outDir);
  // Content from before the key was recorded is judged by its origin (host/org, or the folders read).
  const sameSource = previousMeta !== undefined && (previousMeta.sourceKey !== undefined ? previousMeta.sourceKey === read.sourceKey : previousMeta.origin === read.origin);
  if (previousMeta && !sameSource) {
    logger.warn(`catalog: the content in ${path.relative(context.root, context.outDir) || context.outDir} was collected with other settings (${previousMeta.origin}${read.settingsChange ? `; ${read.settingsChange}` : ''}): starting clean, none of it is kept`);
  }
  const previous = sameSource ? await readPreviousRecords(context.outDir) : new Map<string, EntityRecord>();
  if (read.unlisted && sameSource && previousMeta) return keepEverything(context, read, previous, previousMeta, started);
  const carried = carryOverLastGood(read, previous, context.now);
  const located = read.entities.map((e) => e.located);
  const assembled = await logger.time(
    'catalog: assemble',
    async () => assembleCatalog([...located, ...carried.map((r) => r.located)], { danglingSeverity: config.catalog.danglingReferences }),
    (r) => `${r.entities.length} entities, ${r.problems.length} ${r.problems.length === 1 ? "problem" : "problems"} between entities`,
  );

  attachReadWarnings(assembled.entities, read.problems);
  const oversized = warnOversizedContent(assembled.entities);

  const origins = new Map<string, { repository?: string; sourceUrl?: string; stale?: StaleMark }>();
  for (const e of read.entities) origins.set(e.located.ref, e);
  for (const c of carried) origins.set(c.located.ref, c);

  const collectedAt = context.now.toISOString();
  const byRef = new Map(assembled.entities.map((e) => [e.ref, e.entity]));
  const records: EntityRecord[] = assembled.entities.map((entity) => {
    const origin = origins.get(entity.ref);
    const previousRecord = previous.get(entity.ref);
    return toEntityRecord(entity, {
      collectedAt: origin?.stale ? (previousRecord?.collectedAt ?? collectedAt) : collectedAt,
      repository: origin?.repository,
      sourceUrl: origin?.sourceUrl,
      stale: origin?.stale,
    }, (ref) => byRef.get(ref));
  });

  const problems = dedupeProblems([...read.problems, ...assembled.problems, ...oversized]);
  // Keyed by input (kinds): no prototype, so `kind: toString` counts like any other kind.
  const countsByKind: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const r of records) countsByKind[r.kind] = (countsByKind[r.kind] ?? 0) + 1;
  const meta: CatalogMeta = {
    formatVersion: CONTENT_FORMAT_VERSION,
    collectedAt,
    source: config.source,
    origin: read.origin,
    entityCount: records.length,
    countsByKind,
    problemCounts: {
      error: problems.filter((p) => p.severity === 'error').length,
      warning: problems.filter((p) => p.severity === 'warning').length,
    },
    filesRead: read.filesRead,
    sourceKey: read.sourceKey,
  };
  await logger.time('catalog: write', () => writeCatalogContent(context.outDir, records, problems, meta), () => `${records.length} records`);

  for (const p of problems) {
    const line = `${p.file}:${p.line}:${p.column}: ${p.message} (${p.rule})${p.entityRef ? ` [${p.entityRef}]` : ''}`;
    if (p.severity === 'error') logger.error(line);
    else logger.warn(line);
  }

  const failures = [
    ...(read.report?.failures ?? []),
    ...carried.map((c) => ({ item: c.located.ref, message: `kept last good data: ${c.stale.error}` })),
  ];
  return {
    items: records.length,
    failures,
    ...fatalOf(read),
    partial: Boolean(read.report?.partial) || carried.length > 0,
    stats: {
      entities: records.length,
      errors: meta.problemCounts.error,
      warnings: meta.problemCounts.warning,
      files: read.filesRead,
      ...(read.report?.stats ?? {}),
    },
  };
}

/** Root locations from the config: a file, or a folder holding catalog-info.yaml. */
async function resolveRoots(context: CollectorContext): Promise<LocationSpec[]> {
  return (await localRootFiles(context.root, context.config.catalog.locations)).map(fileLocation);
}

async function readFromLocal(context: CollectorContext): Promise<SourceRead> {
  const roots = await resolveRoots(context);
  const entities: SourceRead['entities'] = [];
  const problems: Problem[] = [];
  let filesRead = 0;
  // URL targets of the configured GitHub organisation are read through its API (authenticated, cached).
  const githubUrls = await githubUrlsForLocalSource(context);
  // Each root is confined to its own folder: a Location may not reach outside the tree it lives in.
  // One set of files read across the roots: a file two roots reach is one file, not a duplicate.
  const visited = new Set<string>();
  // URL targets on hosts the config allows; any other URL is a "not fetched" warning.
  const { allowedHosts, urlTimeoutMs } = context.config.catalog;
  const readers = allowedHosts.length > 0 ? [createAllowedHostsReader({ allowedHosts, timeoutMs: urlTimeoutMs })] : [];
  for (const root of roots) {
    // The organisation's own URLs through its API first; other allowed hosts through the URL readers.
    const local = createLocalSource(path.dirname(root.target));
    const source = withUrlReaders(githubUrls ? githubUrls.wrap(local) : local, readers);
    const result = await context.logger.time(
      `catalog: read ${source.display(root)}`,
      () => readEntities([root], source, { visited }),
      (r) => `${r.files.length} files, ${r.entities.length} entities`,
    );
    filesRead += result.files.length;
    problems.push(...result.problems);
    for (const located of result.entities) entities.push({ located });
  }
  const origin = context.config.catalog.locations.join(', ');
  const stats = await githubUrls?.finish();
  return { entities, problems, filesRead, origin, sourceKey: `local:${origin}`, ...(stats ? { report: { items: entities.length, failures: [], stats } } : {}) };
}

async function readFromGithub(context: CollectorContext): Promise<SourceRead> {
  const github = context.config.github;
  if (!github) throw new Error('source is "github" but the github section is missing');
  const { readGithubCatalog } = await import('../github/index.ts');
  const result = await readGithubCatalog(context, github, context.shard ? { shard: context.shard } : {});
  return {
    entities: result.entities,
    problems: result.problems,
    filesRead: result.repositories.length,
    origin: `${new URL(github.baseUrl).host.replace(/^api\./, '')}/${github.org}`,
    sourceKey: `github:${result.settingsKey}`,
    report: result.report,
    ...(result.unlisted ? { unlisted: result.unlisted } : {}),
    ...(result.settingsChange ? { settingsChange: result.settingsChange } : {}),
  };
}

/**
 * A descriptor that yielded nothing this run because it failed (YAML broken, unreadable) keeps
 * the entities it had last time, marked stale, instead of vanishing from the portal.
 */
function carryOverLastGood(
  read: SourceRead,
  previous: Map<string, EntityRecord>,
  now: Date,
): { located: LocatedEntity; stale: StaleMark }[] {
  const freshRefs = new Set(read.entities.map((e) => e.located.ref));
  const freshFiles = new Set(read.entities.map((e) => e.located.source.file));
  const failedFiles = new Map<string, Problem>();
  for (const p of read.problems) {
    if (p.severity === 'error' && !p.entityRef && !freshFiles.has(p.file) && !failedFiles.has(p.file)) failedFiles.set(p.file, p);
  }
  const carried: { located: LocatedEntity; stale: StaleMark }[] = [];
  for (const record of previous.values()) {
    const failure = failedFiles.get(record.source.file);
    if (!failure || freshRefs.has(record.ref)) continue;
    const { relations: _derived, ...entity } = record.entity;
    carried.push({
      located: {
        entity,
        ref: record.ref,
        source: { file: record.source.file, line: record.source.line, column: record.source.column },
        location: { type: 'file', target: record.source.file },
        positions: {},
      },
      stale: {
        error: `${failure.file}:${failure.line}:${failure.column}: ${failure.message}`,
        failedAt: now.toISOString(),
        lastSuccessAt: record.stale?.lastSuccessAt ?? record.collectedAt,
      },
    });
  }
  return carried;
}

/** A fatal failure (config, auth, unreachable) the CLI gives its own exit code. */
function fatalOf(read: SourceRead): Pick<CollectorReport, 'fatal'> {
  const kind = read.unlisted?.kind;
  if (kind !== 'config' && kind !== 'auth' && kind !== 'unreachable') return {};
  return { fatal: { kind, message: read.unlisted!.message, fix: read.unlisted!.fix } };
}

/**
 * The source could not say what exists: every record stays exactly as it was, marked stale (an
 * earlier mark keeps its lastSuccessAt), and the run's failure is added to the problems.
 */
async function keepEverything(context: CollectorContext, read: SourceRead, previous: Map<string, EntityRecord>, meta: CatalogMeta, started: number): Promise<CollectorReport> {
  const failedAt = context.now.toISOString();
  const error = read.unlisted!.message;
  const records = [...previous.values()].map((record) => ({
    ...record,
    stale: { error, failedAt, lastSuccessAt: record.stale?.lastSuccessAt ?? record.collectedAt },
  }));
  const previousProblems = await readPreviousProblems(context.outDir);
  const problems = dedupeProblems([...read.problems, ...previousProblems]);
  await writeCatalogContent(context.outDir, records, problems, meta);
  for (const p of read.problems) context.logger.error(`${p.file}: ${p.message}`);
  context.logger.warn(`catalog: ${records.length} entities kept exactly as they were, marked stale, in ${Math.round(performance.now() - started)} ms`);
  return {
    items: records.length,
    failures: read.report?.failures ?? [{ item: read.origin, message: error }],
    partial: true,
    ...fatalOf(read),
    stats: { entities: records.length, kept: records.length, ...(read.report?.stats ?? {}) },
  };
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.rule}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
