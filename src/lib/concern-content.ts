// Cost and metrics as the pages read them: the files the cost and metrics collectors wrote into
// the content folder, read once per build (summary) or once per entity page (records).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { CostSummary, EntityCostRecord } from '../../collectors/cost/records.ts';
import type { EntityMetricsRecord } from '../../collectors/metrics/records.ts';
import { recordPathOf } from '../../collectors/shared/record-path.ts';
import { contentDir } from './portal-config.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return parseJsonInput(readFileSync(file, 'utf8'), file, MAX_STORED_DEPTH) as T;
  } catch (error) {
    throw new Error(`${(error as Error).message}; run \`backlot collect\` again`, { cause: error });
  }
}

let summaryCache: { dir: string; summary: CostSummary | undefined } | undefined;

/** `cost/summary.json`, or undefined when the cost collector has not run. */
export function costSummary(): CostSummary | undefined {
  const dir = contentDir();
  if (!summaryCache || summaryCache.dir !== dir) summaryCache = { dir, summary: readJson<CostSummary>(path.join(dir, 'cost', 'summary.json')) };
  return summaryCache.summary;
}

export function entityCost(ref: string): EntityCostRecord | undefined {
  return readJson<EntityCostRecord>(path.join(contentDir(), 'cost', recordPathOf(ref)));
}

export function entityMetrics(ref: string): EntityMetricsRecord | undefined {
  return readJson<EntityMetricsRecord>(path.join(contentDir(), 'metrics', recordPathOf(ref)));
}

/** Every ref with a cost or metrics record (for the JSON twins' static paths). */
export function refsWithCost(): string[] {
  return costSummary()?.entities.map((e) => e.ref) ?? [];
}

/** Every ref with a metrics record, read from the records themselves. */
export function refsWithMetrics(): string[] {
  const dir = path.join(contentDir(), 'metrics', 'entities');
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readJson<EntityMetricsRecord>(path.join(dir, file))?.ref)
    .filter((ref): ref is string => typeof ref === 'string');
}

/** Route params of an entity's JSON twin: `component:default/web` → `{ namespace, kind, name }`. */
export function refParams(ref: string): { namespace: string; kind: string; name: string } {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/', colon + 1);
  return { kind: ref.slice(0, colon), namespace: ref.slice(colon + 1, slash), name: ref.slice(slash + 1) };
}
