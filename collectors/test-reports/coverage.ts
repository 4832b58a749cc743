// The one shape coverage takes on a page, whichever tool measured it (lcov from Node or Istanbul,
// Cobertura from c8, coverage.py, JaCoCo's converters …).

export interface CoverageSummary {
  /** Which format it was read from. */
  format: 'lcov' | 'cobertura';
  lines: { covered: number; total: number };
  /** Absent when the tool did not measure branches. */
  branches?: { covered: number; total: number };
  /** Covered lines in percent, one decimal. */
  percent: number;
  /** Files measured. */
  files: number;
}

export const percentOf = (covered: number, total: number) => (total === 0 ? 100 : Math.round((covered / total) * 1000) / 10);
