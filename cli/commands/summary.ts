// `backlot summary`: the Markdown job summary of a portal run (entities, what changed, problems,
// stale sources, stage times, files a deploy changes). In Actions it is appended to
// $GITHUB_STEP_SUMMARY; elsewhere it is printed.
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_DIR } from '../../lib/content/records.ts';
import { summariseRun } from '../../lib/publish/run-summary.ts';
import type { Command } from '../command.ts';
import { EXIT, parseCommandOptions } from '../command.ts';

const help = `Usage: backlot summary [options]

Summarises the last collect (and build): entities by kind, new and removed since the previous
run, problems, sources that kept stale data, collector counters (requests, rate limit), stage
times and, with --site, how many published files changed. The previous run's state is kept in
<cache-dir>/summary/. Writes Markdown to $GITHUB_STEP_SUMMARY when set, else to stdout.

Options:
  --content-dir <dir>     collected content (default: ${GENERATED_DIR})
  --cache-dir <dir>       collector cache, restored between runs (default: .cache)
  --site <dir>            the built site, to count files added/changed/removed since the last run
  --build-seconds <n>     how long the build took, for the stage table
  --dry-run               do not remember this run as the next one's baseline
  -h, --help              show this help
`;

export const command: Command = {
  name: 'summary',
  summary: 'Write the run summary (entities, changes, problems, stale data, times) for the job summary',
  help,
  async run(args) {
    const values = parseCommandOptions({ name: 'summary', help }, args, {
      'content-dir': { type: 'string', default: GENERATED_DIR },
      'cache-dir': { type: 'string', default: '.cache' },
      site: { type: 'string' },
      'build-seconds': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    });
    if (!values) return EXIT.usage;
    const buildSeconds = values['build-seconds'] === undefined ? undefined : Number(values['build-seconds']);
    if (buildSeconds !== undefined && !Number.isFinite(buildSeconds)) {
      process.stderr.write(`backlot summary: --build-seconds takes a number of seconds, e.g. 42\n`);
      return EXIT.usage;
    }
    const root = process.cwd();
    const summary = await summariseRun({
      contentDir: path.resolve(root, values['content-dir']),
      cacheDir: path.resolve(root, values['cache-dir']),
      siteDir: values.site ? path.resolve(root, values.site) : undefined,
      buildSeconds,
      remember: !values['dry-run'],
    });
    const target = process.env.GITHUB_STEP_SUMMARY;
    if (target) await appendFile(target, summary.markdown + '\n');
    else process.stdout.write(summary.markdown + '\n');
    return EXIT.ok;
  },
};
