// Turns stored series into the numbers a static SVG chart needs (axes, ticks, paths broken at
// gaps, the last value, a sentence for screen readers), at build time, so no chart script ships.
import type { MetricChart } from '../../../collectors/metrics/records.ts';
import { lastValue } from '../../../collectors/metrics/series.ts';

export const CHART = { width: 640, height: 200, left: 64, right: 16, top: 12, bottom: 28 };

export interface ChartTick { position: number; label: string }

export interface ChartLine {
  /** SVG path data; a gap starts a new `M` segment, so it is drawn as a gap. */
  d: string;
  /** Lone points between two gaps, drawn as dots (a path of one point draws nothing). */
  dots: { x: number; y: number }[];
  /** Label pairs as text, e.g. `code=500, instance=a`; empty for a single unlabelled series. */
  label: string;
}

export interface ChartGeometry {
  lines: ChartLine[];
  xTicks: ChartTick[];
  yTicks: ChartTick[];
  /** e.g. `10.5 req/s`, or undefined when there are no values. */
  last?: string;
  lastTime?: string;
  /** One sentence describing the chart, for `<desc>`. */
  summary: string;
  /** Points with no value, over all series. */
  missing: number;
  empty: boolean;
}

/** A value with its unit, short: `0.05` ratio → `5 %`, `0.475` s → `475 ms`, `1.2e9` bytes → `1.2 GB`. */
export function formatValue(value: number, unit: string): string {
  const short = (n: number) => {
    const abs = Math.abs(n);
    if (abs === 0) return '0';
    if (abs >= 100) return n.toFixed(0);
    if (abs >= 10) return n.toFixed(1).replace(/\.0$/, '');
    if (abs >= 0.01) return n.toFixed(2).replace(/\.?0+$/, '');
    return n.toPrecision(2);
  };
  switch (unit) {
    case 'ratio':
      return `${short(value * 100)} %`;
    case 'percent':
      return `${short(value)} %`;
    case 's':
      return Math.abs(value) < 1 ? `${short(value * 1000)} ms` : `${short(value)} s`;
    case 'bytes': {
      const units = ['B', 'kB', 'MB', 'GB', 'TB'];
      let n = value;
      let i = 0;
      while (Math.abs(n) >= 1000 && i < units.length - 1) {
        n /= 1000;
        i++;
      }
      return `${short(n)} ${units[i]}`;
    }
    default: {
      const abs = Math.abs(value);
      const scaled = abs >= 1e9 ? `${short(value / 1e9)}G` : abs >= 1e6 ? `${short(value / 1e6)}M` : abs >= 1e4 ? `${short(value / 1e3)}k` : short(value);
      return unit ? `${scaled} ${unit}` : scaled;
    }
  }
}

/** 1, 2 or 5 × 10^n at or above `value`, so axis labels are round. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

const pad = (n: number) => String(n).padStart(2, '0');

function timeLabel(seconds: number, spanSeconds: number): string {
  const d = new Date(seconds * 1000);
  const hhmm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return spanSeconds > 2 * 86400 ? `${d.getUTCMonth() + 1}/${d.getUTCDate()}` : hhmm;
}

export function chartGeometry(chart: Pick<MetricChart, 'series' | 'unit' | 'title'>): ChartGeometry {
  const { width, height, left, right, top, bottom } = CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const series = chart.series;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const missing = series.reduce((n, s) => n + s.values.filter((v) => v === null).length, 0);
  if (series.length === 0 || values.length === 0) {
    return { lines: [], xTicks: [], yTicks: [], summary: `${chart.title}: no data in this period.`, missing, empty: true };
  }
  const start = Math.min(...series.map((s) => s.start));
  const end = Math.max(...series.map((s) => s.start + (s.values.length - 1) * s.step));
  const span = Math.max(end - start, 1);
  const min = Math.min(0, ...values);
  const max = niceCeiling(Math.max(...values));
  const x = (t: number) => left + ((t - start) / span) * plotWidth;
  const y = (v: number) => top + plotHeight - ((v - min) / (max - min || 1)) * plotHeight;
  const round = (n: number) => Math.round(n * 10) / 10;

  const lines: ChartLine[] = series.map((s) => {
    let d = '';
    const dots: { x: number; y: number }[] = [];
    let run: { x: number; y: number }[] = [];
    const flush = () => {
      if (run.length === 1) dots.push(run[0]!);
      else if (run.length > 1) d += run.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join('');
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) flush();
      else run.push({ x: round(x(s.start + i * s.step)), y: round(y(v)) });
    });
    flush();
    return { d, dots, label: s.labels.map(([k, v]) => `${k}=${v}`).join(', ') };
  });

  const yTicks: ChartTick[] = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const value = min + (max - min) * f;
    return { position: round(y(value)), label: formatValue(value, chart.unit) };
  });
  const hourChoices = [1, 2, 3, 6, 12, 24, 48, 168].map((h) => h * 3600);
  const every = hourChoices.find((h) => span / h <= 6) ?? span;
  const xTicks: ChartTick[] = [];
  for (let t = Math.ceil(start / every) * every; t <= end; t += every) xTicks.push({ position: round(x(t)), label: timeLabel(t, span) });

  const lasts = series.map(lastValue).filter((l) => l !== undefined);
  const latest = lasts.sort((a, b) => b.time - a.time)[0];
  const last = latest ? formatValue(latest.value, chart.unit) : undefined;
  const lastTime = latest ? `${new Date(latest.time * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC` : undefined;
  const hours = Math.round(span / 3600);
  const summary =
    `${chart.title} over ${hours} h: last value ${last} at ${lastTime}; ` +
    `lowest ${formatValue(Math.min(...values), chart.unit)}, highest ${formatValue(Math.max(...values), chart.unit)}` +
    (series.length > 1 ? `; ${series.length} series` : '') +
    (missing > 0 ? `; ${missing} points have no data (gaps).` : '.');
  return { lines, xTicks, yTicks, last, lastTime, summary, missing, empty: false };
}
