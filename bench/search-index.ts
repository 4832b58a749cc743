// `node bench/measure.ts bench/search-index.ts --content-dir C --out DIST`: writes DIST's search
// index from the whole collected catalog, as `backlot assemble` does after uniting the parts, so
// `npm run bench -- --search-only` can measure the index and the first search of a catalog too
// large to render in a bench run (100,000 entities) on a site that rendered only a share of it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../lib/log/logger.ts';
import { describeSearchIndex, startCatalogIndexFromContent } from '../src/build/pagefind-index.ts';
import type { Command } from '../cli/command.ts';
import { EXIT } from '../cli/command.ts';

const help = 'Usage: node bench/measure.ts bench/search-index.ts --content-dir <dir> --out <dist>\n';

export const command: Command = {
  name: 'search-index',
  summary: 'Index a built site for search from a collected catalog (bench only)',
  help,
  async run(args) {
    const { values } = parseArgs({ args, options: { 'content-dir': { type: 'string' }, out: { type: 'string' } } });
    if (!values['content-dir'] || !values.out) {
      process.stderr.write(help);
      return EXIT.usage;
    }
    const logger = createLogger({ quiet: false });
    const search = await logger.time('search index', async () => (await startCatalogIndexFromContent(path.resolve(values.out!), path.resolve(values['content-dir']!))).finish(), describeSearchIndex);
    for (const error of search.errors) logger.warn(`pagefind: ${error}`);
    return search.errors.length ? EXIT.failed : EXIT.ok;
  },
};
