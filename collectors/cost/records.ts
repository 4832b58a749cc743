// What the cost collector hands the portal, in the standard envelope (lib/content/entity-data.ts):
// per entity with cost `cost/entities/<ns>/<kind>/<name>.json` → `{ cost }`, and for the
// organisation `cost/organisation/summary.json` → totals, teams, movers, the unallocated rest, and
// how many rows were read, allocated and skipped, with the reasons.
import type { CostBreakdown, Mover } from './ledger.ts';

/** `data` of an entity's envelope. */
export interface EntityCost {
  cost: CostBreakdown;
}

export interface ReasonCount {
  reason: string;
  count: number;
  /** Up to five examples: `file:line` positions (skipped rows), `key=value` tags (unallocated rows). */
  examples: string[];
}

export interface ExportFileReport {
  /** Relative to the project root when inside it. */
  file: string;
  format?: string;
  rowsRead: number;
  error?: string;
}

/** `data` of the organisation envelope `summary`. */
export interface CostSummary {
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
  /** Each entity with cost: its total by currency and month (services in its own envelope). */
  entities: { ref: string; cost: CostBreakdown }[];
  /** Each owner group: its own cost plus what its entities cost. */
  teams: { ref: string; entities: string[]; cost: CostBreakdown }[];
  movers: Mover[];
  /** Problems in entities' cost annotations. */
  problems: { ref: string; message: string }[];
}
