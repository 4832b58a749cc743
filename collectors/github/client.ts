// The one octokit set-up of the GitHub source: authentication, rate limits waited out (throttling
// plugin), 5xx and timeouts retried with backoff (retry plugin, a per-attempt AbortSignal), and
// counters for the end-of-run report, taken at the fetch level so retries and 304s are counted.
import { Octokit } from 'octokit';

export interface GithubClientOptions {
  /** REST API root (api.github.com, a GHES `/api/v3`, or a test stand-in). */
  baseUrl: string;
  /** A PAT or GitHub App installation token; absent for unauthenticated reads. */
  token?: string;
  /** Retries after a first failed attempt (5xx, timeout); also bounds rate-limit waits. */
  retries: number;
  /** Milliseconds before one attempt counts as timed out. */
  timeoutMs: number;
  /** Unit of the retry backoff, which waits (attempt²) units: 1000 ms as octokit's default; tests make it small. */
  retryBaseMs?: number;
  /** Where octokit's and the rate-limit waits' messages go. */
  log: { warn(message: string): void; info(message: string): void };
  /** The fetch to use (defaults to the global one). */
  fetch?: typeof globalThis.fetch;
}

/** What the client did, for the run's report. */
export interface RequestCounters {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** 304 Not Modified answers (free: they do not count against GitHub's primary rate limit). */
  notModified: number;
  /** The x-ratelimit-remaining of the latest answer that carried one. */
  rateLimitRemaining?: number;
  /** Times a rate limit (primary or secondary) was waited out. */
  rateLimitWaits: number;
}

export interface GithubClient {
  octokit: Octokit;
  counters: RequestCounters;
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const counters: RequestCounters = { requests: 0, notModified: 0, rateLimitWaits: 0 };
  const baseFetch = options.fetch ?? globalThis.fetch;
  const waitBound = Math.max(1, options.retries);

  // Counting and the timeout live here, below octokit's plugins, so each attempt is counted and timed on its own.
  const countingFetch: typeof globalThis.fetch = async (input, init) => {
    counters.requests += 1;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await baseFetch(input, { ...init, signal });
    if (response.status === 304) counters.notModified += 1;
    const remaining = response.headers.get('x-ratelimit-remaining');
    if (remaining !== null && remaining !== '' && Number.isFinite(Number(remaining))) {
      counters.rateLimitRemaining = Number(remaining);
    }
    return response;
  };

  const waitOut = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    if (retryCount >= waitBound) {
      options.log.warn(`${kind} rate limit on ${request.method} ${request.url}: gave up after ${retryCount} waits`);
      return false;
    }
    counters.rateLimitWaits += 1;
    options.log.warn(`${kind} rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s before retrying`);
    return true;
  };

  const octokit = new Octokit({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.token ? { auth: options.token } : {}),
    request: { fetch: countingFetch },
    retry: { retries: options.retries, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    throttle: { onRateLimit: waitOut('primary'), onSecondaryRateLimit: waitOut('secondary') },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => options.log.warn(message),
      error: (message: string) => options.log.warn(message),
    },
  });
  return { octokit, counters };
}
