// `npm run bench -- --docs [--docs-pages 300,3000]`: docs pages per second on a generated Markdown
// corpus, Backlot (`backlot docs preview`: collect + Astro build + Pagefind, the same renderer and
// layout as the portal) beside MkDocs from Debian's `mkdocs` package (`mkdocs build`, its own theme
// and search index) on the same corpus in the same run. Also the renderer alone (lib/markdown +
// link checking, in this process), to show what the fixed cost of an Astro build hides.
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
  mkdocsMs?: number;
  rendererMs: number;
  /** Size of one page's HTML in each output, to show whether it grows with the site. */
  backlotPageBytes: number;
  mkdocsPageBytes?: number;
}

function timed(command: string, args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CI: '1' } });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
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
      const record = await collectLocalDocs({ ref: 'component:default/docs-corpus', repositoryRoot: repo, dir: '.', config: docsConfig({ docs: { versions: { tags: 'v*', last: 0 } } }), assets: { async write() {} }, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
      await renderDocsVersion(record, record.versions[0], { base: '/' });
      const rendererMs = performance.now() - renderStarted;
      // Builds go inside the project (bench/.out/), as bench/run.ts does: Astro's intermediate files.
      const out = path.join(projectRoot, 'bench', '.out', `docs-${pages}-${process.pid}`);
      say(`docs bench: ${pages} pages — backlot docs preview…`);
      const backlotMs = await timed(process.execPath, [path.join(projectRoot, 'cli/backlot.ts'), 'docs', 'preview', repo, '--out', out], dir);
      const samplePage = corpusPagePath(Math.floor(pages / 2)).replace(/\.md$/, '');
      const row: DocsBenchRow = { pages, backlotMs, rendererMs, backlotPageBytes: htmlBytes(path.join(out, 'docs/default/component/docs-corpus', samplePage, 'index.html')) };
      await rm(out, { recursive: true, force: true });
      if (mkdocs) {
        say(`docs bench: ${pages} pages — mkdocs build…`);
        const site = path.join(dir, 'mkdocs-site');
        row.mkdocsMs = await timed(mkdocs, ['build', '--quiet', '--site-dir', site], repo);
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
  const perSecond = (pages: number, ms: number | undefined) => (ms ? `${(pages / (ms / 1000)).toFixed(1)} pages/s (${formatMs(ms)})` : 'not measured');
  return rows
    .map((r) =>
      table(`Docs: ${r.pages} pages (same corpus, same run)`, [
        ['backlot docs preview', perSecond(r.pages, r.backlotMs)],
        ['mkdocs build', perSecond(r.pages, r.mkdocsMs)],
        ['ratio (backlot / mkdocs)', r.mkdocsMs ? `${(r.mkdocsMs / r.backlotMs).toFixed(2)}×` : '—'],
        ['renderer alone (in process)', perSecond(r.pages, r.rendererMs)],
        ['one page, backlot / mkdocs', `${formatBytes(r.backlotPageBytes)} / ${r.mkdocsPageBytes === undefined ? '—' : formatBytes(r.mkdocsPageBytes)}`],
      ]),
    )
    .join('\n\n');
}

