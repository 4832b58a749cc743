// `backlot collect`: runs every configured collector, each isolated from the others' failures,
// and prints what it did. Exit code 3 ("partial") when some items kept stale data.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions } from '../command.ts';
import { loadConfig, CONFIG_FILE } from '../../lib/config/load.ts';
import { createLogger } from '../../lib/log/logger.ts';
import { GENERATED_DIR } from '../../lib/content/records.ts';
import { resolveCollector } from '../../collectors/registry.ts';
import { readCollectReport, writeCollectReport, type CollectReport } from '../../lib/publish/collect-report.ts';
import { createCatalogReader } from '../../lib/content/catalog-reader.ts';
import { createCollectorContext } from '../../collectors/context.ts';
import { localCatalogRoots } from '../../collectors/local/roots.ts';
import { parseShard, type Shard } from '../../collectors/github/filters.ts';

const help = `Usage: backlot collect [options]

Reads the catalog (and whatever other collectors are configured) from the sources named in
${CONFIG_FILE} and writes normalised records into the content folder, for \`backlot build\`.
Without a config file it reads the bundled example organisation (examples/).

Options:
  --config <file>       configuration file (default: ${CONFIG_FILE})
  --content-dir <dir>   where records are written (default: ${GENERATED_DIR})
  --cache-dir <dir>     kept between runs for incremental collection (default: .cache)
  --only <names>        run only these collectors (comma-separated)
  --skip <names>        run every configured collector but these (comma-separated)
  --shard <i/n>         one job of a sharded collection: read only the i-th of n stable shares
                        of the organisation's repositories (by a hash of the name), keep the
                        catalog read unassembled for \`backlot merge\`, and skip the other
                        collectors (run them after the merge with --skip catalog)
  --now <time>          the run's time (ISO 8601), recorded as collectedAt; give every shard of
                        one run the same value (default: now)
  --quiet               print only problems and the summary
  -h, --help            show this help

Exit codes:
  0  done
  1  a collector failed (its previous content is left as it was)
  2  bad usage, or an invalid configuration file (the file, line and key are named)
  3  partial: some items kept their last good data, marked stale (a repository that
     failed, a transient server error, a rate limit whose reset is beyond
     github.maxWaitSeconds); run again later
  4  configuration or authentication: nothing could be read (wrong or missing token,
     unknown organisation); previous content kept as it was; the fix is on stderr
  5  unreachable: a source's host could not be reached; previous content kept as it was

Examples:
  backlot collect
  GITHUB_TOKEN=… backlot collect --config backlot.github.yaml
  GITHUB_TOKEN=… backlot collect --shard 2/4 --now 2026-11-30T06:00:00Z --content-dir shards/2
`;

function usage(message: string): number {
  process.stderr.write(`backlot collect: ${message}\n\n${help}`);
  return EXIT.usage;
}

export const command: Command = {
  name: 'collect',
  summary: 'Collect the catalog (and other data) into src/content/generated/',
  help,
  async run(args) {
    const values = parseCommandOptions({ name: 'collect', help }, args, {
      config: { type: 'string', default: CONFIG_FILE },
      'content-dir': { type: 'string', default: GENERATED_DIR },
      'cache-dir': { type: 'string', default: '.cache' },
      only: { type: 'string' },
      skip: { type: 'string' },
      shard: { type: 'string' },
      now: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    });
    if (!values) return EXIT.usage;
    const root = process.cwd();
    const config = await loadConfig(root, values.config);
    const secrets = config.github ? [process.env[config.github.tokenEnv] ?? ''] : [];
    const logger = createLogger({ quiet: values.quiet, secrets });
    const contentDir = path.resolve(root, values['content-dir']);
    const cacheRoot = path.resolve(root, values['cache-dir']);
    const only = values.only?.split(',').map((s) => s.trim());
    const skip = values.skip?.split(',').map((s) => s.trim()) ?? [];
    let shard: Shard | undefined;
    if (values.shard !== undefined) {
      const parsed = parseShard(values.shard);
      if ('error' in parsed) return usage(parsed.error);
      if (config.source !== 'github') return usage(`--shard splits a GitHub organisation's repositories; ${values.config} reads source "${config.source}"`);
      shard = parsed;
    }
    const now = values.now !== undefined ? new Date(values.now) : new Date();
    if (Number.isNaN(now.getTime()) || (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.now))) return usage(`--now takes an ISO 8601 time such as 2026-11-30T06:00:00Z (got "${values.now}")`);
    const catalogDir = path.join(contentDir, 'catalog');
    if (shard && existsSync(path.join(catalogDir, 'meta.json'))) {
      return usage(`${path.relative(root, catalogDir) || catalogDir} holds an assembled catalog; a shard writes only its unassembled read, so give each shard its own --content-dir (e.g. shards/${shard.index})`);
    }
    const localRoots = config.source === 'local' ? await localCatalogRoots(root, config.catalog.locations) : [];
    // Read lazily and once; made anew after the catalog collector, so later collectors see this run's catalog.
    let catalog = createCatalogReader(catalogDir, localRoots);

    let failed = false;
    let partial = false;
    const runReport: CollectReport = { startedAt: new Date().toISOString(), durationMs: 0, exitCode: EXIT.ok, ...(shard ? { shard: `${shard.index}/${shard.count}` } : {}), collectors: [] };
    const runStarted = performance.now();
    let fatal: 'config' | 'auth' | 'unreachable' | undefined;
    for (const entry of config.collectors) {
      if ((only && !only.includes(entry)) || skip.includes(entry)) continue;
      const collector = await resolveCollector(entry, root);
      if (shard && collector.name !== 'catalog') {
        logger.info(`shard ${shard.index}/${shard.count}: ${collector.name} is left for after \`backlot merge\` (it reads the whole catalog): backlot collect --skip catalog`);
        continue;
      }
      const context = createCollectorContext({ config, root, contentDir, cacheRoot, logger, now, env: process.env, catalog, ...(shard ? { shard } : {}) }, collector.name);
      await mkdir(context.cacheDir, { recursive: true });
      const started = performance.now();
      try {
        const report = await logger.time(
          `collect ${collector.name}`,
          () => collector.collect(context),
          (r) => `${r.items} items${r.failures.length ? `, ${r.failures.length} failures` : ''}`,
        );
        if (report.stats) {
          logger.info(`  ${Object.entries(report.stats).map(([k, v]) => `${k}=${v}`).join(' ')}`);
        }
        for (const f of report.failures) logger.warn(`${collector.name}: ${f.item}: ${f.message}`);
        partial ||= Boolean(report.partial);
        runReport.collectors.push({ name: collector.name, durationMs: Math.round(performance.now() - started), items: report.items, failures: report.failures, stats: report.stats, partial: report.partial });
        if (report.fatal) {
          logger.error(`${collector.name}: ${report.fatal.message}`);
          logger.error(`${collector.name}: to fix: ${report.fatal.fix}`);
          if (fatal !== 'config' && fatal !== 'auth') fatal = report.fatal.kind;
        }
        if (collector.name === 'catalog') catalog = createCatalogReader(catalogDir, localRoots);
      } catch (error) {
        failed = true;
        runReport.collectors.push({ name: collector.name, durationMs: Math.round(performance.now() - started), items: 0, failures: [], error: (error as Error).message });
        logger.error(`collector ${collector.name} failed, its previous content is left as it was: ${(error as Error).stack ?? error}`);
      }
    }
    const exitCode = failed
      ? EXIT.failed
      : fatal === 'config' || fatal === 'auth'
        ? EXIT.config
        : fatal === 'unreachable'
          ? EXIT.unreachable
          : partial
            ? EXIT.partial
            : EXIT.ok;
    runReport.durationMs = Math.round(performance.now() - runStarted);
    runReport.exitCode = exitCode;
    await mkdir(contentDir, { recursive: true });
    // A run of some collectors (after `backlot merge`, or --only) keeps the lines of the others'
    // last run, so the job summary still shows every stage.
    if (only || skip.length > 0) {
      const ran = new Set(runReport.collectors.map((c) => c.name));
      const earlier = (await readCollectReport(contentDir))?.collectors.filter((c) => !ran.has(c.name)) ?? [];
      runReport.collectors.unshift(...earlier);
    }
    await writeCollectReport(contentDir, runReport);
    if (exitCode === EXIT.config) {
      logger.error(`collect read nothing: ${fatal === 'auth' ? 'authentication' : 'configuration'} failed; previous content left as it was (exit code ${EXIT.config})`);
    } else if (exitCode === EXIT.unreachable) {
      logger.error(`collect read nothing: a source could not be reached; previous content left as it was (exit code ${EXIT.unreachable})`);
    } else if (exitCode === EXIT.partial) {
      logger.warn('collect finished with stale data kept for some items (exit code 3)');
    }
    return exitCode;
  },
};
