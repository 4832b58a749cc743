// Last good result per repository, kept in the cache between runs: what lets an unchanged
// repository be skipped without a single request, and a failing one keep its data (marked stale).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LocatedEntity, Problem } from '../../lib/catalog/types.ts';
import type { RepositoryFacts } from './facts.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

/** One entity read from a repository, with the URL that shows its descriptor. */
export interface RepositoryEntity {
  located: LocatedEntity;
  /** Blob URL with a line anchor, or the repository URL for a synthesised Component. */
  sourceUrl?: string;
  /** `org/name` of the repository holding the descriptor (another one for a cross-repository Location). */
  repository: string;
}

export interface RepositorySnapshot {
  name: string;
  /** `pushed_at` when it was read: unchanged next run means nothing to read. */
  pushedAt: string;
  /** `pushed_at` of the other repositories its Locations read files from, at the time. */
  dependsOn: Record<string, string>;
  /** The settings it was read with (org, host, descriptor path …): a change re-reads everything. */
  settings: string;
  /** ISO time of the successful read. */
  lastSuccessAt: string;
  facts: RepositoryFacts;
  entities: RepositoryEntity[];
  problems: Problem[];
  /** Files read, as displayed. */
  files: string[];
}

const fileOf = (dir: string, name: string) => path.join(dir, `${encodeURIComponent(name)}.json`);

export async function loadSnapshot(dir: string, name: string): Promise<RepositorySnapshot | undefined> {
  try {
    const file = fileOf(dir, name);
    return parseJsonInput(await readFile(file, 'utf8'), file, MAX_STORED_DEPTH) as RepositorySnapshot;
  } catch {
    return undefined;
  }
}

export async function saveSnapshot(dir: string, snapshot: RepositorySnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = fileOf(dir, snapshot.name);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshot) + '\n');
  await rename(temporary, file);
}

/** Names of every stored snapshot. */
export async function listSnapshots(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => decodeURIComponent(f.slice(0, -'.json'.length)));
  } catch {
    return [];
  }
}

/** Removes the snapshots of repositories that are no longer read (deleted, renamed, filtered out). */
export async function pruneSnapshots(dir: string, keep: Set<string>): Promise<void> {
  for (const name of await listSnapshots(dir)) if (!keep.has(name)) await rm(fileOf(dir, name), { force: true });
}
