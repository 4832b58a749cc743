// What the test-reports collector writes per entity, and what the tests section reads.
import type { CoverageSummary } from './coverage.ts';
import type { TestRunSummary } from './junit.ts';

export interface CoveragePoint {
  /** When the coverage was measured (summary time, or the report file's time). */
  at: string;
  percent: number;
  commit?: string;
}

export interface TestReportsData {
  tests?: TestRunSummary;
  coverage?: CoverageSummary;
  /** Oldest first, at most `signals.coverageTrendLength` points. */
  coverageTrend: CoveragePoint[];
  commit?: string;
  /** The CI run that published the summary. */
  runUrl?: string;
  /** Report files read (exports) or the artifact read (GitHub). */
  reports: string[];
}
