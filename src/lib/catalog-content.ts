// The catalog index of this build, read once from the folder the collector wrote and shared by
// every page (getStaticPaths and 10,000 renders await the same promise).
//
// Why a memoised module and not an Astro content collection: both read 10,000 records in a couple
// of seconds (getCollection 1.4 s vs 3.1 s for the JSON files, measured under load), but the
// content layer keeps its data store in one cache file per project (node_modules/.astro/), so two
// builds of different content folders at once (bench, e2e fixtures, a developer) overwrite each
// other's store: a build rendered the wrong catalog in our trial. Reading the files directly has
// no shared state, and a missing folder is simply an empty catalog.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { EntityRecord } from '../../lib/content/records.ts';
import { checkFormatVersion, readCatalogMeta, readCatalogProblems } from './catalog-files.ts';
import { buildCatalogIndex, type CatalogContent, type CatalogIndex } from './catalog-index.ts';
import { contentDir } from './portal-config.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

/** Every `*.json` under `dir` (recursively), sorted; none when `dir` does not exist. */
function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => path.join(dir, file));
}

function readRecord(file: string): EntityRecord {
  try {
    return parseJsonInput(readFileSync(file, 'utf8'), file, MAX_STORED_DEPTH) as EntityRecord;
  } catch (error) {
    throw new Error(`${(error as Error).message}; run \`backlot collect\` again`, { cause: error });
  }
}

/** Reads the catalog records, problems and meta from a content folder. */
export function readCatalogContent(root: string): CatalogContent {
  const meta = readCatalogMeta(root);
  const files = jsonFiles(path.join(root, 'catalog', 'entities'));
  // Records without the run's meta.json are of unknown shape (an interrupted or hand-made folder).
  if (files.length > 0 && !meta) checkFormatVersion(path.join(root, 'catalog', 'meta.json'), undefined);
  return { records: files.map(readRecord), problems: readCatalogProblems(root), meta };
}

let cached: { dir: string; index: Promise<CatalogIndex> } | undefined;

/** The catalog index of the configured content folder, built once per build. */
export function catalogIndex(): Promise<CatalogIndex> {
  const dir = contentDir();
  if (!cached || cached.dir !== dir) cached = { dir, index: Promise.resolve().then(() => buildCatalogIndex(readCatalogContent(dir))) };
  return cached.index;
}
