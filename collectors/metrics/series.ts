// Compact series: a Prometheus matrix stores a timestamp beside every value; a chart needs only
// a start, a step and the values, with null where Prometheus had no sample (a gap stays a gap).
import type { MatrixSeries } from './prometheus-client.ts';

export interface CompactSeries {
  /** Label pairs, sorted by name (pairs, not an object: label names are data). */
  labels: [string, string][];
  /** Unix seconds of values[0]. */
  start: number;
  /** Seconds between values. */
  step: number;
  /** One value per step; null where there was no sample or it was NaN/±Inf. */
  values: (number | null)[];
}

/** Series beyond this many per chart are dropped (a chart of 200 lines is unreadable anyway). */
export const MAX_SERIES_PER_CHART = 8;

/** Six significant digits: plenty for a chart, a third of the bytes of a full double. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * Puts a matrix on the grid `start, start + step, … ≤ end`. Samples between grid points (a
 * snapshot taken with another step) land on the nearest earlier point.
 */
export function compactMatrix(matrix: MatrixSeries[], start: number, end: number, step: number): CompactSeries[] {
  const points = Math.max(0, Math.floor((end - start) / step) + 1);
  return matrix.slice(0, MAX_SERIES_PER_CHART).map((series) => {
    const values: (number | null)[] = new Array(points).fill(null);
    for (const [time, text] of series.values) {
      const index = Math.floor((time - start) / step + 1e-9);
      if (index < 0 || index >= points) continue;
      const value = Number(text);
      values[index] = Number.isFinite(value) ? round(value) : null;
    }
    const labels = Object.entries(series.metric ?? {})
      .filter(([name]) => name !== '__name__')
      .map(([name, value]) => [String(name), String(value)] as [string, string])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return { labels, start, step, values };
  });
}

/** A snapshot keeps its own grid: the step is the smallest gap between its samples. */
export function gridOf(matrix: MatrixSeries[]): { start: number; end: number; step: number } | undefined {
  const times = [...new Set(matrix.flatMap((s) => s.values.map(([t]) => t)))].sort((a, b) => a - b);
  if (times.length === 0) return undefined;
  let step = Infinity;
  for (let i = 1; i < times.length; i++) step = Math.min(step, times[i]! - times[i - 1]!);
  return { start: times[0]!, end: times[times.length - 1]!, step: Number.isFinite(step) && step > 0 ? step : 60 };
}

/** The last non-null value of a series, with its time. */
export function lastValue(series: CompactSeries): { time: number; value: number } | undefined {
  for (let i = series.values.length - 1; i >= 0; i--) {
    const value = series.values[i];
    if (value !== null && value !== undefined) return { time: series.start + i * series.step, value };
  }
  return undefined;
}
