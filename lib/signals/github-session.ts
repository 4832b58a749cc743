// One GitHub client and conditional-request cache per signal collector run, built from the
// `github:` block of the config (the same client and cache the catalog source uses), and saved at
// the end so the next run's requests can be 304s.
import path from 'node:path';
import type { CollectorContext } from '../../collectors/types.ts';
import { createGithubClient, type GithubClient } from '../../collectors/github/client.ts';
import { loadHttpCache, saveHttpCache, type HttpCache } from '../../collectors/github/http-cache.ts';

export interface GithubSession extends GithubClient {
  cache: HttpCache;
  concurrency: number;
  /** The web host of the API (`https://github.com` for api.github.com, the GHES host otherwise). */
  webUrl: string;
  save(): Promise<void>;
}

/** A session when the config reads GitHub (`source: github`), else undefined. */
export async function openGithubSession(context: CollectorContext): Promise<GithubSession | undefined> {
  const github = context.config.github;
  if (context.config.source !== 'github' || !github) return undefined;
  const token = context.env[github.tokenEnv];
  const client = createGithubClient({ baseUrl: github.baseUrl, ...(token ? { token } : {}), retries: github.retries, timeoutMs: github.timeoutMs, log: context.logger });
  const file = path.join(context.cacheDir, 'http-cache.json');
  const cache = await loadHttpCache(file);
  const api = new URL(github.baseUrl);
  const webUrl = api.hostname === 'api.github.com' ? 'https://github.com' : `${api.protocol}//${api.host}`;
  return { ...client, cache, concurrency: github.concurrency, webUrl, save: () => saveHttpCache(file, cache, () => false) };
}

export const githubStats = (session: GithubSession | undefined) =>
  session
    ? { requests: session.counters.requests, notModified: session.counters.notModified, ...(session.counters.rateLimitRemaining !== undefined ? { rateLimitRemaining: session.counters.rateLimitRemaining } : {}) }
    : {};
