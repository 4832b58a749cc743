import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

// The shape of a `backlot` subcommand: its help is part of it, so `--help` can never drift.
export interface Command {
  name: string;
  /** One line for `backlot --help`. */
  summary: string;
  /** Full text for `backlot <name> --help`: usage line, options, examples. */
  help: string;
  /** Runs with the arguments after the subcommand name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Exit codes every subcommand shares, so workflows can branch on them. */
export const EXIT = {
  ok: 0,
  /** Errors found (lint), or the command failed. */
  failed: 1,
  /** Wrong usage or invalid configuration. */
  usage: 2,
  /** Collect finished, but some items kept stale data (see the report). */
  partial: 3,
  /** Collect read nothing: the configuration or the credentials are wrong (the fix is on stderr); content kept as it was. */
  config: 4,
  /** Collect read nothing: a source's host could not be reached; content kept as it was. */
  unreachable: 5,
} as const;

/**
 * Parses a subcommand's options strictly. A mistake (unknown flag, missing value) is printed with
 * the command's help and gives `undefined`, which the command turns into exit code 2.
 */
export function parseCommandOptions<const O extends ParseArgsOptionsConfig>(
  command: { name: string; help: string },
  args: string[],
  options: O,
): ParsedOptions<O> | undefined {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as ParsedOptions<O>;
  } catch (error) {
    process.stderr.write(`backlot ${command.name}: ${(error as Error).message}\n\n${command.help}`);
    return undefined;
  }
}

/**
 * A positive whole-number option: undefined when it was not given; false, after saying why on
 * stderr, when it is not a whole number above 0. `what` ends the message, e.g. `of pages, e.g. 12000`.
 */
export function wholeNumberOption(command: string, option: string, raw: string | undefined, what: string): number | undefined | false {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`backlot ${command}: --${option} takes a whole number ${what}\n`);
  return false;
}

type ParsedOptions<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];
