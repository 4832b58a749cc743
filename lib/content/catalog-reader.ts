// Read access to the catalog the catalog collector wrote, for the collectors that run after it
// (CI, metrics, cost …): which entities exist, their annotations, where they live.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { checkFormatVersion } from './format-version.ts';
import type { CatalogMeta, EntityRecord } from './records.ts';

/** One entity as a collector sees it: its record, plus the folder its descriptor is in on disk. */
export interface CatalogEntityView extends EntityRecord {
  /** `metadata.annotations`, never undefined (what most collectors key on: `github.com/project-slug` …). */
  annotations: Record<string, string>;
  /** Local source: the absolute folder of the entity's descriptor (its repository, or a folder in it). */
  localDir?: string;
}

export interface CatalogReader {
  /** Every entity, sorted by ref. Throws CatalogMissingError when no catalog has been collected. */
  entities(): Promise<CatalogEntityView[]>;
  /** One entity by full ref (`component:default/web`), or undefined. */
  get(ref: string): Promise<CatalogEntityView | undefined>;
  /** The run summary the catalog collector wrote. */
  meta(): Promise<CatalogMeta>;
}

export class CatalogMissingError extends Error {
  override name = 'CatalogMissingError';
}

/**
 * A reader over `<content>/catalog/`, reading it once on first use. `localRoots` are the folders
 * of the config's catalog locations, to find a local descriptor's folder on disk.
 */
export function createCatalogReader(catalogDir: string, localRoots: string[] = []): CatalogReader {
  let loaded: Promise<{ meta: CatalogMeta; list: CatalogEntityView[]; byRef: Map<string, CatalogEntityView> }> | undefined;
  const load = () =>
    (loaded ??= (async () => {
      const metaFile = path.join(catalogDir, 'meta.json');
      if (!existsSync(metaFile)) {
        throw new CatalogMissingError(`no catalog in ${catalogDir}: this collector reads the catalog, so run the catalog collector first (collectors: [catalog, …] in backlot.config.yaml, or backlot collect without --only)`);
      }
      const meta = JSON.parse(await readFile(metaFile, 'utf8')) as CatalogMeta;
      checkFormatVersion(metaFile, meta.formatVersion);
      const entitiesDir = path.join(catalogDir, 'entities');
      const files = (await readdir(entitiesDir, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
      const list: CatalogEntityView[] = [];
      for (const file of files) {
        const record = JSON.parse(await readFile(path.join(entitiesDir, file), 'utf8')) as EntityRecord;
        const view: CatalogEntityView = { ...record, annotations: { ...(record.entity.metadata.annotations ?? {}) } };
        if (!record.repository) {
          const root = localRoots.find((r) => existsSync(path.join(r, record.source.file)));
          if (root) view.localDir = path.dirname(path.join(root, record.source.file));
        }
        list.push(view);
      }
      list.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
      return { meta, list, byRef: new Map(list.map((e) => [e.ref, e])) };
    })());
  return {
    entities: async () => (await load()).list,
    get: async (ref) => (await load()).byRef.get(ref.toLowerCase()),
    meta: async () => (await load()).meta,
  };
}
