// What a build produced, measured from the files: page count, total size, the entity pages' HTML
// sizes and the Pagefind index size — the figures the benchmark reports besides time and memory.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface DistStats {
  htmlPages: number;
  totalBytes: number;
  entityPages: number;
  entityHtmlMedianBytes: number;
  entityHtmlMaxBytes: number;
  /** Path of the largest entity page, relative to the out dir. */
  entityHtmlMaxPage: string;
  pagefindBytes: number;
  pagefindFiles: number;
}

interface FileEntry {
  relative: string;
  bytes: number;
}

async function listFiles(dir: string): Promise<FileEntry[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const result: FileEntry[] = [];
  // Batched stats: tens of thousands of files at once would exhaust file descriptors.
  for (let i = 0; i < files.length; i += 512) {
    const batch = files.slice(i, i + 512);
    const sizes = await Promise.all(batch.map((f) => stat(f).then((s) => s.size)));
    batch.forEach((f, j) => result.push({ relative: path.relative(dir, f).split(path.sep).join('/'), bytes: sizes[j] }));
  }
  return result;
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** Entity pages live at `catalog/<namespace>/<kind>/<name>/index.html` (lib/content/records.ts), under the base path if any. */
const ENTITY_PAGE = /(^|\/)catalog\/[^/]+\/[^/]+\/[^/]+\/index\.html$/;

export async function measureDist(outDir: string): Promise<DistStats> {
  const files = await listFiles(outDir);
  const html = files.filter((f) => f.relative.endsWith('.html'));
  const entity = html.filter((f) => ENTITY_PAGE.test(f.relative)).sort((a, b) => a.bytes - b.bytes);
  const pagefind = files.filter((f) => /(^|\/)pagefind\//.test(f.relative));
  const largest = entity.at(-1);
  return {
    htmlPages: html.length,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    entityPages: entity.length,
    entityHtmlMedianBytes: median(entity.map((f) => f.bytes)),
    entityHtmlMaxBytes: largest?.bytes ?? 0,
    entityHtmlMaxPage: largest?.relative ?? '',
    pagefindBytes: pagefind.reduce((sum, f) => sum + f.bytes, 0),
    pagefindFiles: pagefind.length,
  };
}
