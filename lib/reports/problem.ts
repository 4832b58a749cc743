// One shape for what went wrong in a report file, so every parser (JUnit, lcov, SARIF, Trivy,
// kubectl …) names the file and the position the same way and the collector can list them.

/** A report that could not be read, or a part of it that was skipped. */
export interface ReportProblem {
  /** The file as the user knows it (relative to the exports folder or the repository). */
  file: string;
  /** 1-based; 0 when the whole file is meant (too large, empty). */
  line: number;
  column: number;
  message: string;
  /** What to do about it. */
  hint?: string;
}

/** What a parser hands back: what it could read, and what it skipped with where and why. */
export interface ParseResult<T> {
  /** Absent when nothing usable was read (the file is skipped). */
  value?: T;
  problems: ReportProblem[];
}

export const formatProblem = (p: ReportProblem): string =>
  `${p.file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`;

/** Thrown inside a parser to stop reading a file; caught at the parser's edge and turned into a problem. */
export class ReportError extends Error {
  override name = 'ReportError';
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
  constructor(message: string, line = 0, column = 0, hint?: string) {
    super(message);
    this.line = line;
    this.column = column;
    if (hint) this.hint = hint;
  }
}
