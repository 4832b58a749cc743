// What the cost collector hands the portal (src/content/generated/cost/): one record per entity
// that has cost, and one summary for the organisation (totals, teams, movers, unallocated, and
// how many rows were read, allocated and skipped, with the reasons).
import type { StaleMark } from '../../lib/content/records.ts';
import type { CostBreakdown, Mover } from './ledger.ts';

/** `entities/<namespace>/<kind>/<name>.json`. */
export interface EntityCostRecord {
  ref: string;
  collectedAt: string;
  source: 'cost';
  cost: CostBreakdown;
  stale?: StaleMark;
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** Up to five examples: `file:row N` positions (skipped rows), `key=value` tags (unallocated rows). */
  examples: string[];
}

export interface ExportFileReport {
  /** Relative to the project root. */
  file: string;
  format?: string;
  rowsRead: number;
  error?: string;
}

/** `summary.json`. */
export interface CostSummary {
  collectedAt: string;
  source: 'cost';
  files: ExportFileReport[];
  rows: {
    read: number;
    allocated: number;
    unallocated: number;
    skipped: number;
    skippedBy: ReasonCount[];
    unallocatedBy: ReasonCount[];
  };
  /** Everything read, allocated or not. */
  total: CostBreakdown;
  unallocated: CostBreakdown;
  /** Each entity with cost: its total by currency and month (services in its own record). */
  entities: { ref: string; cost: CostBreakdown }[];
  /** Each owner group: its own cost plus what its entities cost. */
  teams: { ref: string; entities: string[]; cost: CostBreakdown }[];
  movers: Mover[];
  /** Problems in entities' cost annotations. */
  problems: { ref: string; message: string }[];
  stale?: StaleMark;
}
