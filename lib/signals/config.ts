// Settings of the service-signal collectors, with their defaults. Read through `signalsSettings`
// so a config without the block works.
import type { BacklotConfig } from '../config/schema.ts';
import { DEFAULT_MAX_REPORT_BYTES } from '../reports/size-limit.ts';
import { DEFAULT_EXPORTS_DIR } from './exports-folder.ts';

export interface SignalsSettings {
  /** The exports folder, relative to the project root. */
  exportsDir: string;
  /** A report file larger than this is reported and skipped, never read. */
  maxReportBytes: number;
  /** A production deployment older than this many days counts as stale in the roll-ups. */
  staleDeploymentDays: number;
  /** Coverage figures kept for the trend. */
  coverageTrendLength: number;
}

export function signalsSettings(config: BacklotConfig): SignalsSettings {
  const loose = config as BacklotConfig & { exports?: { dir?: string }; signals?: Partial<SignalsSettings> };
  return {
    exportsDir: loose.exports?.dir ?? DEFAULT_EXPORTS_DIR,
    maxReportBytes: loose.signals?.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES,
    staleDeploymentDays: loose.signals?.staleDeploymentDays ?? 30,
    coverageTrendLength: loose.signals?.coverageTrendLength ?? 10,
  };
}
