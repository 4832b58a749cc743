// Reads what the catalog collector wrote (plain JSON under <content>/catalog/), once per build.
// A memoised module rather than a content collection: measured faster for 10,000 records (see
// content.config.ts), and a missing folder simply means an empty catalog.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../lib/catalog/types.ts';
import type { CatalogMeta, EntityRecord } from '../../lib/content/records.ts';
import { buildCatalogIndex, type CatalogContent, type CatalogIndex } from './catalog-index.ts';
import { contentDir } from './portal-config.ts';

/** Every `*.json` under `dir` (recursively), sorted; none when `dir` does not exist. */
function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(dir, file));
}

function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}); run \`backlot collect\` again`, { cause: error });
  }
}

/** Reads the catalog records, problems and meta from a content folder. */
export function readCatalogContent(root: string): CatalogContent {
  const catalogDir = path.join(root, 'catalog');
  const records = jsonFiles(path.join(catalogDir, 'entities')).map((file) => readJson<EntityRecord | null>(file, null)).filter((r): r is EntityRecord => r !== null);
  const problems = readJson<Problem[]>(path.join(catalogDir, 'problems.json'), []);
  const meta = readJson<CatalogMeta | null>(path.join(catalogDir, 'meta.json'), null);
  return { records, problems, meta };
}

let cached: { dir: string; index: CatalogIndex } | undefined;

/** The catalog index of the configured content folder, built once and shared by every page. */
export function catalogIndex(): CatalogIndex {
  const dir = contentDir();
  if (!cached || cached.dir !== dir) cached = { dir, index: buildCatalogIndex(readCatalogContent(dir)) };
  return cached.index;
}
