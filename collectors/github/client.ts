// The one octokit set-up of the GitHub source (and of every collector that talks to GitHub):
// authentication, rate limits waited out within a budget (throttling plugin), 5xx and timeouts
// retried with backoff (retry plugin) but never a client-side error, and counters for the
// end-of-run report, taken at the fetch level so retries and 304s are counted.
import { Octokit } from 'octokit';

export interface GithubClientOptions {
  /** REST API root (api.github.com, a GHES `/api/v3`, or a test stand-in). */
  baseUrl: string;
  /** A PAT or GitHub App installation token; absent for unauthenticated reads. */
  token?: string;
  /** Retries after a first failed attempt (5xx, timeout); also bounds secondary-limit waits. */
  retries: number;
  /** Milliseconds before one attempt counts as timed out. */
  timeoutMs: number;
  /** Seconds the whole run may spend waiting for primary rate-limit resets (default 900). */
  maxWaitSeconds?: number;
  /** Unit of the retry backoff, which waits (attempt²) units: 1000 ms as octokit's default; tests make it small. */
  retryBaseMs?: number;
  /** Milliseconds between "still waiting" lines during a rate-limit wait (default one minute). */
  waitProgressMs?: number;
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
  /** GraphQL requests among `requests`, and the points they cost (`rateLimit { cost }`). */
  graphqlRequests: number;
  graphqlPoints: number;
  /** The x-ratelimit-remaining of the latest answer that carried one. */
  rateLimitRemaining?: number;
  /** Times a rate limit (primary or secondary) was waited out. */
  rateLimitWaits: number;
  /** Seconds spent waiting for primary rate-limit resets. */
  rateLimitWaitedSeconds: number;
}

export interface GithubClient {
  octokit: Octokit;
  counters: RequestCounters;
  /**
   * Set when the primary rate limit ran out and its reset is further than the wait budget allows:
   * every later request is refused without being sent, so the run stops cleanly with what it has.
   */
  stopped(): { resetAt: Date; reason: string } | undefined;
}

/** A request the client refused to send: the rate limit ran out beyond the wait budget. */
export class RateLimitStop extends Error {
  override name = 'RateLimitStop';
  readonly resetAt: Date;
  constructor(resetAt: Date, maxWaitSeconds: number) {
    super(
      `GitHub's primary rate limit is used up until ${resetAt.toISOString()}, further than github.maxWaitSeconds (${maxWaitSeconds} s) allows waiting; ` +
        `stopped with what was read so far. Run again after ${resetAt.toISOString()}, or raise github.maxWaitSeconds.`,
    );
    this.resetAt = resetAt;
  }
}

export const DEFAULT_MAX_WAIT_SECONDS = 900;

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const counters: RequestCounters = { requests: 0, notModified: 0, graphqlRequests: 0, graphqlPoints: 0, rateLimitWaits: 0, rateLimitWaitedSeconds: 0 };
  const baseFetch = options.fetch ?? globalThis.fetch;
  const waitBound = Math.max(1, options.retries);
  const maxWaitSeconds = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
  let stop: RateLimitStop | undefined;
  /** x-ratelimit-reset of the latest answer, so the stop names the reset GitHub gave, not a rounding of it. */
  let lastReset: number | undefined;

  // Counting and the timeout live here, below octokit's plugins, so each attempt is counted and timed on its own.
  const countingFetch: typeof globalThis.fetch = async (input, init) => {
    if (stop) return refusal(403, stop.message, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(stop.resetAt.getTime() / 1000)) });
    try {
      new Headers(init?.headers);
    } catch (error) {
      // octokit turns a fetch TypeError into a retried "500"; a header fetch cannot send is the
      // caller's mistake and never gets better by retrying, so it is answered as the 400 it is.
      return refusal(400, `the request was not sent: ${(error as Error).message}`);
    }
    counters.requests += 1;
    if (/\/graphql$/.test(String(input))) counters.graphqlRequests += 1;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await baseFetch(input, { ...init, signal });
    if (response.status === 304) counters.notModified += 1;
    const remaining = response.headers.get('x-ratelimit-remaining');
    if (remaining !== null && remaining !== '' && Number.isFinite(Number(remaining))) {
      counters.rateLimitRemaining = Number(remaining);
    }
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (reset > 0) lastReset = reset * 1000;
    return response;
  };

  const onPrimaryLimit = (retryAfter: number, request: { method: string; url: string }) => {
    if (stop) return false;
    const resetAt = new Date(lastReset !== undefined && Math.abs(lastReset - (Date.now() + retryAfter * 1000)) < 5000 ? lastReset : Date.now() + retryAfter * 1000);
    const budgetLeft = maxWaitSeconds - counters.rateLimitWaitedSeconds;
    if (retryAfter > budgetLeft) {
      stop = new RateLimitStop(resetAt, maxWaitSeconds);
      options.log.warn(stop.message);
      return false;
    }
    counters.rateLimitWaits += 1;
    counters.rateLimitWaitedSeconds += retryAfter;
    options.log.warn(`primary rate limit used up (${request.method} ${request.url}): waiting ${retryAfter} s for its reset at ${resetAt.toISOString()} (github.maxWaitSeconds leaves ${budgetLeft} s)`);
    // octokit sleeps on its own; these lines tell a person (or a CI log) the run is alive.
    const every = options.waitProgressMs ?? 60_000;
    const ticker = setInterval(() => {
      const left = Math.max(0, Math.round((resetAt.getTime() - Date.now()) / 1000));
      options.log.info(`still waiting for the rate-limit reset at ${resetAt.toISOString()}: ${left} s left`);
    }, every);
    ticker.unref();
    setTimeout(() => clearInterval(ticker), retryAfter * 1000).unref();
    return true;
  };

  const onSecondaryLimit = (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    if (retryCount >= waitBound) {
      options.log.warn(`secondary rate limit on ${request.method} ${request.url}: gave up after ${retryCount} waits`);
      return false;
    }
    counters.rateLimitWaits += 1;
    options.log.warn(`secondary rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s before retrying`);
    return true;
  };

  const octokit = new Octokit({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.token ? { auth: options.token } : {}),
    request: { fetch: countingFetch },
    retry: { retries: options.retries, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    throttle: { onRateLimit: onPrimaryLimit, onSecondaryRateLimit: onSecondaryLimit },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => options.log.warn(message),
      error: (message: string) => options.log.warn(message),
    },
  });
  return { octokit, counters, stopped: () => (stop ? { resetAt: stop.resetAt, reason: stop.message } : undefined) };
}

/** An answer made here for a request that is not sent, in GitHub's error shape. */
function refusal(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ message }), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

/** Whether `error` is octokit's failure to reach the host at all (DNS, refused, reset), not an HTTP answer. */
export function isUnreachable(error: unknown): boolean {
  const cause = (error as { cause?: { cause?: { code?: string }; code?: string } }).cause;
  const code = cause?.cause?.code ?? cause?.code;
  return (error as { status?: number }).status === 500 && (error as { response?: unknown }).response === undefined && cause !== undefined && code !== undefined && /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT)$/.test(code);
}
