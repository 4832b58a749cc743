// A fixed, known history in OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`:
// request counters, latency buckets and memory per service, with an optional hole to test gaps.

export interface ServiceHistory {
  service: string;
  /** Requests per second answered 2xx, and 5xx. */
  okPerSecond: number;
  errorsPerSecond: number;
  /** Share of requests under 0.1 s and under 0.5 s (the rest are slower). */
  under100ms: number;
  under500ms: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  /** Seconds-ago range with no samples at all: [from, to). */
  hole?: [number, number];
  /** Traffic rises and falls over the day by this fraction (0.3 → ±30 %); 0 keeps it flat. */
  dailySwing?: number;
}

const DAY = 86_400;

/** Requests counted by `time` at `perSecond` on average, swinging over the day: the integral of the rate. */
function counted(perSecond: number, swing: number, time: number, start: number): number {
  const wave = (t: number) => t - ((swing * DAY) / (2 * Math.PI)) * Math.cos((2 * Math.PI * t) / DAY);
  return perSecond * (wave(time) - wave(start));
}

/** Samples every `interval` seconds over the `hours` before `now` (Unix seconds). */
export function openMetricsHistory(services: ServiceHistory[], now: number, hours: number, interval = 60): string {
  const start = now - hours * 3600;
  const times: number[] = [];
  for (let t = start; t <= now - interval; t += interval) times.push(t);
  const out: string[] = [];
  const family = (name: string, lines: (s: ServiceHistory) => [string, (t: number) => number][]) => {
    out.push(`# TYPE ${name} unknown`);
    for (const s of services) {
      for (const [labels, value] of lines(s)) {
        for (const t of times) {
          const ago = now - t;
          if (s.hole && ago <= s.hole[0] && ago > s.hole[1]) continue;
          out.push(`${name}{${labels}} ${value(t)} ${t}`);
        }
      }
    }
  };
  const count = (s: ServiceHistory, perSecond: number) => (t: number) => counted(perSecond, s.dailySwing ?? 0, t, start);
  family('http_requests_total', (s) => [
    [`service="${s.service}",code="200"`, count(s, s.okPerSecond)],
    [`service="${s.service}",code="500"`, count(s, s.errorsPerSecond)],
  ]);
  family('http_request_duration_seconds_bucket', (s) => {
    const rate = s.okPerSecond + s.errorsPerSecond;
    return [
      [`service="${s.service}",le="0.1"`, count(s, rate * s.under100ms)],
      [`service="${s.service}",le="0.5"`, count(s, rate * s.under500ms)],
      [`service="${s.service}",le="+Inf"`, count(s, rate)],
    ];
  });
  family('container_memory_working_set_bytes', (s) => [[`container="${s.service}"`, () => s.memoryBytes]]);
  family('container_spec_memory_limit_bytes', (s) => [[`container="${s.service}"`, () => s.memoryLimitBytes]]);
  out.push('# EOF');
  return out.join('\n') + '\n';
}
