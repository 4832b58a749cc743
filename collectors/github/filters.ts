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
