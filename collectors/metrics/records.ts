// What the metrics collector hands the portal, in the standard envelope (lib/content/entity-data.ts):
// `metrics/entities/<ns>/<kind>/<name>.json` → `{ charts, dashboards, problems }`, one per entity
// with charts or dashboard links.
import type { StaleMark } from '../../lib/content/records.ts';
import type { DashboardLink } from './dashboards.ts';
import type { CompactSeries } from './series.ts';

export interface MetricChart {
  id: string;
  title: string;
  unit: string;
  query: string;
  /** `prometheus` (queried this run or kept) or `snapshot` (a file in the exports folder). */
  origin: 'prometheus' | 'snapshot';
  /** When these series were read. */
  collectedAt: string;
  series: CompactSeries[];
  /** Set when the latest query failed and these are the last good series. */
  stale?: StaleMark;
  /** Set when the latest query failed and there was nothing to keep. */
  error?: string;
}

/** `data` of an entity's envelope. */
export interface EntityMetrics {
  charts: MetricChart[];
  dashboards: DashboardLink[];
  problems: string[];
}
