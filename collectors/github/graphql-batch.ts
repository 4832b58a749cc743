// Reads many repositories in one GraphQL query: the descriptor, the three CODEOWNERS candidates,
// languages and the open pull request count of up to 50 repositories for about one rate-limit
// point, where REST spends six requests per repository. Files GraphQL cannot give as text
// (binary-looking, truncated) are left for the REST contents API; files over the size limit are
// refused from their byteSize without being downloaded.
import type { Octokit } from 'octokit';
import { CODEOWNERS_PATHS } from './codeowners.ts';
import type { RequestCounters } from './client.ts';
import { FileTooLarge } from './contents-source.ts';
import type { PrefetchedRepository } from './read-repository.ts';

/** Repositories per query: 50 cost one point (each brings two connections: languages, pull requests). */
export const GRAPHQL_BATCH_SIZE = 50;

interface BlobAnswer {
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

interface RepositoryAnswer {
  name: string;
  descriptor: BlobAnswer | null;
  [codeowners: `codeowners${number}`]: BlobAnswer | null;
  languages: { edges: Array<{ size: number; node: { name: string } }> } | null;
  pullRequests: { totalCount: number };
}

interface BatchAnswer {
  rateLimit?: { cost: number; remaining: number; resetAt: string };
  [alias: string]: RepositoryAnswer | null | BatchAnswer['rateLimit'];
}

/** The query for `count` repositories: every value from variables, nothing from repository data is spliced into its text. */
export function batchQuery(count: number): string {
  const names = Array.from({ length: count }, (_, i) => `$n${i}: String!`).join(', ');
  const codeowners = CODEOWNERS_PATHS.map((_, i) => `$c${i}: String!`).join(', ');
  const repositories = Array.from({ length: count }, (_, i) => `  r${i}: repository(owner: $owner, name: $n${i}) { ...Read }`).join('\n');
  return [
    `query BacklotRepositories($owner: String!, $descriptor: String!, ${codeowners}, ${names}) {`,
    '  rateLimit { cost remaining resetAt }',
    repositories,
    '}',
    'fragment Read on Repository {',
    '  name',
    '  descriptor: object(expression: $descriptor) { ...File }',
    ...CODEOWNERS_PATHS.map((_, i) => `  codeowners${i}: object(expression: $c${i}) { ...File }`),
    '  languages(first: 100, orderBy: { field: SIZE, direction: DESC }) { edges { size node { name } } }',
    '  pullRequests(states: OPEN) { totalCount }',
    '}',
    'fragment File on Blob { byteSize isBinary isTruncated text }',
  ].join('\n');
}

export interface BatchResult {
  /** Per repository name: what was read. */
  read: Map<string, PrefetchedRepository>;
  /** Per repository name: why it could not be read (not found, or an error GraphQL named). */
  failed: Map<string, string>;
}

export async function readRepositoryBatch(
  octokit: Octokit,
  counters: RequestCounters,
  settings: { org: string; descriptorPath: string; maxFileBytes: number },
  names: string[],
): Promise<BatchResult> {
  const variables: Record<string, string> = { owner: settings.org, descriptor: `HEAD:${settings.descriptorPath}` };
  CODEOWNERS_PATHS.forEach((p, i) => (variables[`c${i}`] = `HEAD:${p}`));
  names.forEach((name, i) => (variables[`n${i}`] = name));
  let data: BatchAnswer;
  const failed = new Map<string, string>();
  try {
    data = await octokit.graphql<BatchAnswer>(batchQuery(names.length), variables);
  } catch (error) {
    // Partial data: GitHub answers what it could and lists the rest in `errors` (e.g. NOT_FOUND per alias).
    // octokit's GraphqlResponseError (not exported by the octokit package): `data` and `errors`.
    const partial = error as { name?: string; data?: unknown; errors?: Array<{ type?: string; message: string; path?: unknown[] }> };
    if (partial.name !== 'GraphqlResponseError' || !partial.data) throw error;
    data = partial.data as BatchAnswer;
    for (const e of partial.errors ?? []) {
      const alias = Array.isArray(e.path) ? String(e.path[0]) : undefined;
      const index = alias && /^r\d+$/.test(alias) ? Number(alias.slice(1)) : undefined;
      if (index !== undefined && names[index] !== undefined) failed.set(names[index]!, `${e.type ? `${e.type}: ` : ''}${e.message}`);
    }
    if (failed.size === 0) throw error;
  }
  if (data.rateLimit) counters.graphqlPoints += data.rateLimit.cost;

  const read = new Map<string, PrefetchedRepository>();
  names.forEach((name, i) => {
    const answer = data[`r${i}`] as RepositoryAnswer | null | undefined;
    if (!answer) {
      if (!failed.has(name)) failed.set(name, 'GraphQL returned nothing for it');
      return;
    }
    const files = new Map<string, string | null | FileTooLarge>();
    const file = (filePath: string, blob: BlobAnswer | null | undefined) => {
      if (blob === null) files.set(filePath, null);
      else if (blob === undefined) return;
      else if (blob.byteSize > settings.maxFileBytes) files.set(filePath, new FileTooLarge(blob.byteSize, settings.maxFileBytes));
      // Not text as GitHub sees it (another encoding) or cut short: left for the REST contents API.
      else if (blob.text !== null && !blob.isBinary && !blob.isTruncated) files.set(filePath, blob.text);
    };
    file(settings.descriptorPath, answer.descriptor);
    CODEOWNERS_PATHS.forEach((p, j) => file(p, answer[`codeowners${j}`]));
    read.set(name, {
      files,
      languages: Object.fromEntries((answer.languages?.edges ?? []).map((edge) => [edge.node.name, edge.size])),
      openPullRequests: answer.pullRequests.totalCount,
    });
  });
  return { read, failed };
}
