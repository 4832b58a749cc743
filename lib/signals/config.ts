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

/** The `signals:` block of backlot.config.yaml as a person writes it: every key optional. */
export type SignalsConfig = Partial<Omit<SignalsSettings, 'exportsDir'>>;

export const signalsConfigJsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'settings of the service-signal collectors (ci, test-reports, deployments, security)',
  properties: {
    maxReportBytes: { type: 'integer', minimum: 1024, description: 'the largest report file read, in bytes (default 33554432, 32 MB)' },
    staleDeploymentDays: { type: 'integer', minimum: 1, description: 'days after which a production deployment counts as stale (default 30)' },
    coverageTrendLength: { type: 'integer', minimum: 2, maximum: 100, description: 'coverage measurements kept for the trend (default 10)' },
  },
} as const;

export function signalsSettings(config: BacklotConfig): SignalsSettings {
  const loose = config as BacklotConfig & { exports?: { dir?: string }; signals?: SignalsConfig };
  return {
    exportsDir: loose.exports?.dir ?? DEFAULT_EXPORTS_DIR,
    maxReportBytes: loose.signals?.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES,
    staleDeploymentDays: loose.signals?.staleDeploymentDays ?? 30,
    coverageTrendLength: loose.signals?.coverageTrendLength ?? 10,
  };
}
