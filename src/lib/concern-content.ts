// Cost and metrics as the pages read them, through the one hand-off (src/lib/entity-signals.ts):
// per-entity envelopes the collectors wrote, and the cost collector's organisation summary.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readEntityData, type DataEnvelope } from '../../lib/content/entity-data.ts';
import type { CostSummary, EntityCost } from '../../collectors/cost/records.ts';
import type { EntityMetrics } from '../../collectors/metrics/records.ts';
import { organisationData } from './entity-signals.ts';
import { contentDir } from './portal-config.ts';

/** The organisation's cost (`/cost/`, team totals), or undefined when the cost collector has not run. */
export function costSummary(): DataEnvelope<CostSummary> | undefined {
  return organisationData<CostSummary>('cost', 'summary');
}

export function entityCost(ref: string): DataEnvelope<EntityCost> | undefined {
  return readEntityData(contentDir(), 'cost', ref) as DataEnvelope<EntityCost> | undefined;
}

export function entityMetrics(ref: string): DataEnvelope<EntityMetrics> | undefined {
  return readEntityData(contentDir(), 'metrics', ref) as DataEnvelope<EntityMetrics> | undefined;
}

/** The team a group's page shows the total of, when it has cost. */
export function teamCost(ref: string): CostSummary['teams'][number] | undefined {
  return costSummary()?.data.teams.find((t) => t.ref === ref);
}

/** Every ref with cost (for the JSON twins' static paths). */
export function refsWithCost(): string[] {
  return costSummary()?.data.entities.map((e) => e.ref) ?? [];
}

/** Every ref with a metrics envelope, read from the envelopes themselves. */
export function refsWithMetrics(catalogRefs: string[]): string[] {
  const dir = path.join(contentDir(), 'metrics', 'entities');
  if (!existsSync(dir) || readdirSync(dir).length === 0) return [];
  return catalogRefs.filter((ref) => entityMetrics(ref) !== undefined);
}

/** Route params of an entity's JSON twin: `component:default/web` → `{ namespace, kind, name }`. */
export function refParams(ref: string): { namespace: string; kind: string; name: string } {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return { kind: ref.slice(0, colon), namespace: ref.slice(colon + 1, slash), name: ref.slice(slash + 1) };
}
