// Unites the outputs of a split render (`backlot build --part i/n`, one per matrix job) into one
// site. Entity pages are disjoint between parts; pages every part renders (home, catalog, the
// hashed CSS and JS) come out byte-identical and are written once — a difference is refused,
// because it would mean the parts rendered different content. Each part's search index becomes
// bundles the browser merges (`pagefind/parts.json`), so the site keeps one search box.
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mergeTrees, type TreeConflict } from '../../lib/publish/merge-trees.ts';
import { SEARCH_PARTS_FILE } from './pagefind-index.ts';
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
 * Writes the united site into `outDir` (a fresh folder). Returns the files written, the search
 * bundles, and any page two parts rendered differently (then the site must not be published).
 */
export async function assembleParts(parts: { dir: string; marker: RenderPartMarker }[], outDir: string, options: { move?: boolean } = {}): Promise<{ files: number; bundles: string[]; conflicts: TreeConflict[] }> {
  const merged = await mergeTrees(parts.map((p) => p.dir), outDir, { skip: (file) => file.startsWith('pagefind/') || file === RENDER_PART_FILE, move: options.move ?? false });
  const bundles: string[] = [];
  for (const { dir, marker } of parts) {
    const index = path.join(dir, 'pagefind');
    if (!existsSync(index)) continue;
    const own = await partBundles(index);
    // Part 1's main bundle is the site's (`pagefind/`, loaded first); the others' become extra bundles.
    const prefix = marker.index === 1 ? '' : `r${marker.index}`;
    const mainTarget = path.join(outDir, 'pagefind', prefix);
    await mkdir(mainTarget, { recursive: true });
    for (const entry of await readdir(index)) {
      if (entry === SEARCH_PARTS_FILE || own.includes(`${entry}/`)) continue;
      await cp(path.join(index, entry), path.join(mainTarget, entry), { recursive: true });
    }
    if (prefix && (await bundlePages(mainTarget)) > 0) bundles.push(`${prefix}/`);
    for (const bundle of own) {
      const name = prefix ? `${prefix}-${bundle}` : bundle;
      await cp(path.join(index, bundle), path.join(outDir, 'pagefind', name), { recursive: true });
      if ((await bundlePages(path.join(outDir, 'pagefind', name))) > 0) bundles.push(name);
    }
  }
  await mkdir(path.join(outDir, 'pagefind'), { recursive: true });
  await writeFile(path.join(outDir, 'pagefind', SEARCH_PARTS_FILE), JSON.stringify({ bundles }) + '\n');
  return { files: merged.files, bundles, conflicts: merged.conflicts };
}

/** The extra bundles a part's own index was split into (`part-2/` …), from its parts.json. */
async function partBundles(indexDir: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(indexDir, SEARCH_PARTS_FILE), 'utf8')) as { bundles?: unknown };
    return Array.isArray(parsed.bundles) ? parsed.bundles.filter((b): b is string => typeof b === 'string' && /^[\w-]+\/$/.test(b)) : [];
  } catch {
    return [];
  }
}

/** Pages in a Pagefind bundle (0 when it has none or cannot be read): an empty one is not merged. */
async function bundlePages(bundleDir: string): Promise<number> {
  try {
    const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  } catch {
    return 0;
  }
}
