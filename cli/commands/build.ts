// `backlot build`: renders the collected content into a static site with Astro, indexes it with
// Pagefind, and checks the size budgets, reporting what each step did and how long it took.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import path from 'node:path';
import { normaliseBase } from '../../lib/config/base.ts';
import { CONFIG_FILE, loadConfig } from '../../lib/config/load.ts';
import { GENERATED_DIR } from '../../lib/content/records.ts';
import { VALIDATED_CONFIG_ENV } from '../../src/lib/portal-config.ts';
import { createLogger } from '../../lib/log/logger.ts';
import { checkBudgets, htmlFiles, readBudgets } from '../../src/build/budgets.ts';
import { DEFAULT_SEARCH_PART_PAGES, describeSearchIndex, startCatalogIndexFromContent } from '../../src/build/pagefind-index.ts';
import { SEARCH_RECORDS_TARGET } from '../../src/build/search-records.ts';
import { renderSite } from '../../src/build/render-site.ts';
import { RENDER_PART_ENV } from '../../src/lib/render-part.ts';
import { parsePartSpec } from '../../lib/content/stable-share.ts';
import { writeRenderPartMarker } from '../../src/build/assemble-parts.ts';
import { keepFailed as keepFailedBuild, swapIn } from '../../src/build/swap-output.ts';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions, wholeNumberOption } from '../command.ts';

const help = `Usage: backlot build [options]

Renders src/content/generated/ (or --content-dir) into a static portal, indexes it for search
with Pagefind, and checks budgets.json. Never touches the network.

Options:
  --config <file>       Configuration file (default: backlot.config.yaml; missing means defaults)
  --content-dir <dir>   Collected content to render (default: ${GENERATED_DIR})
  --out <dir>           Output folder (default: dist)
  --base <path>         Override the config's base path, e.g. /portal/
  --no-budgets          Report sizes but do not fail past budgets.json
  --cache-dir <dir>     What a build keeps for the next one: diagram layouts, rendered docs
                        (default: .cache; restore it between scheduled builds)
  --search-part-pages <n>  Pages per search index part; larger sites are indexed in parts that
                        the browser merges into one search (default: ${DEFAULT_SEARCH_PART_PAGES})
  --search-group-size <n>  Entities per search page (default: 1 up to ${SEARCH_RECORDS_TARGET} entities,
                        then enough to keep the index near ${SEARCH_RECORDS_TARGET} pages)
  --part <i/n>          Render one of n parts (for a matrix of jobs): the pages of the entities
                        whose ref hashes to part i (part 1 also renders the site-wide lists);
                        \`backlot assemble\` unites the parts into the site, indexes it for
                        search and checks the budgets
  --quiet               Only warnings and errors

Examples:
  backlot build
  backlot build --content-dir /tmp/content --out /tmp/site --base /portal/
  backlot build --part 2/4 --out parts/2     (then: backlot assemble --parts parts --content-dir content)
`;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
/** A path as a person reads it: relative inside the project, absolute outside it. */
const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
};

function countPages(outDir: string): number {
  return htmlFiles(outDir).length;
}

export const command: Command = {
  name: 'build',
  summary: 'Render the collected content into a static dist/ and index it with Pagefind',
  help,
  async run(args) {
    const values = parseCommandOptions({ name: 'build', help }, args, {
      config: { type: 'string' },
      'content-dir': { type: 'string' },
      out: { type: 'string', default: 'dist' },
      base: { type: 'string' },
      'no-budgets': { type: 'boolean', default: false },
      'cache-dir': { type: 'string', default: '.cache' },
      'search-part-pages': { type: 'string' },
      'search-group-size': { type: 'string' },
      part: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    });
    if (!values) return EXIT.usage;
    const logger = createLogger({ quiet: values.quiet });
    const root = process.cwd();
    const config = await loadConfig(root, values.config);
    if (values.base !== undefined && !values.base.startsWith('/')) {
      process.stderr.write(`backlot build: --base must start with /, e.g. /portal/\n`);
      return EXIT.usage;
    }
    // --base wins over the file, for the pages (and their sections) as well as for Astro.
    const base = normaliseBase(values.base ?? config.base);
    config.base = base;
    // Caught here, before Astro starts, so a typo in `sections` costs a second, not a build.
    const missing = config.sections.filter((s) => !['src/sections', 'src/components/sections'].some((dir) => existsSync(path.join(root, dir, `${s.id}.astro`))));
    if (missing.length > 0) {
      process.stderr.write(`backlot build: no component for section(s) ${missing.map((s) => `"${s.id}"`).join(', ')} in ${values.config ?? CONFIG_FILE}; add src/sections/<id>.astro or remove the section\n`);
      return EXIT.usage;
    }
    const partPages = wholeNumberOption('build', 'search-part-pages', values['search-part-pages'], 'of pages, e.g. 12000');
    const groupSize = wholeNumberOption('build', 'search-group-size', values['search-group-size'], 'of entities, e.g. 10');
    if (partPages === false || groupSize === false) return EXIT.usage;
    let part: { index: number; count: number } | undefined;
    if (values.part !== undefined) {
      const parsed = parsePartSpec('--part', values.part);
      if ('error' in parsed) {
        process.stderr.write(`backlot build: ${parsed.error}\n`);
        return EXIT.usage;
      }
      part = parsed;
    }
    const outDir = path.resolve(root, values.out);
    // Rendered beside the output and swapped in only when every step passed, so a failed build
    // never replaces a good site (nor a deploy artifact made from it).
    const stagingDir = `${outDir}.building`;
    const failedDir = `${outDir}.failed`;
    await rm(stagingDir, { recursive: true, force: true });
    const keepFailed = async (why: string) => logger.error(`${why}; ${await keepFailedBuild(outDir, stagingDir, failedDir, shown)}`);
    const contentDir = path.resolve(root, values['content-dir'] ?? GENERATED_DIR);
    if (!existsSync(path.join(contentDir, 'catalog'))) logger.warn(`${shown(contentDir)}/catalog does not exist: the portal will be empty (run \`backlot collect\` first)`);

    // The pages read these (src/lib/portal-config.ts): Astro pages cannot take arguments. The
    // config goes over validated, so the pages never load (or mis-read) it a second time.
    process.env.BACKLOT_ROOT = root;
    process.env.BACKLOT_CONTENT_DIR = contentDir;
    process.env.BACKLOT_BUILD_CACHE_DIR = path.resolve(root, values['cache-dir']);
    process.env[VALIDATED_CONFIG_ENV] = JSON.stringify(config);
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    if (part) process.env[RENDER_PART_ENV] = `${part.index}/${part.count}`;
    else delete process.env[RENDER_PART_ENV];

    // The search index reads the collected records, not the pages: unless this is a part (indexed
    // by `backlot assemble`), Pagefind reads them in its own process while Astro renders.
    const rendering = logger.time('render', async () => {
      await renderSite({ root, outDir: stagingDir, base, site: config.site, logLevel: values.quiet ? 'error' : 'warn' });
      return countPages(stagingDir);
    }, (n) => `${n} pages into ${shown(outDir)}`);
    const indexing = part ? undefined : setImmediatePromise().then(() => startCatalogIndexFromContent(stagingDir, contentDir, { groupSize, partPages }));
    indexing?.catch(() => undefined); // its error is reported where it is awaited
    let pages: number;
    try {
      pages = await rendering;
    } catch (error) {
      await indexing?.then((job) => job.abort(), () => undefined);
      // Astro has printed where it failed; one line says what to do about it.
      await keepFailed(`render failed: ${(error as Error).message}`);
      return EXIT.failed;
    }

    if (part) {
      // The search index is written once, by `backlot assemble`, from the whole catalog: one
      // bundle for the browser to load instead of one per part.
      // Budgets measure the whole site's pages (the catalog's size, shared assets): `backlot assemble` checks them.
      await writeRenderPartMarker(stagingDir, { ...part, base });
      await swapIn(outDir, stagingDir, failedDir);
      logger.info(`rendered part ${part.index}/${part.count}: ${pages} pages; unite the parts with \`backlot assemble --parts <folder> --content-dir <content>\``);
      return EXIT.ok;
    }
    // Pagefind writes its files in its own process while the budgets are measured.
    const searchDone = logger.time('search index', async () => (await indexing!).finish(), describeSearchIndex);
    searchDone.catch(() => undefined); // awaited below, after the budgets
    const report = await logger.time('budgets', () => checkBudgets(stagingDir, readBudgets(root), base), (r) => `${r.pages.length} pages measured`);
    const search = await searchDone;
    for (const error of search.errors) logger.warn(`pagefind: ${error}`);
    const { html, js, css } = report.largest;
    logger.info(`budgets: largest HTML ${kB(html?.html ?? 0)} gzip (${html?.page ?? '-'}), JS ${kB(js?.js ?? 0)} (${js?.page ?? '-'}), CSS ${kB(css?.css ?? 0)} (${css?.page ?? '-'})`);
    for (const v of report.violations.slice(0, 20)) logger.error(`budget: ${v.page} ${v.measure} is ${kB(v.bytes)} gzip, over its ${kB(v.limit)} budget`);
    if (report.violations.length > 20) logger.error(`budget: … and ${report.violations.length - 20} more pages over budget`);
    if (report.violations.length > 0 && !values['no-budgets']) {
      logger.error(`${report.violations.length} budget(s) exceeded (budgets.json); make the pages smaller or raise the budget on purpose`);
      await keepFailed('budgets exceeded');
      return EXIT.failed;
    }
    await swapIn(outDir, stagingDir, failedDir);
    logger.info(`built ${pages} pages${base !== '/' ? ` under ${base}` : ''}; preview with \`backlot preview --out ${values.out}\``);
    return EXIT.ok;
  },
};

