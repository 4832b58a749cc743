// Lists every repository of the organisation, page by page (100 per page, following Link
// rel="next"), each page a conditional request: an unchanged organisation costs one 304 per page.
import type { Octokit } from 'octokit';
import { conditionalGet, linkOf } from './http-cache.ts';
import type { ConditionalAnswer, HttpCache } from './http-cache.ts';
import { OrganisationNotFound } from './listing-failure.ts';

/** The fields of `GET /orgs/{org}/repos` items that Backlot uses. */
export interface ListedRepository {
  name: string;
  full_name: string;
  html_url: string;
  description: string | null;
  default_branch?: string;
  visibility?: string;
  private: boolean;
  archived?: boolean;
  fork: boolean;
  topics?: string[];
  pushed_at?: string | null;
}

export interface RepositoryListing {
  repositories: ListedRepository[];
  pages: number;
}

export async function listOrganisationRepositories(octokit: Octokit, cache: HttpCache, org: string): Promise<RepositoryListing> {
  const repositories: ListedRepository[] = [];
  let url: string | undefined = `/orgs/${encodeURIComponent(org)}/repos?type=all&per_page=100`;
  let pages = 0;
  while (url) {
    const page: ConditionalAnswer<ListedRepository[]> | null = await conditionalGet(octokit, cache, url, { reduce: reduceListing });
    if (!page) throw new OrganisationNotFound(`organisation "${org}" was not found (404): check github.org, and that the token can see it`);
    pages += 1;
    repositories.push(...page.data);
    url = linkOf(page.link, 'next');
  }
  return { repositories, pages };
}

const LISTED_FIELDS = ['name', 'full_name', 'html_url', 'description', 'default_branch', 'visibility', 'private', 'archived', 'fork', 'topics', 'pushed_at'] as const;

/** Keeps the fields Backlot uses, so the cached pages stay small. */
function reduceListing(data: unknown): ListedRepository[] {
  if (!Array.isArray(data)) throw new Error('the repository list is not an array');
  return data.map((item: Record<string, unknown>) => Object.fromEntries(LISTED_FIELDS.filter((k) => k in item).map((k) => [k, item[k]])) as unknown as ListedRepository);
}
