// `backlot merge`: the finishing step of a sharded collection. Each matrix job ran
// `backlot collect --shard i/n` into its own folder; this assembles their catalog reads into the
// catalog one job would have written, and unites the rest of what they wrote (repository facts).
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions } from '../command.ts';
import { CONFIG_FILE, loadConfig } from '../../lib/config/load.ts';
import { createLogger } from '../../lib/log/logger.ts';
import { GENERATED_DIR } from '../../lib/content/records.ts';
import { createCollectorContext } from '../../collectors/context.ts';
import { assembleAndWrite } from '../../collectors/catalog/collector.ts';
import { combineShardReads, readShardReads, SHARD_READ_FILE, ShardSetError } from '../../collectors/catalog/shard-read.ts';
import { mergeTrees } from '../../lib/publish/merge-trees.ts';
import { COLLECT_REPORT_FILE, readCollectReport, writeCollectReport, type CollectReport } from '../../lib/publish/collect-report.ts';

const help = `Usage: backlot merge --shards <folder> [options]

Combines the content folders of a sharded collection (one \`backlot collect --shard i/n\` per
matrix job, each in its own subfolder of <folder>) into the content folder: the catalog is
assembled across every repository, as a single \`backlot collect\` assembles it (references
between shards resolve; the bytes are the same), and the shards' other files are united. Run
the collectors that read the whole catalog afterwards: \`backlot collect --skip catalog\`.

Every shard 1..n must be present, collected with the same settings; a file two shards wrote
differently is reported and nothing is replaced.

Options:
  --shards <folder>     folder whose subfolders are the shards' content folders (required)
  --config <file>       configuration file (default: ${CONFIG_FILE})
  --content-dir <dir>   where the merged content is written (default: ${GENERATED_DIR})
  --cache-dir <dir>     cache root; the merge keeps nothing there (default: .cache)
  --quiet               print only problems and the summary
  -h, --help            show this help

Exit codes: as \`backlot collect\` (0 done, 1 the shards do not make one collection,
2 bad usage, 3 partial, 4 configuration or authentication, 5 unreachable).

Example (the finishing job of .github/workflows/portal.yml):
  backlot merge --shards shards && backlot collect --skip catalog
`;

export const command: Command = {
  name: 'merge',
  summary: "Merge the shards' content of `collect --shard i/n` into one catalog",
  help,
  async run(args) {
    const values = parseCommandOptions({ name: 'merge', help }, args, {
      shards: { type: 'string' },
      config: { type: 'string', default: CONFIG_FILE },
      'content-dir': { type: 'string', default: GENERATED_DIR },
      'cache-dir': { type: 'string', default: '.cache' },
      quiet: { type: 'boolean', default: false },
    });
    if (!values) return EXIT.usage;
    if (!values.shards) {
      process.stderr.write(`backlot merge: --shards <folder> is required\n\n${help}`);
      return EXIT.usage;
    }
    const root = process.cwd();
    const config = await loadConfig(root, values.config);
    const logger = createLogger({ quiet: values.quiet });
    const contentDir = path.resolve(root, values['content-dir']);
    const shardsRoot = path.resolve(root, values.shards);
    const entries = await readdir(shardsRoot, { withFileTypes: true }).catch(() => []);
    const shardDirs = entries
      .filter((e) => e.isDirectory() && existsSync(path.join(shardsRoot, e.name, 'catalog', SHARD_READ_FILE)))
      .map((e) => path.join(shardsRoot, e.name))
      .sort();
    if (shardDirs.length === 0) {
      logger.error(`${values.shards}: no shard folders in it (a shard folder holds catalog/${SHARD_READ_FILE}, written by \`backlot collect --shard i/n --content-dir <folder>\`)`);
      return EXIT.usage;
    }
    const started = performance.now();
    let files;
    try {
      files = await readShardReads(shardDirs);
    } catch (error) {
      if (!(error instanceof ShardSetError)) throw error;
      logger.error(`merge: ${error.message}; the content in ${path.relative(root, contentDir) || contentDir} was left as it was`);
      return EXIT.failed;
    }
    const times = [...new Set(files.map((f) => f.collectedAt))].sort();
    if (times.length > 1) logger.warn(`merge: the shards were collected at different times (${times.join(', ')}); give them the same --now so the content is the same as one job's`);
    const now = new Date(times[0]!);

    // Everything but the catalog is per repository or per entity, so shards never write the same file.
    const staging = `${contentDir}.merging-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    const united = await mergeTrees(shardDirs, staging, (file) => file.startsWith('catalog/') || file === COLLECT_REPORT_FILE);
    if (united.conflicts.length > 0) {
      await rm(staging, { recursive: true, force: true });
      for (const c of united.conflicts) logger.error(`merge: ${c.file} differs between ${c.shards.map((s) => path.basename(s)).join(' and ')}: a collector wrote organisation-wide data in a shard`);
      logger.error(`merge: nothing was replaced; run that collector after the merge (backlot collect --only <name>) instead of in the shards`);
      return EXIT.failed;
    }
    await mkdir(contentDir, { recursive: true });
    for (const top of await readdir(staging)) {
      await rm(path.join(contentDir, top), { recursive: true, force: true });
      await rename(path.join(staging, top), path.join(contentDir, top));
    }
    await rm(staging, { recursive: true, force: true });

    const context = createCollectorContext({ config, root, contentDir, cacheRoot: path.resolve(root, values['cache-dir']), logger, now, env: process.env }, 'catalog');
    const read = combineShardReads(files);
    const catalogStarted = performance.now();
    const report = await logger.time(
      `merge: catalog of ${files.length} shards`,
      () => assembleAndWrite(context, read),
      (r) => `${r.items} entities, ${united.files} other files`,
    );
    for (const f of report.failures) logger.warn(`catalog: ${f.item}: ${f.message}`);
    if (report.fatal) {
      logger.error(`catalog: ${report.fatal.message}`);
      logger.error(`catalog: to fix: ${report.fatal.fix}`);
    }

    const exitCode = report.fatal
      ? report.fatal.kind === 'unreachable' ? EXIT.unreachable : EXIT.config
      : report.partial ? EXIT.partial : EXIT.ok;
    // The job summary shows each shard's time and the merge's.
    const shardRuns: CollectReport['collectors'] = [];
    for (const [i, dir] of shardDirs.entries()) {
      const shardReport = await readCollectReport(dir);
      const shard = files[i]!.shard;
      for (const c of shardReport?.collectors ?? []) shardRuns.push({ ...c, name: `${c.name} (shard ${shard.index}/${shard.count})` });
    }
    const mergeReport: CollectReport = {
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      durationMs: Math.round(performance.now() - started),
      exitCode,
      collectors: [
        ...shardRuns,
        { name: 'catalog (merge)', durationMs: Math.round(performance.now() - catalogStarted), items: report.items, failures: report.failures, stats: report.stats, partial: report.partial },
      ],
    };
    await writeCollectReport(contentDir, mergeReport);
    logger.info(`merge: ${files.length} shards, ${report.items} entities, exit code ${exitCode}`);
    return exitCode;
  },
};
