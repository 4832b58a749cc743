// Builds the context a collector is handed, in one place: `backlot collect` and the tests of
// every collector get the same wiring (output folder, cache, catalog reader, data writer, exports).
import path from 'node:path';
import type { BacklotConfig } from '../lib/config/schema.ts';
import type { Logger } from '../lib/log/logger.ts';
import { createCatalogReader, type CatalogReader } from '../lib/content/catalog-reader.ts';
import { createDataWriter } from '../lib/content/entity-data.ts';
import type { CollectorContext } from './types.ts';
import type { Shard } from './github/filters.ts';

export interface RunSettings {
  config: BacklotConfig;
  root: string;
  /** The content folder (`src/content/generated/` or `--content-dir`). */
  contentDir: string;
  /** The cache root (`.cache/` or `--cache-dir`); each collector gets `<cacheRoot>/<name>/`. */
  cacheRoot: string;
  logger: Logger;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** The catalog reader of this run; by default one over `<contentDir>/catalog/`. */
  catalog?: CatalogReader;
  /** One shard of a sharded collection (`--shard i/n`). */
  shard?: Shard;
}

export function createCollectorContext(run: RunSettings, name: string): CollectorContext {
  return {
    config: run.config,
    root: run.root,
    outDir: path.join(run.contentDir, name),
    cacheDir: path.join(run.cacheRoot, name),
    logger: run.logger,
    now: run.now,
    env: run.env,
    catalog: run.catalog ?? createCatalogReader(path.join(run.contentDir, 'catalog')),
    data: createDataWriter(run.contentDir, name, run.now),
    exportsDir: path.resolve(run.root, run.config.exports.dir),
    ...(run.shard ? { shard: run.shard } : {}),
  };
}
