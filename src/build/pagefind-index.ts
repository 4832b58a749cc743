// Indexes the built site with Pagefind's Node API (not a shelled-out binary), so the build can
// time it and report pages indexed and index size.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SearchIndexReport {
  /** Pages in the index (entity pages: only they carry data-pagefind-body). */
  pages: number;
  /** HTML files Pagefind read. */
  scanned: number;
  /** Bytes written under <outDir>/pagefind/. */
  bytes: number;
  files: number;
  errors: string[];
}

/** Total size and count of the files under `dir`. */
export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Pages in the written index, per pagefind-entry.json (addDirectory counts every file it read). */
function indexedPages(outputPath: string): number | undefined {
  try {
    const entry = JSON.parse(readFileSync(path.join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  } catch {
    return undefined;
  }
}

export async function indexSite(outDir: string): Promise<SearchIndexReport> {
  const pagefind = await import('pagefind');
  const errors: string[] = [];
  try {
    const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: 'en' });
    errors.push(...createErrors);
    if (!index) return { pages: 0, scanned: 0, bytes: 0, files: 0, errors };
    const added = await index.addDirectory({ path: outDir });
    errors.push(...added.errors);
    const outputPath = path.join(outDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    errors.push(...written.errors);
    return { pages: indexedPages(outputPath) ?? added.page_count, scanned: added.page_count, ...folderSize(outputPath), errors };
  } finally {
    await pagefind.close();
  }
}
