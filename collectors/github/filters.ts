// Which repositories of the organisation are read: name patterns, topics, archived and forks,
// as configured. Names match case-insensitively, as GitHub treats repository names.
import type { GithubConfig } from '../../lib/config/schema.ts';
import type { ListedRepository } from './list-repositories.ts';

/** `*` matches any run of characters; everything else is literal. */
export function matchesPattern(name: string, pattern: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 'i').test(name);
}

type RepositoryFilter = Pick<GithubConfig, 'include' | 'exclude' | 'topics' | 'archived' | 'forks'>;

/** Why a repository is left out, or `null` when it is read. */
export function exclusionReason(repository: ListedRepository, filter: RepositoryFilter): string | null {
  if (repository.archived && !filter.archived) return 'archived';
  if (repository.fork && !filter.forks) return 'fork';
  if (filter.include.length > 0 && !filter.include.some((p) => matchesPattern(repository.name, p))) return 'not included';
  if (filter.exclude.some((p) => matchesPattern(repository.name, p))) return 'excluded';
  if (filter.topics.length > 0) {
    const topics = new Set((repository.topics ?? []).map((t) => t.toLowerCase()));
    if (!filter.topics.some((t) => topics.has(t.toLowerCase()))) return 'no matching topic';
  }
  return null;
}

/** One of `count` shards (`--shard index/count`, index from 1), for collecting across a workflow matrix. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Whether a repository belongs to `shard`: by a hash of its name, so adding or removing a
 * repository moves no other one between shards (their caches stay useful).
 */
export function inShard(name: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count <= 1) return true;
  let hash = 0x811c9dc5;
  for (const char of name.toLowerCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shard.count === shard.index - 1;
}

/** `i/n` from the command line (1 ≤ i ≤ n ≤ 256), or what is wrong with it. */
export function parseShard(text: string): Shard | { error: string } {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count > 256 || index > count) {
    return { error: `--shard takes i/n with 1 ≤ i ≤ n ≤ 256, as in --shard 2/4 (got "${text}")` };
  }
  return { index, count };
}
