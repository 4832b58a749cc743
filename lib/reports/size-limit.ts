// Reports come from other systems and can be any size: look at the size before reading a byte, so a
// 200 MB file is reported and skipped instead of filling the collector's memory.
import { stat } from 'node:fs/promises';
import type { ReportProblem } from './problem.ts';

/** Default ceiling for one report file; `signals.maxReportBytes` in backlot.config.yaml changes it. */
export const DEFAULT_MAX_REPORT_BYTES = 32 * 1024 * 1024;

/** A problem when the file is over the limit (or empty), otherwise undefined. */
export async function checkReportSize(absolutePath: string, displayName: string, maxBytes: number): Promise<ReportProblem | undefined> {
  const { size } = await stat(absolutePath);
  if (size > maxBytes) {
    return {
      file: displayName,
      line: 0,
      column: 0,
      message: `is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for one report; skipped`,
      hint: 'publish a summary instead (see .github/actions/publish-signals), split the report, or raise signals.maxReportBytes',
    };
  }
  if (size === 0) return { file: displayName, line: 0, column: 0, message: 'is empty; skipped', hint: 'check the step that writes it' };
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}
