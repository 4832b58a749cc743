// Reads and writes the catalog's generated content. Writes go to a fresh folder that replaces
// the old one only when complete, so an interrupted run never leaves half a catalog behind.
import path from 'node:path';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import type { CatalogMeta, EntityRecord } from '../../lib/content/records.ts';
import type { Problem } from '../../lib/catalog/types.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';
import { entitySegments } from '../../lib/content/paths.ts';

/** Where an entity's record lives below the catalog folder: `entities/<namespace>/<kind>/<name>.json`. */
export function entityRecordPath(record: Pick<EntityRecord, 'ref'>): string {
  return path.join('entities', `${entitySegments(record.ref)}.json`);
}

/** Records of the previous run by ref; empty when there was none or it cannot be read. */
export async function readPreviousRecords(catalogDir: string): Promise<Map<string, EntityRecord>> {
  const records = new Map<string, EntityRecord>();
  const entitiesDir = path.join(catalogDir, 'entities');
  const files = await readdir(entitiesDir, { recursive: true }).catch(() => [] as string[]);
  for (const file of files) {
    if (!file.endsWith('.json')) continue;
    try {
      const record = parseJsonInput(await readFile(path.join(entitiesDir, file), 'utf8'), file, MAX_STORED_DEPTH) as EntityRecord;
      if (record?.ref) records.set(record.ref, record);
    } catch {
      // A damaged record from an earlier run is simply not carried over.
    }
  }
  return records;
}

/** The previous run's meta.json, when there is one. */
export async function readPreviousMeta(catalogDir: string): Promise<CatalogMeta | undefined> {
  try {
    return JSON.parse(await readFile(path.join(catalogDir, 'meta.json'), 'utf8')) as CatalogMeta;
  } catch {
    return undefined;
  }
}

/** The previous run's problems.json (empty when there is none). */
export async function readPreviousProblems(catalogDir: string): Promise<Problem[]> {
  try {
    const problems = JSON.parse(await readFile(path.join(catalogDir, 'problems.json'), 'utf8')) as unknown;
    return Array.isArray(problems) ? (problems as Problem[]) : [];
  } catch {
    return [];
  }
}

export async function writeCatalogContent(
  catalogDir: string,
  records: EntityRecord[],
  problems: Problem[],
  meta: CatalogMeta,
): Promise<void> {
  const staging = `${catalogDir}.writing-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const sorted = [...records].sort((a, b) => a.ref.localeCompare(b.ref));
  const dirs = new Set(sorted.map((r) => path.dirname(path.join(staging, entityRecordPath(r)))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  // Bounded parallelism: thousands of small files, without exhausting file descriptors.
  const queue = [...sorted];
  const writeNext = async (): Promise<void> => {
    for (let record = queue.shift(); record; record = queue.shift()) {
      await writeFile(path.join(staging, entityRecordPath(record)), JSON.stringify(record, null, 2) + '\n');
    }
  };
  await Promise.all(Array.from({ length: 16 }, writeNext));
  await writeFile(path.join(staging, 'problems.json'), JSON.stringify(problems, null, 2) + '\n');
  await writeFile(path.join(staging, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');

  const old = `${catalogDir}.old-${process.pid}`;
  await rename(catalogDir, old).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await rename(staging, catalogDir);
  await rm(old, { recursive: true, force: true });
}
