// Builds the bare-Astro reference project with Astro's programmatic API, shaped as a Backlot
// `Command` so bench/measure.ts runs it exactly like `backlot build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'astro';
import type { Command } from '../../cli/command.ts';
import { EXIT } from '../../cli/command.ts';

const root = path.dirname(fileURLToPath(import.meta.url));

export const command: Command = {
  name: 'bare-astro-build',
  summary: 'Build N trivial Astro pages (the baseline)',
  help: 'Usage: node bench/measure.ts bench/bare-astro/build.ts --pages N --out <dir>\n',
  async run(args) {
    const { values } = parseArgs({ args, options: { pages: { type: 'string', default: '1000' }, out: { type: 'string' } } });
    process.env.BENCH_PAGES = values.pages;
    // Astro's and Vite's caches live beside the out dir, so runs never share or litter the checkout.
    const outDir = path.resolve(values.out ?? path.join(root, 'dist'));
    const cacheDir = path.join(outDir, '..', '.astro-cache');
    await build({ root, outDir, cacheDir, vite: { cacheDir: path.join(cacheDir, 'vite') }, devToolbar: { enabled: false }, logLevel: 'warn' });
    return EXIT.ok;
  },
};
