// The `metrics:` block of backlot.config.yaml: which Prometheus to ask, which queries to run for
// each entity (templates with the entity's name), the time window, and where snapshots are.
import { Type, type Static } from 'typebox';

const queryTemplate = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$', description: 'lower-case letters, digits and -; names the chart and the annotation backlot.dev/prometheus-<id>' }),
    title: Type.String({ minLength: 1, description: 'the chart title' }),
    unit: Type.String({ maxLength: 16, description: 'req/s, ratio (shown as %), s, bytes, percent or a short label' }),
    query: Type.String({ minLength: 1, description: 'PromQL; {{name}}, {{namespace}} and {{kind}} are replaced, escaped as PromQL strings' }),
  },
  { additionalProperties: false },
);

export type MetricQueryTemplate = Static<typeof queryTemplate>;

export const DEFAULT_METRIC_QUERIES: MetricQueryTemplate[] = [
  { id: 'request-rate', title: 'Request rate', unit: 'req/s', query: 'sum(rate(http_requests_total{service="{{name}}"}[5m]))' },
  {
    id: 'error-ratio',
    title: 'Error ratio',
    unit: 'ratio',
    query: 'sum(rate(http_requests_total{service="{{name}}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="{{name}}"}[5m]))',
  },
  {
    id: 'latency-p95',
    title: 'Latency p95',
    unit: 's',
    query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="{{name}}"}[5m])))',
  },
  {
    id: 'saturation',
    title: 'Saturation (memory)',
    unit: 'ratio',
    query: 'max(container_memory_working_set_bytes{container="{{name}}"} / container_spec_memory_limit_bytes{container="{{name}}"})',
  },
];

export const metricsConfigSchema = Type.Object(
  {
    url: Type.Optional(Type.String({ pattern: '^https?://', description: 'a Prometheus-compatible API root, http(s), e.g. http://prometheus:9090; without it only snapshots are read' })),
    tokenEnv: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'the name of an environment variable holding a bearer token for url' })),
    timeoutMs: Type.Integer({ minimum: 100, default: 30_000, description: 'milliseconds before a query counts as timed out (at least 100)' }),
    concurrency: Type.Integer({ minimum: 1, maximum: 64, default: 8, description: 'queries in flight at once, 1 to 64' }),
    hours: Type.Number({ exclusiveMinimum: 0, maximum: 2160, default: 24, description: 'hours of history per chart, ending at the run, e.g. 24' }),
    stepSeconds: Type.Integer({ minimum: 1, default: 300, description: 'seconds between points, e.g. 300' }),
    kinds: Type.Array(Type.String({ minLength: 1 }), { default: ['component'], description: 'kinds that get the query templates' }),
    queries: Type.Array(queryTemplate, { default: DEFAULT_METRIC_QUERIES, description: 'query templates, one chart each' }),
    snapshots: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'folders of saved query_range responses (<namespace>/<kind>/<name>/<query id>.json), relative to the project root; empty means <exports.dir>/metrics',
    }),
  },
  { additionalProperties: false, default: {} },
);

export type MetricsConfig = Static<typeof metricsConfigSchema>;
