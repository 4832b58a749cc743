// Reads what `backlot collect` wrote, so the browser tests derive their expectations from the
// collected catalog instead of hard-coding names and counts.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogMeta, EntityRecord } from '../../../lib/content/records.ts';

export interface CollectedCatalog {
  meta: CatalogMeta;
  entities: EntityRecord[];
  byRef: Map<string, EntityRecord>;
}

export async function readCollectedCatalog(contentDir: string): Promise<CollectedCatalog> {
  const catalogDir = path.join(contentDir, 'catalog');
  const meta = JSON.parse(await readFile(path.join(catalogDir, 'meta.json'), 'utf8')) as CatalogMeta;
  const files = (await readdir(path.join(catalogDir, 'entities'), { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  const entities = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(catalogDir, 'entities', f), 'utf8')) as EntityRecord));
  return { meta, entities, byRef: new Map(entities.map((e) => [e.ref, e])) };
}

/** What a person calls the entity, as Backstage shows it: the title, a profile display name, or the name. */
export function displayName(record: EntityRecord): string {
  const profile = record.entity.spec?.profile as { displayName?: unknown } | undefined;
  if (record.entity.metadata.title) return record.entity.metadata.title;
  if (typeof profile?.displayName === 'string' && profile.displayName) return profile.displayName;
  return record.entity.metadata.name;
}

/** Targets of the entity's relations of one type. */
export function relationTargets(record: EntityRecord, type: string): string[] {
  return (record.entity.relations ?? []).filter((r) => r.type === type).map((r) => r.targetRef);
}
