#!/usr/bin/env node
// `backlot <command>`: the one entry point for people, CI and the npm scripts.
import type { Command } from './command.ts';
import { EXIT } from './command.ts';
import { toLogLine } from '../lib/log/single-line.ts';

// `backlot lint | head`: once the reader has gone, stop quietly with the exit code so far
// instead of crashing on EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// Loaded lazily so `backlot lint` does not pay for Astro, nor `backlot build` for octokit.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  collect: { summary: 'Collect the catalog (and other data) into src/content/generated/', load: async () => (await import('./commands/collect.ts')).command },
  merge: { summary: "Merge the shards' content of `collect --shard i/n` into one catalog", load: async () => (await import('./commands/merge.ts')).command },
  build: { summary: 'Render the collected content into a static dist/ and index it with Pagefind', load: async () => (await import('./commands/build.ts')).command },
  assemble: { summary: 'Unite the parts of `build --part i/n` into one site with one search', load: async () => (await import('./commands/assemble.ts')).command },
  preview: { summary: 'Serve dist/ on 127.0.0.1', load: async () => (await import('./commands/preview.ts')).command },
  summary: { summary: 'Write the run summary (entities, changes, problems, stale data, times) for the job summary', load: async () => (await import('./commands/summary.ts')).command },
  scaffold: { summary: 'Run a template: validate values, render the skeleton, publish (or --dry-run)', load: async () => (await import('./commands/scaffold.ts')).command },
  workflows: { summary: 'Generate the scaffold-<name>.yml workflow of every template (--check compares)', load: async () => (await import('./commands/workflows.ts')).command },
  docs: { summary: "Preview one repository's docs as the portal renders them (docs preview <repo-folder>)", load: async () => (await import('./commands/docs.ts')).command },
  lint: { summary: 'Validate catalog-info.yaml files (for service repositories and CI)', load: async () => (await import('./commands/lint.ts')).command },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    'Backlot — an internal developer portal built as a static site.',
    '',
    'Usage: backlot <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `backlot <command> --help` for a command\'s options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`${toLogLine(`backlot: unknown command "${name}"`)}\n\n${mainHelp()}\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n');
    return EXIT.ok;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const e = error as Error;
    // Messages quote input (config keys, file names): each line printed inert (lib/log/single-line.ts).
    const text = e.name === 'ConfigError' ? e.message : (e.stack ?? String(e));
    process.stderr.write(text.split('\n').map(toLogLine).join('\n') + '\n');
    process.exitCode = e.name === 'ConfigError' ? EXIT.usage : EXIT.failed;
  },
);
