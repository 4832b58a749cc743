// A sharded collection (`backlot collect --shard i/n` in each job of a matrix, then `backlot
// merge`): each shard keeps its catalog read *before* assembly, because only the whole
// organisation can resolve references between repositories. The merge puts the reads back in the
// order one job reads them, so the assembled catalog is byte for byte what a single job writes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareProblems } from '../../lib/catalog/problem.ts';
import { CONTENT_FORMAT_VERSION } from '../../lib/content/records.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';
import type { Shard } from '../github/filters.ts';
import { incompleteShares } from '../../lib/content/stable-share.ts';
import type { CollectorContext, CollectorReport } from '../types.ts';
import type { SourceRead } from './source-read.ts';

/** Below the catalog's folder of a shard's content; a shard writes nothing else there. */
export const SHARD_READ_FILE = 'shard-read.json';

export interface ShardReadFile {
  formatVersion: number;
  shard: Shard;
  /** The shard's run time (`--now`): every shard of one run should be given the same. */
  collectedAt: string;
  read: SourceRead;
}

/** `backlot merge` refuses shards that do not make one collection, saying which and why. */
export class ShardSetError extends Error {}

export async function writeShardRead(context: CollectorContext, read: SourceRead): Promise<CollectorReport> {
  const shard = context.shard!;
  const file: ShardReadFile = { formatVersion: CONTENT_FORMAT_VERSION, shard, collectedAt: context.now.toISOString(), read };
  await mkdir(context.outDir, { recursive: true });
  await writeFile(path.join(context.outDir, SHARD_READ_FILE), JSON.stringify(file) + '\n');
  context.logger.info(`catalog: shard ${shard.index}/${shard.count}: ${read.entities.length} entities from ${read.filesRead} repositories kept for \`backlot merge\``);
  const kind = read.unlisted?.kind;
  return {
    items: read.entities.length,
    failures: read.report?.failures ?? [],
    partial: Boolean(read.report?.partial),
    ...(read.unlisted && (kind === 'config' || kind === 'auth' || kind === 'unreachable') ? { fatal: { kind, message: read.unlisted.message, fix: read.unlisted.fix } } : {}),
    stats: { shard: `${shard.index}/${shard.count}`, entities: read.entities.length, ...(read.report?.stats ?? {}) },
  };
}

/** Reads `<contentDir>/catalog/shard-read.json` of each shard folder, refusing an incomplete or mixed set. */
export async function readShardReads(shardDirs: string[]): Promise<ShardReadFile[]> {
  const files: ShardReadFile[] = [];
  for (const dir of shardDirs) {
    const file = path.join(dir, 'catalog', SHARD_READ_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new ShardSetError(`${file}: not found; ${dir} is not the content folder of \`backlot collect --shard i/n\``);
    }
    const parsed = parseJsonInput(text, file, MAX_STORED_DEPTH) as ShardReadFile;
    if (parsed?.formatVersion !== CONTENT_FORMAT_VERSION) {
      throw new ShardSetError(`${file}: written by another version of backlot (format ${String(parsed?.formatVersion)}, this one reads ${CONTENT_FORMAT_VERSION}); collect the shards again with this version`);
    }
    files.push(parsed);
  }
  const count = files[0]?.shard.count;
  if (count === undefined) throw new ShardSetError('no shard folders given');
  const mixedCount = files.find((f) => f.shard.count !== count);
  if (mixedCount) throw new ShardSetError(`the shards come from different splits (${count} and ${mixedCount.shard.count} shards); merge the folders of one run`);
  const keys = new Set(files.map((f) => f.read.sourceKey));
  if (keys.size > 1) throw new ShardSetError(`the shards were collected with different settings (${[...keys].join(' / ')}); merge the folders of one run`);
  const incomplete = incompleteShares(files.map((f) => f.shard.index), count, 'shard', "a merge without it would drop its repositories' entities; wait for every shard job, or re-run the missing one");
  if (incomplete) throw new ShardSetError(incomplete);
  return files.sort((a, b) => a.shard.index - b.shard.index);
}

/**
 * One read of the organisation from the shards' reads: entities in the order one job keeps them
 * (by the repository that led to them; an entity two repositories reach is kept once), problems
 * sorted as one job sorts them, counters added up.
 */
export function combineShardReads(files: ShardReadFile[]): SourceRead {
  const reads = files.map((f) => f.read);
  const first = reads[0]!;
  const order = reads.flatMap((r) => r.entities).map((entity, position) => ({ entity, position }));
  order.sort((a, b) => (a.entity.readFrom ?? '').localeCompare(b.entity.readFrom ?? '') || a.position - b.position);
  const seen = new Set<string>();
  const entities: SourceRead['entities'] = [];
  for (const { entity } of order) {
    const key = `${entity.located.source.file}#${entity.located.source.line}:${entity.located.source.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entities.push(entity);
  }
  const problems = reads.flatMap((r) => r.problems).sort(compareProblems);
  const failures = reads.flatMap((r) => r.report?.failures ?? []).sort((a, b) => a.item.localeCompare(b.item));
  const unlisted = reads.find((r) => r.unlisted)?.unlisted;
  const settingsChange = reads.find((r) => r.settingsChange)?.settingsChange;
  return {
    entities,
    problems,
    filesRead: reads.reduce((sum, r) => sum + r.filesRead, 0),
    origin: first.origin,
    sourceKey: first.sourceKey,
    report: {
      items: entities.length,
      failures,
      partial: reads.some((r) => r.report?.partial),
      stats: combineStats(reads.map((r) => r.report?.stats ?? {})),
    },
    ...(unlisted ? { unlisted } : {}),
    ...(settingsChange ? { settingsChange } : {}),
  };
}

/** Counters add up; what is a level (rate limit left) takes the lowest; a duration the longest shard. */
function combineStats(all: Record<string, number | string>[]): Record<string, number | string> {
  const out: Record<string, number | string> = Object.create(null) as Record<string, number | string>;
  for (const stats of all) {
    for (const [key, value] of Object.entries(stats)) {
      const earlier = out[key];
      if (typeof value !== 'number' || (earlier !== undefined && typeof earlier !== 'number')) {
        out[key] ??= value;
      } else if (earlier === undefined) {
        out[key] = value;
      } else if (key === 'rateLimitRemaining') {
        out[key] = Math.min(earlier, value);
      } else if (key === 'durationMs') {
        out[key] = Math.max(earlier, value);
      } else {
        out[key] = earlier + value;
      }
    }
  }
  return { ...out };
}
