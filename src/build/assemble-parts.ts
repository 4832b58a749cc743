// Unites the outputs of a split render (`backlot build --part i/n`, one per matrix job) into one
// site. Entity pages are disjoint between parts; pages every part renders (home, catalog, the
// hashed CSS and JS) come out byte-identical and are written once — a difference is refused,
// because it would mean the parts rendered different content. The search index is written
// afterwards from the whole catalog (cli/commands/assemble.ts), so the site has one search box
// over one bundle however many parts rendered it.
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mergeTrees, type TreeConflict } from '../../lib/publish/merge-trees.ts';
import { incompleteShares } from '../../lib/content/stable-share.ts';

/** Left in a part's output by `backlot build --part`; removed by the assembly. */
export const RENDER_PART_FILE = 'render-part.json';

export interface RenderPartMarker {
  index: number;
  count: number;
  base: string;
}

export async function writeRenderPartMarker(outDir: string, marker: RenderPartMarker): Promise<void> {
  await writeFile(path.join(outDir, RENDER_PART_FILE), JSON.stringify(marker) + '\n');
}

/** The part folders below `partsDir`, checked to be one complete render (1..n, one base). */
export async function readRenderParts(partsDir: string): Promise<{ dir: string; marker: RenderPartMarker }[]> {
  const entries = await readdir(partsDir, { withFileTypes: true }).catch(() => []);
  const parts: { dir: string; marker: RenderPartMarker }[] = [];
  for (const entry of entries) {
    const dir = path.join(partsDir, entry.name);
    if (!entry.isDirectory() || !existsSync(path.join(dir, RENDER_PART_FILE))) continue;
    const marker = JSON.parse(await readFile(path.join(dir, RENDER_PART_FILE), 'utf8')) as RenderPartMarker;
    if (!Number.isInteger(marker?.index) || !Number.isInteger(marker?.count) || typeof marker?.base !== 'string') {
      throw new Error(`${path.join(dir, RENDER_PART_FILE)}: not written by \`backlot build --part\`; render the part again`);
    }
    parts.push({ dir, marker });
  }
  if (parts.length === 0) throw new Error(`${partsDir}: no rendered parts in it (a part folder holds ${RENDER_PART_FILE}, written by \`backlot build --part i/n --out <folder>\`)`);
  const { count, base } = parts[0]!.marker;
  const odd = parts.find((p) => p.marker.count !== count || p.marker.base !== base);
  if (odd) throw new Error(`${odd.dir} was rendered as part of another build (${odd.marker.count} parts, base ${odd.marker.base}; expected ${count}, ${base}); assemble the parts of one run`);
  const incomplete = incompleteShares(parts.map((p) => p.marker.index), count, 'part', "the site would lack those entities' pages; wait for every part, or render the missing one");
  if (incomplete) throw new Error(incomplete);
  return parts.sort((a, b) => a.marker.index - b.marker.index);
}

/**
 * Writes the united site into `outDir` (a fresh folder). Returns the files written and any page two
 * parts rendered differently (then the site must not be published). The parts carry no search
 * index: `backlot assemble` indexes the united site from the whole catalog.
 */
export async function assembleParts(parts: { dir: string; marker: RenderPartMarker }[], outDir: string, options: { move?: boolean } = {}): Promise<{ files: number; conflicts: TreeConflict[] }> {
  const merged = await mergeTrees(parts.map((p) => p.dir), outDir, { skip: (file) => file.startsWith('pagefind/') || file === RENDER_PART_FILE, move: options.move ?? false });
  return { files: merged.files, conflicts: merged.conflicts };
}
