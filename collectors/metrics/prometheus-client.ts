// A small client for Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`), the API that
// Thanos, Mimir, VictoriaMetrics and Grafana Cloud also answer. Errors come back as values with
// Prometheus's own message, so a failed query can be reported and its last good data kept.
import { parseJsonInput } from '../../lib/parse/json.ts';

/** Prometheus's JSON envelope (https://prometheus.io/docs/prometheus/latest/querying/api/). */
export interface PrometheusResponse {
  status: 'success' | 'error';
  data?: { resultType: 'matrix' | 'vector' | 'scalar' | 'string'; result: unknown };
  errorType?: string;
  error?: string;
  warnings?: string[];
}

export interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export class PrometheusError extends Error {
  override name = 'PrometheusError';
}

export interface PrometheusClientOptions {
  /** API root, e.g. `http://prometheus:9090` (a path prefix such as `/prometheus` is kept). */
  url: string;
  timeoutMs?: number;
  /** Extra request headers (an Authorization header from an environment variable). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export class PrometheusClient {
  readonly #base: string;
  readonly #shown: string;
  readonly #timeoutMs: number;
  readonly #headers: Record<string, string>;
  readonly #fetch: typeof fetch;
  /** Requests sent, for the collector's report. */
  requests = 0;

  constructor(options: PrometheusClientOptions) {
    // Credentials written into the URL (`https://user:pass@prometheus`) become a Basic header, so
    // no request URL and no message (which reach pages as stale marks) ever carries them.
    const url = new URL(options.url);
    const basic = url.username || url.password ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
    url.username = '';
    url.password = '';
    this.#base = url.href.replace(/\/+$/, '');
    this.#shown = this.#base;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#headers = { ...(basic ? { authorization: basic } : {}), ...options.headers };
    this.#fetch = options.fetch ?? fetch;
  }

  /** Range query: one matrix of series between `start` and `end` (Unix seconds) every `step` seconds. */
  async queryRange(query: string, start: number, end: number, step: number): Promise<MatrixSeries[]> {
    const data = await this.#get('/api/v1/query_range', { query, start: String(start), end: String(end), step: String(step) });
    if (data.resultType !== 'matrix') throw new PrometheusError(`expected a matrix from query_range, got ${data.resultType}`);
    return data.result as MatrixSeries[];
  }

  /** Instant query at `time` (Unix seconds; now when omitted). Scalars come back as one unlabelled sample. */
  async query(query: string, time?: number): Promise<VectorSample[]> {
    const data = await this.#get('/api/v1/query', { query, ...(time === undefined ? {} : { time: String(time) }) });
    if (data.resultType === 'vector') return data.result as VectorSample[];
    if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
    throw new PrometheusError(`expected a vector or scalar from query, got ${data.resultType}`);
  }

  async #get(endpoint: string, params: Record<string, string>): Promise<NonNullable<PrometheusResponse['data']>> {
    const url = `${this.#base}${endpoint}?${new URLSearchParams(params)}`;
    this.requests++;
    let response: Response;
    try {
      response = await this.#fetch(url, { headers: { accept: 'application/json', ...this.#headers }, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      throw new PrometheusError(`cannot reach ${this.#shown} (${cause?.message ?? (error as Error).message})`, { cause: error });
    }
    const text = await response.text();
    let body: PrometheusResponse | undefined;
    try {
      body = parseJsonInput(text, `${this.#shown}${endpoint}`) as PrometheusResponse;
    } catch {
      // Not JSON, or holding a key lib/parse refuses (__proto__, constructor, prototype): not an answer.
      body = undefined;
    }
    if (!response.ok || body?.status !== 'success' || !body.data) {
      const detail = body?.error ? `${body.errorType ?? 'error'}: ${body.error}` : `${text.slice(0, 200) || 'empty body'}`;
      throw new PrometheusError(`${this.#shown}${endpoint} answered ${response.status}: ${detail}`);
    }
    return body.data;
  }
}

/** Parses a saved response (a snapshot file) in Prometheus's format; throws with what is wrong. */
export function parseMatrixResponse(text: string): MatrixSeries[] {
  let body: PrometheusResponse;
  try {
    body = parseJsonInput(text, 'snapshot') as PrometheusResponse;
  } catch (error) {
    throw new PrometheusError(`is not JSON that Backlot reads (${(error as Error).message})`);
  }
  if (body?.status !== 'success') throw new PrometheusError(`has status ${JSON.stringify(body?.status)}${body?.error ? `: ${body.error}` : ''}; save a successful query_range response`);
  if (body.data?.resultType !== 'matrix' || !Array.isArray(body.data.result)) {
    throw new PrometheusError('is not a query_range response (data.resultType must be "matrix"); save the output of /api/v1/query_range');
  }
  for (const series of body.data.result as MatrixSeries[]) {
    if (typeof series?.metric !== 'object' || !Array.isArray(series.values) || !series.values.every((v) => Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string')) {
      throw new PrometheusError('has a series that is not { metric: {…}, values: [[<unix time>, "<value>"], …] }');
    }
  }
  return body.data.result as MatrixSeries[];
}
