// `npm run bench -- --docs [--docs-pages 300,3000]`: docs pages per second on a generated Markdown
// corpus, Backlot (`backlot docs preview`: collect, render, write the pages with the portal's docs
// page markup and stylesheets, Pagefind index — no Astro build) beside MkDocs from Debian's `mkdocs`
// package (`mkdocs build`, its own theme and search index) on the same corpus in the same run. Both
// are timed as child processes, wall and CPU (user+sys, from the shell's `times`; worker threads are
// in the process's CPU), with the load average around each run, because the machine is shared.
// Cold: no --cache-dir, so every page is rendered; the preview uses its default threads (one per
// core). Also the renderer alone (lib/markdown + link checking, in this process, one thread).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDocsCorpus, corpusPagePath } from './docs-corpus.ts';
import { formatBytes, formatMs, table } from './report-table.ts';
import { collectLocalDocs, docsConfig } from '../collectors/docs/collector.ts';
import { renderDocsVersion } from '../lib/docs/render-site.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface DocsBenchRow {
  pages: number;
  backlotMs: number;
  backlotCpuMs: number;
  mkdocsMs?: number;
  mkdocsCpuMs?: number;
  rendererMs: number;
  rendererCpuMs: number;
  /** Size of one page's HTML in each output, to show whether it grows with the site. */
  backlotPageBytes: number;
  mkdocsPageBytes?: number;
  /** 1-minute load average before and after each timed run: the machine is shared. */
  backlotLoad: [number, number];
  mkdocsLoad?: [number, number];
}

/** `times`' second line: the children's user and system time, e.g. `0m5.84s 0m0.55s`. */
function childCpuMs(stderr: string): number {
  const line = stderr.trim().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  return parts.length === 2 ? parts[0] + parts[1] : NaN;
}

/** Runs a command to completion through /bin/sh, which reports its children's CPU time with `times`. */
function timed(command: string, args: string[], cwd: string): Promise<{ wallMs: number; cpuMs: number; load: [number, number] }> {
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  return new Promise((resolve, reject) => {
    const script = '"$0" "$@" >/dev/null; status=$?; times >&2; exit $status';
    const child = spawn('/bin/sh', ['-c', script, command, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CI: '1' } });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ wallMs: performance.now() - started, cpuMs: childCpuMs(err), load: [loadBefore, os.loadavg()[0]] }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function htmlBytes(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

export async function runDocsBench(sizes: number[], say: (s: string) => void): Promise<DocsBenchRow[]> {
  const mkdocs = ['/usr/bin/mkdocs', '/usr/local/bin/mkdocs'].find((p) => existsSync(p));
  if (!mkdocs) say('bench: MkDocs is not installed (apt-get install -y mkdocs); only Backlot is measured');
  const rows: DocsBenchRow[] = [];
  for (const pages of sizes) {
    const dir = await mkdtemp(path.join(os.tmpdir(), `backlot-docs-bench-${pages}-`));
    try {
      const repo = path.join(dir, 'repo');
      await writeDocsCorpus(repo, pages);
      say(`docs bench: ${pages} pages — renderer alone…`);
      const renderStarted = performance.now();
      const renderCpu = cpuNow();
      const record = await collectLocalDocs({ ref: 'component:default/docs-corpus', repositoryRoot: repo, dir: '.', config: docsConfig({ docs: { versions: { tags: 'v*', last: 0 } } }), assets: { async write() {} }, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
      await renderDocsVersion(record, record.versions[0], { base: '/' });
      const rendererMs = performance.now() - renderStarted;
      const rendererCpuMs = cpuNow() - renderCpu;
      // Builds go inside the project (bench/.out/), as bench/run.ts does: Astro's intermediate files.
      const out = path.join(projectRoot, 'bench', '.out', `docs-${pages}-${process.pid}`);
      say(`docs bench: ${pages} pages — backlot docs preview…`);
      const backlot = await timed(process.execPath, [path.join(projectRoot, 'cli/backlot.ts'), 'docs', 'preview', repo, '--out', out], dir);
      const samplePage = corpusPagePath(Math.floor(pages / 2)).replace(/\.md$/, '');
      const row: DocsBenchRow = { pages, backlotMs: backlot.wallMs, backlotCpuMs: backlot.cpuMs, rendererMs, rendererCpuMs, backlotLoad: backlot.load, backlotPageBytes: htmlBytes(path.join(out, 'docs/default/component/docs-corpus', samplePage, 'index.html')) };
      await rm(out, { recursive: true, force: true });
      if (mkdocs) {
        say(`docs bench: ${pages} pages — mkdocs build…`);
        const site = path.join(dir, 'mkdocs-site');
        const built = await timed(mkdocs, ['build', '--quiet', '--site-dir', site], repo);
        row.mkdocsMs = built.wallMs;
        row.mkdocsCpuMs = built.cpuMs;
        row.mkdocsLoad = built.load;
        row.mkdocsPageBytes = htmlBytes(path.join(site, samplePage, 'index.html'));
      }
      rows.push(row);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function formatDocsBench(rows: DocsBenchRow[]): string {
  const perSecond = (pages: number, ms: number | undefined, cpuMs?: number) =>
    ms ? `${(pages / (ms / 1000)).toFixed(1)} pages/s (${formatMs(ms)} wall${cpuMs !== undefined && !Number.isNaN(cpuMs) ? `, ${formatMs(cpuMs)} CPU user+sys; ${(pages / (cpuMs / 1000)).toFixed(1)} pages per CPU-second` : ''})` : 'not measured';
  const ratio = (a?: number, b?: number) => (a && b && !Number.isNaN(a) && !Number.isNaN(b) ? `${(a / b).toFixed(2)}×` : '—');
  return rows
    .map((r) =>
      table(`Docs: ${r.pages} pages (same corpus, same run)`, [
        ['backlot docs preview (collect, render, write pages, Pagefind; no Astro)', perSecond(r.pages, r.backlotMs, r.backlotCpuMs)],
        ['mkdocs build (pages, nav, search index)', perSecond(r.pages, r.mkdocsMs, r.mkdocsCpuMs)],
        ['ratio, wall (backlot / mkdocs pages/s)', ratio(r.mkdocsMs, r.backlotMs)],
        ['ratio, CPU (backlot / mkdocs pages per CPU-second)', ratio(r.mkdocsCpuMs, r.backlotCpuMs)],
        ['renderer alone (in process, cold start of its grammars)', perSecond(r.pages, r.rendererMs, r.rendererCpuMs)],
        ['load average (1 min) before → after: backlot / mkdocs', `${r.backlotLoad.map((l) => l.toFixed(1)).join(' → ')} / ${r.mkdocsLoad ? r.mkdocsLoad.map((l) => l.toFixed(1)).join(' → ') : '—'}`],
        ['one page, backlot / mkdocs', `${formatBytes(r.backlotPageBytes)} / ${r.mkdocsPageBytes === undefined ? '—' : formatBytes(r.mkdocsPageBytes)}`],
      ]),
    )
    .join('\n\n');
}

