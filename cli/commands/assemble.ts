// `backlot assemble`: the finishing step of a split render. Each matrix job ran
// `backlot build --part i/n`; this unites their outputs into the site, indexes it for search from
// the collected catalog (one index, not one per part), checks the budgets on the whole, and only
// then replaces the output.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_DIR } from '../../lib/content/records.ts';
import { createLogger } from '../../lib/log/logger.ts';
import { assembleParts, readRenderParts } from '../../src/build/assemble-parts.ts';
import { describeSearchIndex, startCatalogIndexFromContent } from '../../src/build/pagefind-index.ts';
import { checkBudgets, htmlFiles, readBudgets } from '../../src/build/budgets.ts';
import { keepFailed, swapIn } from '../../src/build/swap-output.ts';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions, wholeNumberOption } from '../command.ts';

const help = `Usage: backlot assemble --parts <folder> [options]

Unites the outputs of \`backlot build --part i/n\` (each a subfolder of <folder>) into one
static site: entity pages from every part, the site-wide pages once (every part renders them
byte-identically; a difference is refused), then indexes the site for search from the
collected catalog the parts were rendered from. Checks budgets.json on the whole site. The
output is replaced only when everything passed.

Options:
  --parts <folder>      folder whose subfolders are the rendered parts (required)
  --content-dir <dir>   the collected content the parts rendered (default: ${GENERATED_DIR})
  --search-part-pages <n>, --search-group-size <n>
                        as for \`backlot build\`
  --out <dir>           the site (default: dist)
  --no-budgets          report sizes but do not fail past budgets.json
  --move                move the parts' files instead of copying them (faster; the part
                        folders are used up, as in a CI job that downloaded them)
  --quiet               only warnings and errors
  -h, --help            show this help

Example:
  backlot build --part 1/2 --out parts/1 && backlot build --part 2/2 --out parts/2
  backlot assemble --parts parts --content-dir content --out dist
`;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export const command: Command = {
  name: 'assemble',
  summary: 'Unite the parts of `build --part i/n` into one site with one search',
  help,
  async run(args) {
    const values = parseCommandOptions({ name: 'assemble', help }, args, {
      parts: { type: 'string' },
      'content-dir': { type: 'string' },
      'search-part-pages': { type: 'string' },
      'search-group-size': { type: 'string' },
      out: { type: 'string', default: 'dist' },
      'no-budgets': { type: 'boolean', default: false },
      move: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    });
    if (!values) return EXIT.usage;
    if (!values.parts) {
      process.stderr.write(`backlot assemble: --parts <folder> is required\n\n${help}`);
      return EXIT.usage;
    }
    const partPages = wholeNumberOption('assemble', 'search-part-pages', values['search-part-pages'], 'of pages, e.g. 12000');
    const groupSize = wholeNumberOption('assemble', 'search-group-size', values['search-group-size'], 'of entities, e.g. 10');
    if (partPages === false || groupSize === false) return EXIT.usage;
    const logger = createLogger({ quiet: values.quiet });
    const root = process.cwd();
    const contentDir = path.resolve(root, values['content-dir'] ?? GENERATED_DIR);
    if (!existsSync(path.join(contentDir, 'catalog'))) {
      process.stderr.write(`backlot assemble: ${values['content-dir'] ?? GENERATED_DIR}/catalog does not exist; give --content-dir the collected content the parts were rendered from\n`);
      return EXIT.usage;
    }
    const outDir = path.resolve(root, values.out);
    const stagingDir = `${outDir}.building`;
    const failedDir = `${outDir}.failed`;
    const fail = async (why: string) => {
      logger.error(`${why}; ${await keepFailed(outDir, stagingDir, failedDir, (dir) => path.relative(root, dir) || dir)}`);
      return EXIT.failed;
    };
    let parts;
    try {
      parts = await readRenderParts(path.resolve(root, values.parts));
    } catch (error) {
      logger.error(`assemble: ${(error as Error).message}`);
      return EXIT.failed;
    }
    await rm(stagingDir, { recursive: true, force: true });
    const united = await logger.time('assemble', () => assembleParts(parts, stagingDir, { move: values.move }), (r) => `${parts.length} parts, ${r.files} files`);
    if (united.conflicts.length > 0) {
      for (const c of united.conflicts.slice(0, 20)) logger.error(`assemble: ${c.file} differs between ${c.shards.map((s) => path.basename(s)).join(' and ')}`);
      return fail(`${united.conflicts.length} file(s) rendered differently by different parts: the parts did not render the same content (render them from one collection)`);
    }
    const base = parts[0]!.marker.base;
    // Pagefind indexes in its own process while the budgets are measured (at 100,000 entities:
    // 81 s and 93 s, one after the other before).
    const searchDone = logger.time('search index', async () => (await startCatalogIndexFromContent(stagingDir, contentDir, { groupSize, partPages })).finish(), describeSearchIndex);
    searchDone.catch(() => undefined); // awaited below, after the budgets
    const report = await logger.time('budgets', () => checkBudgets(stagingDir, readBudgets(root), base), (r) => `${r.pages.length} pages measured`);
    const search = await searchDone;
    for (const error of search.errors) logger.warn(`pagefind: ${error}`);
    const { html, js, css } = report.largest;
    logger.info(`budgets: largest HTML ${kB(html?.html ?? 0)} gzip (${html?.page ?? '-'}), JS ${kB(js?.js ?? 0)} (${js?.page ?? '-'}), CSS ${kB(css?.css ?? 0)} (${css?.page ?? '-'})`);
    for (const v of report.violations.slice(0, 20)) logger.error(`budget: ${v.page} ${v.measure} is ${kB(v.bytes)} gzip, over its ${kB(v.limit)} budget`);
    if (report.violations.length > 0 && !values['no-budgets']) return fail(`${report.violations.length} budget(s) exceeded (budgets.json)`);
    await swapIn(outDir, stagingDir, failedDir);
    logger.info(`assembled ${htmlFiles(outDir).length} pages from ${parts.length} parts into ${values.out}`);
    return EXIT.ok;
  },
};
