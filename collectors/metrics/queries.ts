// Which PromQL runs for an entity: the config's templates with the entity's name put in (as a
// PromQL string, escaped, so a name is never syntax), overridden or extended by annotations.
import type { MetricQueryTemplate, MetricsConfig } from './config.ts';

/** `backlot.dev/prometheus-<id>: <promql>` replaces (or adds) the query with that id. */
export const QUERY_ANNOTATION_PREFIX = 'backlot.dev/prometheus-';
/** The name put into templates instead of `metadata.name` (when the service is labelled otherwise). */
export const SERVICE_NAME_ANNOTATION = 'backlot.dev/prometheus-service';
/** Backstage's Prometheus plugin: `query|groupByLabel, query|label`; each becomes a chart. */
export const BACKSTAGE_RULE_ANNOTATION = 'prometheus.io/rule';

export interface EntityQuery extends MetricQueryTemplate {
  /** Where the query came from: `template`, or the annotation that set it. */
  from: string;
}

/** Escapes a value for inside a double-quoted PromQL string. */
export function promqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function fillTemplate(query: string, vars: { name: string; namespace: string; kind: string }): string {
  return query.replace(/\{\{\s*(name|namespace|kind)\s*\}\}/g, (_, key: 'name' | 'namespace' | 'kind') => promqlString(vars[key]));
}

export function queriesForEntity(
  entity: { kind: string; namespace: string; name: string; annotations: Record<string, string> },
  config: Pick<MetricsConfig, 'kinds' | 'queries' | 'url'>,
): EntityQuery[] {
  const vars = { name: entity.annotations[SERVICE_NAME_ANNOTATION]?.trim() || entity.name, namespace: entity.namespace, kind: entity.kind };
  const queries = new Map<string, EntityQuery>();
  const templated = config.kinds.includes(entity.kind.toLowerCase()) || entity.annotations[SERVICE_NAME_ANNOTATION] !== undefined;
  if (config.url && templated) {
    for (const template of config.queries) queries.set(template.id, { ...template, query: fillTemplate(template.query, vars), from: 'template' });
  }
  for (const [key, value] of Object.entries(entity.annotations)) {
    if (!key.startsWith(QUERY_ANNOTATION_PREFIX) || key === SERVICE_NAME_ANNOTATION) continue;
    const id = key.slice(QUERY_ANNOTATION_PREFIX.length);
    if (!/^[a-z0-9-]+$/.test(id) || !value.trim()) continue;
    const template = config.queries.find((q) => q.id === id);
    queries.set(id, { id, title: template?.title ?? id, unit: template?.unit ?? '', query: value.trim(), from: key });
  }
  const rule = entity.annotations[BACKSTAGE_RULE_ANNOTATION];
  if (rule) {
    rule.split(',').map((s) => s.trim()).filter(Boolean).forEach((item, i) => {
      const [query] = item.split('|');
      if (query?.trim()) queries.set(`rule-${i + 1}`, { id: `rule-${i + 1}`, title: query.trim(), unit: '', query: query.trim(), from: BACKSTAGE_RULE_ANNOTATION });
    });
  }
  return [...queries.values()];
}
