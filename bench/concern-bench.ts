// `npm run bench -- --concerns`: the cost collector on generated FOCUS exports of two sizes (rows
// per second and peak memory, each in its own process so peaks do not mix) and the metrics
// collector for 1,000 entities against a real Prometheus (Debian's package) with a known history.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { computeCost, type CostEntity } from '../collectors/cost/collector.ts';
import { computeMetrics } from '../collectors/metrics/collector.ts';
import { CONFIG_DEFAULTS } from '../lib/config/schema.ts';
import { openMetricsHistory } from '../collectors/metrics/testing/history.ts';
import { startPrometheus } from '../collectors/metrics/testing/prometheus-server.ts';
import { formatBytes, formatMs } from './report-table.ts';
import { createSeededRandom } from './seeded-random.ts';

/** A table with a header row, columns aligned (numbers right). */
function grid(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const here = fileURLToPath(import.meta.url);
const SERVICES = ['Amazon Elastic Compute Cloud', 'Amazon Simple Storage Service', 'Amazon Relational Database Service', 'AWS Lambda', 'Amazon CloudFront', 'Amazon DynamoDB'];
const HEADER = 'BilledCost,EffectiveCost,BillingCurrency,BillingPeriodStart,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ProviderName,RegionId,ResourceId,ServiceCategory,ServiceName,SubAccountId,Tags';

export function syntheticEntities(count: number): (CostEntity & { kind: string; namespace: string; name: string })[] {
  return Array.from({ length: count }, (_, i) => ({
    ref: `component:default/service-${i}`, kind: 'component', namespace: 'default', name: `service-${i}`,
    annotations: (i % 10 === 0 ? { 'backlot.dev/cost-resource-ids': `i-${i}-0,i-${i}-1` } : {}) as Record<string, string>,
    owner: `group:default/team-${i % 50}`,
  }));
}

/** Writes a FOCUS export of `rows` rows (six months in order, as exports come; 1,000 services, every seventh row untagged). */
export async function writeFocusExport(file: string, rows: number): Promise<void> {
  const random = createSeededRandom(7).next;
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  out.write(HEADER + '\n');
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const service = i % 1000;
    const period = Math.floor((i / rows) * 6 * 28);
    const month = `2026-0${1 + Math.floor(period / 28)}`;
    const day = String(1 + (period % 28)).padStart(2, '0');
    const cost = (random() * 40).toFixed(10);
    const tags = i % 7 === 0 ? 'NULL' : `"{""backstage.io/component"": ""service-${service}"", ""env"": ""production""}"`;
    batch.push(`${cost},${cost},USD,${month}-01 00:00:00,Usage,${month}-${day} 00:00:00,${month}-${day} 01:00:00,AWS,eu-west-1,i-${service}-${i % 3},Compute,${SERVICES[i % SERVICES.length]},210987654321,${tags}`);
    if (batch.length === 5000) {
      if (!out.write(batch.join('\n') + '\n')) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(batch.length ? batch.join('\n') + '\n' : '');
  out.end();
  await once(out, 'finish');
}

/** In a child process: read and allocate one export, print rows, wall and CPU time of the read, and peak RSS as JSON. */
async function costChild(file: string): Promise<void> {
  const entities = syntheticEntities(1000);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = await computeCost({ root: path.dirname(file), files: [file], entities, config: CONFIG_DEFAULTS.cost });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const usage = process.resourceUsage();
  const result: CostMeasure = { rows: run.summary.rows.read, allocated: run.summary.rows.allocated, ms, cpuMs: (used.user + used.system) / 1000, maxRssBytes: usage.maxRSS * 1024 };
  process.stdout.write(JSON.stringify(result));
}

/** In a child process, for reference: papaparse alone (step mode, no allocation) over the same file. */
async function papaparseChild(file: string): Promise<void> {
  const { default: Papa } = await import('papaparse');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  let rows = -1;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(stream as unknown as File, { skipEmptyLines: true, step: () => void rows++, complete: () => resolve(), error: reject });
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const result: CostMeasure = { rows, allocated: 0, ms, cpuMs: (used.user + used.system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
  process.stdout.write(JSON.stringify(result));
}

interface CostMeasure { rows: number; allocated: number; ms: number; cpuMs: number; maxRssBytes: number }

async function measureCost(file: string, mode: '--cost-child' | '--papaparse-child' = '--cost-child'): Promise<CostMeasure> {
  const child = spawn(process.execPath, [here, mode, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`cost child exited with ${code}`);
  return JSON.parse(out) as CostMeasure;
}

function costRow(label: string, size: number, r: CostMeasure): string[] {
  return [
    label, formatBytes(size), formatMs(r.ms), formatMs(r.cpuMs),
    Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US'),
    Math.round(r.rows / (r.cpuMs / 1000)).toLocaleString('en-US'),
    formatBytes(r.maxRssBytes), r.allocated.toLocaleString('en-US'),
  ];
}

export async function runConcernBench(options: { costRows: number[]; metricsEntities: number }): Promise<void> {
  // Either part can be skipped: --cost-rows 0 or --metrics-entities 0.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-bench-concerns-'));
  try {
    const costRows: string[][] = [];
    for (const [index, rows] of options.costRows.filter((n) => n > 0).entries()) {
      const file = path.join(dir, `focus-${rows}.csv`);
      const t = performance.now();
      await writeFocusExport(file, rows);
      const size = (await stat(file)).size;
      console.error(`cost: generated ${rows.toLocaleString('en-US')} rows (${formatBytes(size)}) in ${formatMs(performance.now() - t)}`);
      costRows.push(costRow(rows.toLocaleString('en-US'), size, await measureCost(file)));
      // For reference, the first file through papaparse alone (the collector's parser before its own scanner).
      if (index === 0) costRows.push(costRow(`${rows.toLocaleString('en-US')} papaparse alone`, size, await measureCost(file, '--papaparse-child')));
      await rm(file);
    }
    if (costRows.length > 0) {
      console.log(`\nCost collector (FOCUS CSV, 1,000 entities; goal ≥ 200,000 rows/s, memory flat as the file grows; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`);
      console.log('  wall and CPU (user+sys) of the read itself, process start-up excluded; peak RSS of the whole process');
      console.log(grid(['rows', 'file', 'wall', 'CPU', 'rows/s', 'rows/CPU-s', 'peak RSS', 'allocated'], costRows));
    }

    const count = options.metricsEntities;
    if (count <= 0) return;
    const now = Math.floor(Date.now() / 3_600_000) * 3600;
    const t = performance.now();
    const history = openMetricsHistory(
      Array.from({ length: count }, (_, i) => ({ service: `service-${i}`, okPerSecond: 1 + (i % 17), errorsPerSecond: 0.01 * (i % 5), under100ms: 0.6, under500ms: 0.97, memoryBytes: 2e8 + i * 1e5, memoryLimitBytes: 1e9 })),
      now,
      6,
      120,
    );
    const prometheus = await startPrometheus({ openMetrics: history });
    console.error(`metrics: Prometheus with ${count.toLocaleString('en-US')} services' 6 h history ready in ${formatMs(performance.now() - t)}`);
    try {
      const entities = syntheticEntities(count);
      const rows: string[][] = [];
      for (const concurrency of [8, 16]) {
        const started = performance.now();
        const run = await computeMetrics({
          root: dir, entities, previous: () => undefined, snapshotDirs: [], now: new Date(now * 1000), env: {},
          config: { ...CONFIG_DEFAULTS.metrics, url: prometheus.url, hours: 6, stepSeconds: 300, concurrency },
        });
        const ms = performance.now() - started;
        const points = run.records.reduce((n, r) => n + r.data.charts.reduce((m, c) => m + c.series.reduce((k, s) => k + s.values.length, 0), 0), 0);
        rows.push([count.toLocaleString('en-US'), String(concurrency), String(run.stats.requests), String(run.stats.failed), formatMs(ms), `${Math.round(run.stats.requests / (ms / 1000))}`, points.toLocaleString('en-US')]);
      }
      console.log('\nMetrics collector (range queries, 6 h at 5 min, 4 per entity, real Prometheus on 127.0.0.1)');
      console.log(grid(['entities', 'concurrency', 'requests', 'failed', 'time', 'requests/s', 'points stored'], rows));
    } finally {
      await prometheus.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--cost-child') await costChild(process.argv[3]!);
if (process.argv[2] === '--papaparse-child') await papaparseChild(process.argv[3]!);
