// The compact summary a service's CI publishes as the `backlot-signals` artifact
// (.github/actions/publish-signals): its test totals and coverage, already reduced, so the
// collector needs one listing request per repository and a download only when a newer summary
// exists, instead of one request per run or per report file.
import { unzipSync } from 'fflate';
import type { CoverageSummary } from './coverage.ts';
import type { TestRunSummary } from './junit.ts';
import type { ReportProblem } from '../../lib/reports/problem.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';

export const SUMMARY_ARTIFACT_NAME = 'backlot-signals';
export const SUMMARY_FILE = 'backlot-signals.json';
export const SUMMARY_SCHEMA = 'backlot-signals/1';
/** An artifact larger than this is not downloaded: a summary is a few kilobytes. */
export const MAX_SUMMARY_ARTIFACT_BYTES = 1024 * 1024;

export interface SignalsSummary {
  schema: typeof SUMMARY_SCHEMA;
  /** When the CI step wrote it. */
  createdAt: string;
  /** The commit the reports are of (GITHUB_SHA). */
  commit?: string;
  /** The run that produced it (GITHUB_SERVER_URL/REPOSITORY/actions/runs/RUN_ID). */
  runUrl?: string;
  tests?: TestRunSummary;
  coverage?: CoverageSummary;
  /** Reports the step could not read, so the portal can say why something is missing. */
  problems: ReportProblem[];
}

/** Validates a summary read from an artifact; a string saying what is wrong otherwise. */
export function checkSummary(value: unknown): SignalsSummary | string {
  if (!value || typeof value !== 'object') return 'is not a JSON object';
  const v = value as Partial<SignalsSummary>;
  if (v.schema !== SUMMARY_SCHEMA) return `has schema ${JSON.stringify(v.schema)}, expected "${SUMMARY_SCHEMA}"; update the publish-signals step to this Backlot's version`;
  if (typeof v.createdAt !== 'string' || Number.isNaN(Date.parse(v.createdAt))) return 'has no valid createdAt';
  if (v.tests !== undefined && (typeof v.tests !== 'object' || typeof v.tests.tests !== 'number')) return 'has a tests block without a tests count';
  if (v.coverage !== undefined && (typeof v.coverage !== 'object' || typeof v.coverage.percent !== 'number')) return 'has a coverage block without a percent';
  return { ...v, problems: Array.isArray(v.problems) ? v.problems : [] } as SignalsSummary;
}

/** The summary inside an artifact's zip; a string saying what is wrong otherwise. */
export function readSummaryZip(zip: Uint8Array): SignalsSummary | string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, { filter: (file) => file.name === SUMMARY_FILE && file.originalSize <= MAX_SUMMARY_ARTIFACT_BYTES });
  } catch (error) {
    return `is not a readable zip (${(error as Error).message})`;
  }
  const bytes = files[SUMMARY_FILE];
  if (!bytes) return `has no ${SUMMARY_FILE}`;
  try {
    return checkSummary(parseJsonInput(new TextDecoder().decode(bytes), SUMMARY_FILE));
  } catch (error) {
    return `${SUMMARY_FILE} is not valid JSON (${(error as Error).message})`;
  }
}
