// The GitHub client every collector shares (docs, CI, deployments, security …): the same
// authentication, ETag cache, retries, rate-limit waits within github.maxWaitSeconds, counters
// and token redaction as the catalog's GitHub source, so no collector writes its own.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Octokit } from 'octokit';
import { GITHUB_DEFAULTS } from '../../lib/config/schema.ts';
import type { GithubConfig } from '../../lib/config/schema.ts';
import type { CollectorContext } from '../types.ts';
import { createGithubClient } from './client.ts';
import type { RequestCounters } from './client.ts';
import { webOriginOf } from './github-urls.ts';
import { conditionalGet, linkOf, loadHttpCache, saveHttpCache } from './http-cache.ts';
import type { ConditionalAnswer, ConditionalGetOptions, HttpCache } from './http-cache.ts';
import { isUsableToken } from './listing-failure.ts';

export type { ConditionalAnswer, ConditionalGetOptions } from './http-cache.ts';
export type { RequestCounters } from './client.ts';

export interface GithubApi {
  /** The configured octokit (REST and `octokit.graphql`), for anything the helpers below do not cover. */
  octokit: Octokit;
  config: GithubConfig;
  /** `https://github.com` or the Enterprise web host: where html_url / blob links start. */
  webOrigin: string;
  /** A conditional GET answered from the cache on 304 (free against the rate limit); null on 404. */
  get<T = unknown>(url: string, options?: ConditionalGetOptions<T>): Promise<ConditionalAnswer<T> | null>;
  /** Every page of a list (following Link rel="next"), each page conditional; null on 404. */
  getAll<T = unknown>(url: string, options?: { reduce?: (item: unknown) => T; maxPages?: number }): Promise<T[] | null>;
  /** A GraphQL query; its `rateLimit { cost }`, when asked for, is added to `counters.graphqlPoints`. */
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
  counters: RequestCounters;
  /** The ETag cache behind `get` (saved by `save`), for code that calls conditionalGet itself. */
  cache: HttpCache;
  /** Set when the rate limit ran out beyond github.maxWaitSeconds: stop and keep last good data. */
  stopped(): { resetAt: Date; reason: string } | undefined;
  /** The text with the token blanked out (for messages that quote an error). */
  redact(text: string): string;
  /** Writes the ETag cache (call at the end of the run; safe to call as the run goes). */
  save(): Promise<void>;
}

/** Why a collector cannot use GitHub, with what to do (the collector keeps its last good data). */
export class GithubUnavailable extends Error {
  override name = 'GithubUnavailable';
  readonly fix: string;
  readonly kind: 'config' | 'auth';
  constructor(kind: 'config' | 'auth', message: string, fix: string) {
    super(message);
    this.kind = kind;
    this.fix = fix;
  }
}

export interface OpenGithubOptions {
  /** Unit of the 5xx/timeout retry backoff (tests make it small). */
  retryBaseMs?: number;
  fetch?: typeof globalThis.fetch;
}

/**
 * Opens the shared client for `context` (the collector's own cache folder holds its ETags):
 * `const github = await openGithubApi(context); … await github.save();`.
 * Throws GithubUnavailable when the config has no `github:` block or the token is missing/unusable.
 */
export async function openGithubApi(context: CollectorContext, options: OpenGithubOptions = {}): Promise<GithubApi> {
  if (!context.config.github) throw new GithubUnavailable('config', 'the configuration has no github section', 'Add github: { org: <your organisation> } to the configuration file.');
  const config: GithubConfig = { ...GITHUB_DEFAULTS, ...context.config.github };
  const token = context.env[config.tokenEnv] || undefined;
  if (!token) throw new GithubUnavailable('auth', `${config.tokenEnv} is not set`, `Set ${config.tokenEnv} to a token that can read ${config.org}'s repositories.`);
  if (!isUsableToken(token)) throw new GithubUnavailable('auth', `${config.tokenEnv} holds a character an HTTP header cannot carry`, `Copy the token into ${config.tokenEnv} again, without a line break.`);
  const redact = (text: string) => text.split(token).join('***');
  const log = { warn: (m: string) => context.logger.warn(redact(`github: ${m}`)), info: (m: string) => context.logger.info(redact(`github: ${m}`)) };
  const client = createGithubClient({
    baseUrl: config.baseUrl,
    token,
    retries: config.retries,
    timeoutMs: config.timeoutMs,
    maxWaitSeconds: config.maxWaitSeconds,
    log,
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // One cache file per host and organisation, so a changed setting never answers from another's ETags.
  const key = createHash('sha256').update(`${config.baseUrl}\n${config.org.toLowerCase()}`).digest('hex').slice(0, 12);
  const cacheFile = path.join(context.cacheDir, `github-http-${key}.json`);
  const cache: HttpCache = await loadHttpCache(cacheFile);

  return {
    octokit: client.octokit,
    config,
    webOrigin: webOriginOf(config.baseUrl),
    get: (url, getOptions) => conditionalGet(client.octokit, cache, url, getOptions),
    async getAll<T>(url: string, listOptions: { reduce?: (item: unknown) => T; maxPages?: number } = {}) {
      const items: T[] = [];
      let next: string | undefined = url;
      for (let page = 0; next && page < (listOptions.maxPages ?? 1000); page++) {
        const answer: ConditionalAnswer<T[]> | null = await conditionalGet<T[]>(client.octokit, cache, next, {
          reduce: (data) => (Array.isArray(data) ? data : []).map((item: unknown) => (listOptions.reduce ? listOptions.reduce(item) : (item as T))),
        });
        if (!answer) return page === 0 ? null : items;
        items.push(...answer.data);
        next = linkOf(answer.link, 'next');
      }
      return items;
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}) {
      const data = await client.octokit.graphql<T>(query, variables);
      const cost = (data as { rateLimit?: { cost?: number } } | null)?.rateLimit?.cost;
      if (typeof cost === 'number') client.counters.graphqlPoints += cost;
      return data;
    },
    counters: client.counters,
    cache,
    stopped: client.stopped,
    redact,
    save: () => saveHttpCache(cacheFile, cache, () => true),
  };
}
