// Reads one repository from its default branch: the descriptor (and every file its Locations
// name), CODEOWNERS, languages and the open pull request count. Any request that fails for a
// reason other than "not found" fails the whole repository, so its last good data is kept.
import type { Octokit } from 'octokit';
import { readEntities } from '../../lib/catalog/index.ts';
import type { FieldLocator, LocationSpec, Problem } from '../../lib/catalog/index.ts';
import { CODEOWNERS_PATHS, ownerFromCodeowners, parseCodeowners } from './codeowners.ts';
import { createContentsSource } from './contents-source.ts';
import type { FileTooLarge } from './contents-source.ts';
import type { RepositoryFacts } from './facts.ts';
import { formatBlobUrl, parseBlobUrl } from './github-urls.ts';
import { conditionalGet, linkOf } from './http-cache.ts';
import type { HttpCache } from './http-cache.ts';
import type { ListedRepository } from './list-repositories.ts';
import type { RepositoryEntity } from './repository-store.ts';
import { synthesiseComponent } from './synthesise.ts';

export interface RepositoryReadSettings {
  octokit: Octokit;
  cache: HttpCache;
  org: string;
  webOrigin: string;
  descriptorPath: string;
  registerWithoutDescriptor: boolean;
  /** ISO time of the run. */
  collectedAt: string;
  /** github.maxFileBytes. */
  maxFileBytes: number;
}

/** What a GraphQL batch already read of a repository, so only what it could not is requested over REST. */
export interface PrefetchedRepository {
  /** Files by path: text, null when it does not exist, or the refusal of a file over the limit. Absent paths are read over REST. */
  files: Map<string, string | null | FileTooLarge>;
  languages: Record<string, number>;
  openPullRequests: number;
}

export interface RepositoryRead {
  facts: RepositoryFacts;
  entities: RepositoryEntity[];
  problems: Problem[];
  files: string[];
  /** Other repositories whose files were read. */
  dependsOn: string[];
}

export async function readRepository(repository: ListedRepository, settings: RepositoryReadSettings, prefetched?: PrefetchedRepository): Promise<RepositoryRead> {
  const { octokit, cache, org, webOrigin, maxFileBytes } = settings;
  const branch = repository.default_branch ?? 'main';
  const urlOf = (filePath: string) => formatBlobUrl(webOrigin, { owner: org, repo: repository.name, ref: branch, path: filePath });
  const preloaded = new Map([...(prefetched?.files ?? [])].map(([filePath, value]) => [urlOf(filePath), value] as const));
  const source = createContentsSource({ octokit, cache, org, webOrigin, maxFileBytes, preloaded });
  const locationOf = (filePath: string): LocationSpec => ({ type: 'url', target: urlOf(filePath) });
  const apiPath = `/repos/${encodeURIComponent(org)}/${encodeURIComponent(repository.name)}`;

  const descriptor = locationOf(settings.descriptorPath);
  // A refused descriptor is reported by readEntities below; here it only means "there is one".
  const descriptorText = await source.read(descriptor).catch((error: unknown) => {
    if ((error as Error).name === 'FileTooLarge') return '';
    throw error;
  });

  let codeowners: RepositoryFacts['codeowners'] = null;
  for (const candidate of CODEOWNERS_PATHS) {
    const text = await source.read(locationOf(candidate)).catch((error: unknown) => {
      if ((error as Error).name === 'FileTooLarge') return null;
      throw error;
    });
    if (text !== null) {
      codeowners = { path: candidate, rules: parseCodeowners(text) };
      break;
    }
  }

  const languages = prefetched ? prefetched.languages : ((await conditionalGet<Record<string, number>>(octokit, cache, `${apiPath}/languages`))?.data ?? {});
  const openPullRequests = prefetched ? prefetched.openPullRequests : await countOpenPullRequests(octokit, cache, apiPath);

  const facts: RepositoryFacts = {
    name: repository.name,
    fullName: repository.full_name,
    url: repository.html_url,
    description: repository.description ?? null,
    defaultBranch: branch,
    visibility: repository.visibility ?? (repository.private ? 'private' : 'public'),
    archived: repository.archived ?? false,
    fork: repository.fork,
    topics: repository.topics ?? [],
    languages,
    pushedAt: repository.pushed_at ?? '',
    codeowners,
    openPullRequests,
    descriptorPath: descriptorText === null ? null : settings.descriptorPath,
    collectedAt: settings.collectedAt,
  };
  const owner = codeowners ? ownerFromCodeowners(codeowners.rules) : undefined;

  if (descriptorText === null) {
    if (!settings.registerWithoutDescriptor) return { facts, entities: [], problems: [], files: [], dependsOn: [] };
    const synthesised = synthesiseComponent(facts, owner);
    const entities = synthesised.located ? [{ located: synthesised.located, sourceUrl: facts.url, repository: facts.fullName }] : [];
    return { facts, entities, problems: synthesised.problems, files: [], dependsOn: [] };
  }

  const read = await readEntities([descriptor], source, {
    maxFileBytes,
    fillDefaults: owner && codeowners ? (value, at) => ownerFromCodeownersWhereMissing(value, at, owner, codeowners.path) : undefined,
  });
  if (source.failures.length > 0) throw new Error(source.failures.join('; '));
  const entities: RepositoryEntity[] = read.entities.map((located) => {
    const address = parseBlobUrl(located.source.file, webOrigin);
    return {
      located,
      sourceUrl: `${located.source.file}#L${located.source.line}`,
      repository: 'error' in address ? facts.fullName : `${address.owner}/${address.repo}`,
    };
  });
  const problems = [...source.warnings, ...read.problems];
  const dependsOn = [...source.repositoriesRead].filter((name) => name.toLowerCase() !== repository.name.toLowerCase());
  return { facts, entities, problems, files: read.files, dependsOn };
}

/**
 * Open pull requests in one request: ask for one per page and read the page number of Link
 * rel="last" (no Link: the page itself holds all, 0 or 1). `open_issues_count` would be free but
 * counts issues too, and telling them apart needs the search API, with its far lower limit.
 */
async function countOpenPullRequests(octokit: Octokit, cache: HttpCache, apiPath: string): Promise<number> {
  const answer = await conditionalGet<number>(octokit, cache, `${apiPath}/pulls?state=open&per_page=1`, {
    reduce: (data) => (Array.isArray(data) ? data.length : 0),
  });
  if (!answer) return 0;
  const last = linkOf(answer.link, 'last');
  if (last) return Number(new URL(last).searchParams.get('page')) || 0;
  return answer.data;
}

/** Kinds whose spec.owner Backstage requires. */
const OWNED_KINDS = new Set(['Component', 'API', 'Resource', 'System', 'Domain']);

/**
 * An entity whose descriptor has no spec.owner takes the owner CODEOWNERS gives the repository,
 * so it shows in the portal (with a warning) instead of being excluded. `backlot lint` still
 * reports the missing field as an error: the descriptor should say it.
 */
function ownerFromCodeownersWhereMissing(value: Record<string, unknown>, at: FieldLocator, owner: string, codeownersPath: string): Problem[] {
  if (typeof value.kind !== 'string' || !OWNED_KINDS.has(value.kind)) return [];
  const spec = value.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [];
  const fields = spec as Record<string, unknown>;
  if (fields.owner !== undefined && fields.owner !== null && fields.owner !== '') return [];
  fields.owner = owner;
  return [
    {
      file: at.file,
      line: at.start.line,
      column: at.start.column,
      severity: 'warning',
      rule: 'owner-from-codeowners',
      message: `spec.owner is missing; the portal uses ${owner}, the owner ${codeownersPath} gives this repository`,
      hint: `Add spec.owner: ${owner} to the descriptor (backlot lint reports it as an error until then).`,
    },
  ];
}
