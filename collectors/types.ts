// The collector contract: how data gets into src/content/. Built-in concerns (catalog, github …)
// and an organisation's own collectors implement the same small interface, registered in
// backlot.config.yaml. Modelled on Astro's content loaders: a name, and one function that is
// handed everything it needs.
import type { BacklotConfig } from '../lib/config/schema.ts';
import type { Logger } from '../lib/log/logger.ts';
import type { CatalogReader } from '../lib/content/catalog-reader.ts';
import type { DataWriter } from '../lib/content/entity-data.ts';
import type { Shard } from './github/filters.ts';

export type { CatalogReader, CatalogEntityView } from '../lib/content/catalog-reader.ts';
export type { DataEnvelope, DataSource, DataWriter } from '../lib/content/entity-data.ts';

export interface Collector {
  /** Unique, kebab-case; names the output folder `src/content/generated/<name>/` and the cache folder. */
  name: string;
  /** Runs once per `backlot collect`. Reports failures per item instead of throwing, where it can. */
  collect(context: CollectorContext): Promise<CollectorReport>;
}

export interface CollectorContext {
  /** The validated configuration, defaults applied. */
  config: BacklotConfig;
  /** Project root: relative paths in the config are resolved against it. */
  root: string;
  /** Where this collector writes its records (created for it). Anything else in it is its own. */
  outDir: string;
  /** Kept between runs (`.cache/<name>/`, restorable by actions/cache): ETags, last good data. */
  cacheDir: string;
  /** One logger for every step: progress on a terminal, one line per stage in CI. */
  logger: Logger;
  /** The run's timestamp, so every record of one run carries the same `collectedAt`. */
  now: Date;
  /** Environment to read secrets from (GITHUB_TOKEN …); never written anywhere. */
  env: NodeJS.ProcessEnv;
  /**
   * The catalog the catalog collector wrote (this run, as collectors run in config order, catalog
   * first): `await context.catalog.entities()`. Throws a CatalogMissingError saying what to do
   * when there is none.
   */
  catalog: CatalogReader;
  /** Writes this collector's per-entity and organisation-wide data in the standard envelope; keeps last good data on failure. */
  data: DataWriter;
  /** Absolute path of the shared exports folder (`exports.dir`): CI, test, metrics and cost files dropped by other systems. */
  exportsDir: string;
  /**
   * Set in one job of a sharded collection (`backlot collect --shard i/n`): read only this stable
   * share of the organisation's repositories; `backlot merge` assembles the shards afterwards.
   */
  shard?: Shard;
}

export interface CollectorReport {
  /** Items written (entities, repositories, runs …). */
  items: number;
  /** Failures that left last good data in place, one per item. */
  failures: { item: string; message: string }[];
  /** Counters worth printing at the end (requests, cache hits, rate limit left …). */
  stats?: Record<string, number | string>;
  /** True when some items kept stale data: `backlot collect` then exits with the "partial" code. */
  partial?: boolean;
  /**
   * Set when nothing could be read because of the configuration or the credentials (`config`,
   * `auth`) or an unreachable host (`unreachable`): previous content is kept as it was, and
   * `backlot collect` exits with that failure's own code and prints `fix`.
   */
  fatal?: { kind: 'config' | 'auth' | 'unreachable'; message: string; fix: string };
}
