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
} as const;
