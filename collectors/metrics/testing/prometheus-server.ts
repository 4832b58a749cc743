// Starts Debian's real Prometheus on 127.0.0.1 for tests and the benchmark: its own config and
// data folder, a free port, optional fixed history made with `promtool tsdb create-blocks-from
// openmetrics`, and a stop that waits for it to exit.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** OpenMetrics text (ending in `# EOF`) turned into blocks before start: a fixed history. */
  openMetrics?: string;
  /** Scrape itself every second (live data about Prometheus). */
  selfScrape?: boolean;
  /** Keep blocks this old (a fixed history far in the past needs more than the default 30 d). */
  retentionDays?: number;
  /** More flags, e.g. `--query.max-samples=10` to make it answer queries with errors. */
  flags?: string[];
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<PrometheusServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-prometheus-'));
  const dataDir = path.join(dir, 'data');
  if (options.openMetrics !== undefined) {
    const input = path.join(dir, 'history.om');
    await writeFile(input, options.openMetrics);
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', input, dataDir], { maxBuffer: 16 << 20 });
  }
  const port = await freePort();
  const configFile = path.join(dir, 'prometheus.yml');
  await writeFile(
    configFile,
    options.selfScrape
      ? `global: { scrape_interval: 1s, evaluation_interval: 1s }\nscrape_configs:\n  - job_name: prometheus\n    static_configs: [{ targets: ['127.0.0.1:${port}'] }]\n`
      : 'global: { scrape_interval: 1h }\n',
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.retention.time=${options.retentionDays ?? 30}d`,
      '--web.console.templates=/dev/null',
      '--web.console.libraries=/dev/null',
      ...(options.flags ?? []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${log}`);
    }
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, port, dataDir, stop };
}
