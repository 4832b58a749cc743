// One logger for every command: a live progress line on a terminal, one plain line per stage in
// CI logs (where carriage returns would only make noise). Everything goes to stderr so stdout
// stays clean for `--format json`. Every line is made single-line and inert here (single-line.ts),
// so no message carrying input can start a GitHub Actions workflow command.
import { toLogLine } from './single-line.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Reports `done` of `total` for a named stage; throttled, and silent in CI except at the end. */
  progress(stage: string, done: number, total: number): void;
  /** Times a stage and logs `stage: summary (123 ms)` when it ends. */
  time<T>(stage: string, run: () => Promise<T>, summary?: (result: T) => string): Promise<T>;
}

export interface LoggerOptions {
  stream?: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  /** Hide info lines (for tests and `--quiet`). */
  quiet?: boolean;
  /** Strings that must never be printed (tokens); replaced by `***`. */
  secrets?: string[];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const live = Boolean((stream as { isTTY?: boolean }).isTTY) && !process.env.CI;
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  let lastProgress = 0;
  let progressShown = false;

  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const write = (line: string) => {
    if (progressShown) {
      stream.write('\r\x1b[2K');
      progressShown = false;
    }
    stream.write(toLogLine(redact(line)) + '\n');
  };

  return {
    info: (m) => (options.quiet ? undefined : write(m)),
    warn: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
    progress(stage, done, total) {
      const now = Date.now();
      if (live) {
        if (done < total && now - lastProgress < 100) return;
        lastProgress = now;
        stream.write(`\r\x1b[2K${toLogLine(stage)}: ${done}/${total}`);
        progressShown = done < total;
        if (done >= total) stream.write('\n');
      } else if (done >= total && !options.quiet) {
        write(`${stage}: ${done}/${total}`);
      }
    },
    async time(stage, run, summary) {
      const start = performance.now();
      const result = await run();
      const ms = Math.round(performance.now() - start);
      if (!options.quiet) write(`${stage}: ${summary ? summary(result) + ' ' : ''}(${ms} ms)`);
      return result;
    },
  };
}
