// The collected catalog as Astro content collections (the content layer), read from the folder
// the collector wrote (`BACKLOT_CONTENT_DIR`, else src/content/generated). No zod model here: the
// collector validated every record against the catalog's JSON Schemas, the one schema source.
import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readCatalogMeta, readCatalogProblems } from './lib/catalog-files.ts';
import { contentDir } from './lib/portal-config.ts';

const root = contentDir();

export const collections = {
  /** One entry per `catalog/entities/<namespace>/<kind>/<name>.json`, its id the entity ref. */
  entities: defineCollection({
    loader: glob({ pattern: '**/*.json', base: path.join(root, 'catalog', 'entities'), generateId: ({ data, entry }) => String(data.ref ?? entry) }),
  }),
  /**
   * The run's two single files as two entries, `meta` (`catalog/meta.json`, null before the first
   * collection) and `problems` (`catalog/problems.json`), so the collection is never empty.
   */
  catalogRun: defineCollection({
    loader: async () => [
      { id: 'meta', value: readCatalogMeta(root) },
      { id: 'problems', value: readCatalogProblems(root) },
    ],
  }),
};
