// The catalog index of this build, made once from the content collections and shared by every
// page (getStaticPaths and 10,000 renders all await the same promise).
import { getCollection } from 'astro:content';
import type { Problem } from '../../lib/catalog/types.ts';
import type { CatalogMeta, EntityRecord } from '../../lib/content/records.ts';
import { buildCatalogIndex, type CatalogIndex } from './catalog-index.ts';

let indexPromise: Promise<CatalogIndex> | undefined;

export function catalogIndex(): Promise<CatalogIndex> {
  indexPromise ??= (async () => {
    const [entities, run] = await Promise.all([getCollection('entities'), getCollection('catalogRun')]);
    const value = (id: string) => (run.find((entry) => entry.id === id)?.data as { value?: unknown } | undefined)?.value;
    return buildCatalogIndex({
      records: entities.map((entry) => entry.data as unknown as EntityRecord),
      meta: (value('meta') as CatalogMeta | null | undefined) ?? null,
      problems: (value('problems') as Problem[] | undefined) ?? [],
    });
  })();
  return indexPromise;
}
