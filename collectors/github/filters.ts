// Which repositories of the organisation are read: name patterns, topics, archived and forks,
// as configured. Names match case-insensitively, as GitHub treats repository names.
import type { GithubConfig } from '../../lib/config/schema.ts';
import type { ListedRepository } from './list-repositories.ts';
import { parsePartSpec, stableShare } from '../../lib/content/stable-share.ts';

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
  return stableShare(name, shard.count) === shard.index - 1;
}

/** `i/n` from the command line (1 ≤ i ≤ n ≤ 256), or what is wrong with it. */
export function parseShard(text: string): Shard | { error: string } {
  return parsePartSpec('--shard', text);
}
