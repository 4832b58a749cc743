// The `metrics:` block of backlot.config.yaml: which Prometheus to ask, which queries to run for
// each entity (templates with the entity's name), the time window, and where snapshots are.

export interface MetricQueryTemplate {
  /** Names the chart and the annotation that overrides it (`backlot.dev/prometheus-<id>`). */
  id: string;
  title: string;
  /** How values read: `req/s`, `ratio` (shown as %), `s`, `bytes`, `percent` or any short label. */
  unit: string;
  /** PromQL; `{{name}}`, `{{namespace}}` and `{{kind}}` are replaced, escaped for a PromQL string. */
  query: string;
}

export interface MetricsConfig {
  /** Prometheus-compatible API root; without it only snapshots are read. */
  url?: string;
  /** Environment variable holding a bearer token for `url`, if it needs one. */
  tokenEnv?: string;
  timeoutMs: number;
  /** Queries in flight at once. */
  concurrency: number;
  /** Hours of history per chart, ending at the run's time. */
  hours: number;
  /** Seconds between points. */
  stepSeconds: number;
  /** Kinds that get the query templates. */
  kinds: string[];
  queries: MetricQueryTemplate[];
  /** Folders of snapshot files: `<folder>/<namespace>/<kind>/<name>/<query id>.json`. */
  snapshots: string[];
}

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

export const METRICS_DEFAULTS: MetricsConfig = {
  timeoutMs: 30_000,
  concurrency: 8,
  hours: 24,
  stepSeconds: 300,
  kinds: ['component'],
  queries: DEFAULT_METRIC_QUERIES,
  snapshots: ['examples/exports/metrics'],
};

export const metricsConfigJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: { type: 'string', pattern: '^https?://', description: 'an http(s) URL, e.g. http://prometheus:9090' },
    tokenEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'an environment variable name' },
    timeoutMs: { type: 'integer', minimum: 100 },
    concurrency: { type: 'integer', minimum: 1, maximum: 64 },
    hours: { type: 'number', exclusiveMinimum: 0, maximum: 2160, description: 'hours of history, e.g. 24' },
    stepSeconds: { type: 'integer', minimum: 1, description: 'seconds between points, e.g. 300' },
    kinds: { type: 'array', items: { type: 'string', minLength: 1 } },
    queries: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'unit', 'query'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'lower-case letters, digits and dashes' },
          title: { type: 'string', minLength: 1 },
          unit: { type: 'string', maxLength: 16 },
          query: { type: 'string', minLength: 1, description: 'PromQL with {{name}} for the entity name' },
        },
      },
    },
    snapshots: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
} as const;

export function metricsConfigWithDefaults(raw: Partial<MetricsConfig> | undefined): MetricsConfig {
  const config = { ...METRICS_DEFAULTS, ...raw };
  return { ...config, kinds: config.kinds.map((k) => k.toLowerCase()) };
}
