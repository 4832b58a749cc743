// The GitHub organisation source: lists the organisation's repositories, reads the changed ones
// (bounded concurrency, conditional requests, rate limits waited out), keeps the last good data
// of the rest — unchanged ones fresh, failed ones marked stale — and writes one facts file per
// repository. The catalog collector calls `readGithubCatalog` and assembles what it returns.
import path from 'node:path';
import { compareProblems } from '../../lib/catalog/index.ts';
import type { LocatedEntity, Problem } from '../../lib/catalog/types.ts';
import { GITHUB_DEFAULTS } from '../../lib/config/schema.ts';
import type { GithubConfig } from '../../lib/config/schema.ts';
import type { StaleMark } from '../../lib/content/records.ts';
import type { Logger } from '../../lib/log/logger.ts';
import type { CollectorContext, CollectorReport } from '../types.ts';
import { createGithubClient, RateLimitStop } from './client.ts';
import { mapWithConcurrency } from './concurrency.ts';
import { markRepositoryFactsStale, writeRepositoryFacts } from './facts.ts';
import type { RepositoryFacts } from './facts.ts';
import { exclusionReason, inShard } from './filters.ts';
import type { Shard } from './filters.ts';
import { webOriginOf } from './github-urls.ts';
import { loadHttpCache, saveHttpCache } from './http-cache.ts';
import { listOrganisationRepositories } from './list-repositories.ts';
import { classifyListingFailure, isUsableToken, MissingToken, UnusableToken } from './listing-failure.ts';
import type { ListingFailure } from './listing-failure.ts';
import { claimCache, settingsKey } from './settings.ts';
import type { ListedRepository, RepositoryListing } from './list-repositories.ts';
import { readRepository } from './read-repository.ts';
import type { PrefetchedRepository } from './read-repository.ts';
import { GRAPHQL_BATCH_SIZE, readRepositoryBatch } from './graphql-batch.ts';
import type { BatchResult } from './graphql-batch.ts';
import { loadSnapshot, pruneSnapshots, saveSnapshot } from './repository-store.ts';
import type { RepositorySnapshot } from './repository-store.ts';

export type { RepositoryFacts } from './facts.ts';

export interface GithubCatalogRead {
  /** Entities read from every repository (fresh, or kept last-good data with `stale` set). */
  entities: Array<{ located: LocatedEntity; repository: string; sourceUrl?: string; stale?: StaleMark; readFrom: string }>;
  /** Per-file problems from readEntities, plus repository failures as problems. */
  problems: Problem[];
  /** Facts per repository, also written to src/content/generated/github/repositories/<name>.json. */
  repositories: RepositoryFacts[];
  report: CollectorReport;
  /**
   * Set when the organisation could not be listed: nothing was read, the facts files were left
   * as they were (marked stale), and the caller keeps its previous content too.
   */
  unlisted?: ListingFailure;
  /** Key of the settings this read was made with (`settings.ts`): content of another key is not this catalog's. */
  settingsKey: string;
  /** Set when the cache was written under other settings and was cleared: what changed. */
  settingsChange?: string;
}

/** Injectable for tests and unusual hosts; production uses the defaults. */
export interface ReadGithubOptions {
  /** Unit of the 5xx/timeout retry backoff (attempt² units); default 1000 ms. */
  retryBaseMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds between "still waiting" lines during a rate-limit wait (default one minute). */
  waitProgressMs?: number;
  /** Read only this shard of the organisation's repositories (`backlot collect --shard 2/4`). */
  shard?: Shard;
}

/** How often the HTTP cache is saved while repositories are read, so a killed run keeps its ETags. */
const SAVE_EVERY_MS = 2000;

export async function readGithubCatalog(context: CollectorContext, github: GithubConfig, options: ReadGithubOptions = {}): Promise<GithubCatalogRead> {
  const started = performance.now();
  const config: GithubConfig = { ...GITHUB_DEFAULTS, ...github };
  const token = context.env[config.tokenEnv] || undefined;
  const redact = (text: string) => (token ? text.split(token).join('***') : text);
  const logger = redactingLogger(context.logger, redact);
  const now = context.now.toISOString();

  const cacheDir = path.join(context.cacheDir, 'github');
  const key = settingsKey(config);
  const settingsChange = await claimCache(cacheDir, config);
  if (settingsChange) logger.warn(`github: the settings changed (${settingsChange}): the cache of the earlier settings was cleared and every repository is read again`);
  const httpCacheFile = path.join(cacheDir, 'http.json');
  const snapshotDir = path.join(cacheDir, 'repositories');
  const httpCache = await loadHttpCache(httpCacheFile);
  const client = createGithubClient({
    baseUrl: config.baseUrl,
    ...(token ? { token } : {}),
    retries: config.retries,
    timeoutMs: config.timeoutMs,
    maxWaitSeconds: config.maxWaitSeconds,
    ...(options.waitProgressMs !== undefined ? { waitProgressMs: options.waitProgressMs } : {}),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    log: { warn: (m) => logger.warn(`github: ${m}`), info: (m) => logger.info(`github: ${m}`) },
  });
  const { octokit, counters } = client;
  let webOrigin = webOriginOf(config.baseUrl);
  const settings = key;

  const failures: CollectorReport['failures'] = [];
  const problems: Problem[] = [];
  const kept: Array<{ snapshot: RepositorySnapshot; stale?: StaleMark }> = [];
  const counts = { read: 0, unchanged: 0, stale: 0, failed: 0, skipped: 0 };
  let pages = 0;

  const fail = (item: string, file: string, error: unknown, previous?: RepositorySnapshot): StaleMark | undefined => {
    const message = redact((error as Error).message ?? String(error));
    failures.push({ item, message });
    problems.push({
      file, line: 1, column: 1,
      severity: previous ? 'warning' : 'error',
      rule: previous ? 'github-repository-stale' : 'github-repository-failed',
      message: previous ? `Could not read ${item} (${message}); showing its data from ${previous.lastSuccessAt}` : `Could not read ${item}: ${message}`,
      hint: 'It is read again on the next run; check the token\'s access to it if this persists.',
    });
    if (!previous) {
      counts.failed += 1;
      return undefined;
    }
    counts.stale += 1;
    return { error: message, failedAt: now, lastSuccessAt: previous.lastSuccessAt };
  };

  let listing: RepositoryListing | undefined;
  let unlisted: ListingFailure | undefined;
  try {
    // Without a token GitHub lists only public repositories: a "successful" listing that would
    // silently drop every private one. Nothing is read; the content stays as it was.
    if (!token) throw new MissingToken(config.tokenEnv);
    if (!isUsableToken(token)) throw new UnusableToken(config.tokenEnv);
    listing = await logger.time(
      'github: repositories listed',
      () => listOrganisationRepositories(octokit, httpCache, config.org),
      (l) => `${l.repositories.length} in ${config.org}, ${l.pages} page(s)`,
    );
  } catch (error) {
    // The repository list could not be established: nothing may disappear, so the content stays
    // exactly as it was (the caller keeps its records, the facts files are only marked stale).
    unlisted = classifyListingFailure(error, { org: config.org, baseUrl: config.baseUrl, tokenEnv: config.tokenEnv, hasToken: Boolean(token), stoppedReason: client.stopped()?.reason }, redact);
    failures.push({ item: config.org, message: unlisted.message });
    problems.push({ file: `${webOrigin}/${config.org}`, line: 1, column: 1, severity: 'error', rule: 'github-organisation-failed', message: `Could not list the repositories of ${config.org}: ${unlisted.message}`, hint: unlisted.fix });
    // Facts of other settings (another organisation) are not this one's to keep.
    if (settingsChange) await writeRepositoryFacts(context, []);
    else await markRepositoryFactsStale(context, { error: unlisted.message, failedAt: now });
  }

  let lastSave = Date.now();
  let saving: Promise<void> | undefined;
  // At most one save in flight: a slow save of a large cache is not overtaken by the next one.
  const saveProgress = async (force = false): Promise<void> => {
    if (saving) return force ? saving.then((): Promise<void> => saveProgress(true)) : undefined;
    if (!force && Date.now() - lastSave < SAVE_EVERY_MS) return;
    lastSave = Date.now();
    saving = saveHttpCache(httpCacheFile, httpCache, () => true).finally(() => (saving = undefined));
    return saving;
  };

  if (listing) {
    pages = listing.pages;
    // Web links come from the API's html_url: an Enterprise host's web address is its own.
    const htmlUrl = listing.repositories.find((r) => r.html_url)?.html_url;
    if (htmlUrl) webOrigin = new URL(htmlUrl).origin;
    await saveProgress(true);
    // Keyed lower-case: GitHub names are case-insensitive, and a blob URL may spell one differently.
    const pushedAt = new Map(listing.repositories.map((r) => [r.name.toLowerCase(), r.pushed_at ?? '']));
    const selected: ListedRepository[] = [];
    const reasons = new Map<string, number>();
    for (const repository of listing.repositories) {
      const reason = inShard(repository.name, options.shard) ? exclusionReason(repository, config) : 'in another shard';
      if (reason === null) selected.push(repository);
      else reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    counts.skipped = listing.repositories.length - selected.length;
    if (counts.skipped > 0) logger.info(`github: ${counts.skipped} repositories skipped (${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')})`);

    let done = 0;
    const repositories = selected;
    const readSettings = { octokit, cache: httpCache, org: config.org, webOrigin, descriptorPath: config.descriptorPath, registerWithoutDescriptor: config.registerWithoutDescriptor, collectedAt: now, maxFileBytes: config.maxFileBytes };
    const stopError = (error: unknown) => {
      const stopped = client.stopped();
      return stopped && error instanceof Error && /rate limit/i.test(error.message) ? new RateLimitStop(stopped.resetAt, config.maxWaitSeconds) : error;
    };
    let useGraphql = config.api === 'graphql';

    const readOne = async (repository: ListedRepository, previous: RepositorySnapshot | undefined, prefetched?: PrefetchedRepository, failedBefore?: string) => {
      try {
        if (failedBefore) throw new Error(failedBefore);
        const read = await readRepository(repository, readSettings, prefetched);
        const snapshot: RepositorySnapshot = {
          name: repository.name,
          pushedAt: repository.pushed_at ?? '',
          dependsOn: Object.fromEntries(read.dependsOn.map((name) => [name, pushedAt.get(name.toLowerCase()) ?? ''])),
          settings,
          lastSuccessAt: now,
          facts: read.facts,
          entities: read.entities,
          problems: read.problems,
          files: read.files,
        };
        // Saved at once: a run killed after this point does not read the repository again.
        await saveSnapshot(snapshotDir, snapshot);
        counts.read += 1;
        kept.push({ snapshot });
      } catch (error) {
        const stale = fail(repository.full_name, repository.html_url, stopError(error), previous);
        if (previous && stale) kept.push({ snapshot: previous, stale });
      }
      logger.progress('repositories', ++done, repositories.length);
      await saveProgress();
    };

    await logger.time(
      'github: repositories read',
      async () => {
        // Unchanged repositories (same pushed_at, and the same for the repositories their Locations read) cost nothing.
        const toRead: Array<{ repository: ListedRepository; previous: RepositorySnapshot | undefined }> = [];
        await mapWithConcurrency(repositories, config.concurrency, async (repository) => {
          const previous = await loadSnapshot(snapshotDir, repository.name);
          const unchanged =
            previous !== undefined &&
            previous.settings === settings &&
            previous.pushedAt === (repository.pushed_at ?? '') &&
            Object.entries(previous.dependsOn).every(([name, at]) => pushedAt.get(name.toLowerCase()) === at);
          if (!unchanged) return void toRead.push({ repository, previous });
          counts.unchanged += 1;
          // Listed metadata (description, topics …) can change without a push: refresh it from the listing.
          kept.push({ snapshot: { ...previous, facts: { ...previous.facts, ...listedFacts(repository), collectedAt: now } } });
          logger.progress('repositories', ++done, repositories.length);
        });
        toRead.sort((a, b) => a.repository.name.localeCompare(b.repository.name));

        for (let start = 0; start < toRead.length; start += GRAPHQL_BATCH_SIZE) {
          const chunk = toRead.slice(start, start + GRAPHQL_BATCH_SIZE);
          let batch: BatchResult | undefined;
          if (useGraphql && !client.stopped()) {
            try {
              batch = await readRepositoryBatch(octokit, counters, { org: config.org, descriptorPath: config.descriptorPath, maxFileBytes: config.maxFileBytes }, chunk.map((c) => c.repository.name));
            } catch (error) {
              if (!client.stopped()) {
                // GraphQL unavailable (an older Enterprise Server, a proxy): REST reads everything from here on.
                useGraphql = false;
                logger.warn(`github: the GraphQL API failed (${redact((error as Error).message)}); reading over REST instead (set github.api: rest to skip GraphQL)`);
              }
            }
          }
          await mapWithConcurrency(chunk, config.concurrency, ({ repository, previous }) =>
            readOne(repository, previous, batch?.read.get(repository.name), batch?.failed.get(repository.name)),
          );
        }
      },
      () => `${counts.read} read, ${counts.unchanged} unchanged, ${counts.stale} stale, ${counts.failed} failed`,
    );
    await pruneSnapshots(snapshotDir, new Set(selected.map((r) => r.name)));
  }

  if (unlisted) {
    // A failure never throws away cache entries it did not replace.
    await saving;
    await saveHttpCache(httpCacheFile, httpCache, () => true);
    logger.info(`github: ${counters.requests} requests, nothing read: ${unlisted.message}`);
    return {
      entities: [],
      problems,
      repositories: [],
      unlisted,
      settingsKey: key,
      ...(settingsChange ? { settingsChange } : {}),
      report: { items: 0, failures, partial: true, stats: { requests: counters.requests, rateLimitRemaining: counters.rateLimitRemaining ?? 'unknown' } },
    };
  }

  kept.sort((a, b) => a.snapshot.name.localeCompare(b.snapshot.name));
  // Cached answers of listed repositories stay (read, unchanged or failed), and of the repositories their Locations read from.
  const keepRepositories = new Set([...(listing?.repositories.map((r) => r.name.toLowerCase()) ?? []), ...kept.flatMap((k) => Object.keys(k.snapshot.dependsOn).map((n) => n.toLowerCase()))]);
  await saving;
  await saveHttpCache(httpCacheFile, httpCache, (key) => {
    const match = /\/repos\/[^/]+\/([^/?#]+)/.exec(new URL(key).pathname);
    return match !== null && keepRepositories.has(decodeURIComponent(match[1]!).toLowerCase());
  });

  const repositories = kept.map(({ snapshot, stale }) => (stale ? { ...snapshot.facts, stale } : snapshot.facts));
  await writeRepositoryFacts(context, repositories);

  // An entity reached from two repositories (a cross-repository Location) is kept once.
  const seen = new Set<string>();
  const entities: GithubCatalogRead['entities'] = [];
  for (const { snapshot, stale } of kept) {
    problems.push(...snapshot.problems);
    for (const entity of snapshot.entities) {
      const key = `${entity.located.source.file}#${entity.located.source.line}:${entity.located.source.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entities.push({ ...entity, ...(stale ? { stale } : {}), readFrom: snapshot.name });
    }
  }

  // Repositories finish in any order: sort, so the same organisation gives the same output.
  problems.sort(compareProblems);
  failures.sort((a, b) => a.item.localeCompare(b.item));
  const durationMs = Math.round(performance.now() - started);
  const rateLimitRemaining = counters.rateLimitRemaining ?? 'unknown';
  logger.info(`github: ${counters.requests} requests, ${counters.notModified} not modified (304), rate limit left ${rateLimitRemaining}, ${durationMs} ms${counters.graphqlRequests ? ` (GraphQL: ${counters.graphqlRequests} queries, ${counters.graphqlPoints} points)` : ''}`);
  const stopped = client.stopped();
  if (stopped) logger.warn(`github: ${stopped.reason}`);
  const partial = failures.length > 0;
  return {
    settingsKey: key,
    ...(settingsChange ? { settingsChange } : {}),
    entities,
    problems,
    repositories,
    report: {
      items: repositories.length,
      failures,
      partial,
      stats: {
        repositories: repositories.length,
        repositoriesRead: counts.read,
        repositoriesUnchanged: counts.unchanged,
        repositoriesStale: counts.stale,
        repositoriesFailed: counts.failed,
        repositoriesSkipped: counts.skipped,
        listPages: pages,
        requests: counters.requests,
        notModified: counters.notModified,
        graphqlRequests: counters.graphqlRequests,
        graphqlPoints: counters.graphqlPoints,
        rateLimitRemaining,
        rateLimitWaits: counters.rateLimitWaits,
        ...(stopped ? { rateLimitResetAt: stopped.resetAt.toISOString() } : {}),
        durationMs,
      },
    },
  };
}

/** The facts the listing itself carries, fresh on every run even when the repository is not read. */
function listedFacts(repository: ListedRepository): Partial<RepositoryFacts> {
  return {
    fullName: repository.full_name,
    url: repository.html_url,
    description: repository.description ?? null,
    visibility: repository.visibility ?? (repository.private ? 'private' : 'public'),
    archived: repository.archived ?? false,
    fork: repository.fork,
    topics: repository.topics ?? [],
  };
}

/** The run's logger with the token blanked out of every line, whatever the caller's logger does. */
function redactingLogger(logger: Logger, redact: (text: string) => string): Logger {
  return {
    info: (m) => logger.info(redact(m)),
    warn: (m) => logger.warn(redact(m)),
    error: (m) => logger.error(redact(m)),
    progress: (stage, done, total) => logger.progress(stage, done, total),
    time: (stage, run, summary) => logger.time(redact(stage), run, summary ? (result) => redact(summary(result)) : undefined),
  };
}
