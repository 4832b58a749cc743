// One GitHub client and conditional-request cache per signal collector run: the shared client of
// collectors/github/api.ts (authentication, ETag cache, retries, rate-limit waits, token
// redaction), saved at the end so the next run's requests can be 304s. No token means no
// requests at all: unauthenticated reads would see only public repositories and a 60/hour limit.
import type { CollectorContext } from '../../collectors/types.ts';
import type { GithubClient } from '../../collectors/github/client.ts';
import { GithubUnavailable, openGithubApi } from '../../collectors/github/api.ts';
import type { HttpCache } from '../../collectors/github/http-cache.ts';

export interface GithubSession extends GithubClient {
  cache: HttpCache;
  concurrency: number;
  /** The web host of the API (`https://github.com` for api.github.com, the GHES host otherwise). */
  webUrl: string;
  save(): Promise<void>;
}

/**
 * A session when the config reads GitHub (`source: github`), else undefined. Throws, saying what
 * to do, when the token is missing or unusable: the collector's last good data is kept.
 */
export async function openGithubSession(context: CollectorContext): Promise<GithubSession | undefined> {
  if (context.config.source !== 'github' || !context.config.github) return undefined;
  try {
    const api = await openGithubApi(context);
    return { octokit: api.octokit, counters: api.counters, stopped: api.stopped, cache: api.cache, concurrency: api.config.concurrency, webUrl: api.webOrigin, save: api.save };
  } catch (error) {
    if (error instanceof GithubUnavailable) throw new Error(`${error.message}; to fix: ${error.fix}`);
    throw error;
  }
}

export const githubStats = (session: GithubSession | undefined) =>
  session
    ? { requests: session.counters.requests, notModified: session.counters.notModified, ...(session.counters.rateLimitRemaining !== undefined ? { rateLimitRemaining: session.counters.rateLimitRemaining } : {}) }
    : {};
