// What the security collector writes per entity, and what the security section reads.
import type { Finding, SeverityCounts } from './finding.ts';

export interface SecuritySource {
  /** `Dependabot`, `Code scanning`, `Secret scanning`, or an exported report's file. */
  name: string;
  available: boolean;
  /** Why it is not available (403/404, a report skipped). */
  reason?: string;
  counts?: SeverityCounts;
  /** Secret scanning: open alerts (a count only). */
  open?: number;
}

export interface SecurityData {
  /** Open findings by severity, every source together. */
  counts: SeverityCounts;
  /** The worst open findings, most severe and oldest first, at most WORST_LISTED. */
  worst: Finding[];
  /** When the oldest open critical finding was first reported, when a source dates them. */
  oldestCriticalAt?: string;
  /** Open secret-scanning alerts (counts only; absent when not read). */
  secretAlerts?: number;
  sources: SecuritySource[];
}

export const WORST_LISTED = 10;
