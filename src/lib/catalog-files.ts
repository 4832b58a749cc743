// The catalog's two single files (meta.json, problems.json), read for the content collections.
// Missing files mean "nothing collected yet", never a failed build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../../lib/catalog/types.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';
import type { CatalogMeta } from '../../lib/content/records.ts';
import { checkFormatVersion } from '../../lib/content/format-version.ts';

export { checkFormatVersion };

function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return parseJsonInput(readFileSync(file, 'utf8'), file, MAX_STORED_DEPTH) as T;
  } catch (error) {
    throw new Error(`${(error as Error).message}; run \`backlot collect\` again`, { cause: error });
  }
}

/** `<content>/catalog/meta.json`, or null before the first collection; content of another format is refused. */
export function readCatalogMeta(contentDir: string): CatalogMeta | null {
  const file = path.join(contentDir, 'catalog', 'meta.json');
  const meta = readJson<CatalogMeta | null>(file, null);
  if (meta) checkFormatVersion(file, meta.formatVersion);
  return meta;
}

/** `<content>/catalog/problems.json`: every problem, those of excluded entities included. */
export function readCatalogProblems(contentDir: string): Problem[] {
  const problems = readJson<Problem[]>(path.join(contentDir, 'catalog', 'problems.json'), []);
  return Array.isArray(problems) ? problems : [];
}
