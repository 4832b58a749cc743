// Runs one command module in this process and records what it cost, so bench/run.ts can time
// collect and build separately: `node bench/measure.ts <module.ts> [args…]`, where the module
// exports a `command` (cli/command.ts). The result goes to the file named by BENCH_RESULT_FILE as
// JSON, not to stdout, which the command itself may use.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from '../cli/command.ts';

export interface MeasureResult {
  exitCode: number;
  /** Time inside the command, without Node's start-up and module loading. */
  runMs: number;
  /** Peak resident set of this process (worker threads included), in bytes. */
  maxRssBytes: number;
  /** CPU time of this process, user + system, in milliseconds. */
  cpuMs: number;
  /** CPU time of the child processes it waited for (Astro's render, Pagefind), user + system; Linux only. */
  childrenCpuMs?: number;
  error?: string;
}

const [modulePath, ...args] = process.argv.slice(2);
if (!modulePath) {
  process.stderr.write('usage: node bench/measure.ts <module.ts> [args…]\n');
  process.exit(2);
}
const resultFile = process.env.BENCH_RESULT_FILE;

function finish(result: MeasureResult): never {
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
  else process.stderr.write(`measure: ${JSON.stringify(result)}\n`);
  // Exit explicitly: a command may leave handles open (watchers, worker pools) that would only add time.
  process.exit(result.exitCode);
}

/** cutime + cstime of /proc/self/stat (clock ticks, 100 per second on Linux); undefined elsewhere. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state): cutime is field 16, cstime 17.
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * 10;
  } catch {
    return undefined;
  }
}

function usage(exitCode: number, start: number, error?: unknown): MeasureResult {
  const r = process.resourceUsage();
  return {
    exitCode,
    runMs: Math.round(performance.now() - start),
    // resourceUsage().maxRSS is in kilobytes.
    maxRssBytes: r.maxRSS * 1024,
    cpuMs: Math.round((r.userCPUTime + r.systemCPUTime) / 1000),
    ...(childrenCpuMs() === undefined ? {} : { childrenCpuMs: childrenCpuMs() }),
    ...(error ? { error: (error as Error).stack ?? String(error) } : {}),
  };
}

const { command } = (await import(pathToFileURL(path.resolve(modulePath)).href)) as { command: Command };
const start = performance.now();
try {
  const code = await command.run(args);
  finish(usage(code, start));
} catch (error) {
  process.stderr.write(`measure: ${(error as Error).stack ?? error}\n`);
  finish(usage(1, start, error));
}
