// The catalog as the concern collectors (cost, metrics) see it: every entity record the catalog
// collector wrote earlier in the same run, with its annotations and owner resolved.
import path from 'node:path';
import { readPreviousRecords } from '../catalog/content-store.ts';
import type { EntityRecord } from '../../lib/content/records.ts';

export interface CatalogEntity {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  annotations: Record<string, string>;
  /** Full ref of the owner (`group:default/payments`), when the entity has one. */
  owner?: string;
  record: EntityRecord;
}

/** Reads the catalog records under `<generated>/catalog/`; `outDir` is the calling collector's folder. */
export async function readCatalogEntities(outDir: string): Promise<CatalogEntity[]> {
  const records = await readPreviousRecords(path.join(path.dirname(outDir), 'catalog'));
  return [...records.values()]
    .sort((a, b) => a.ref.localeCompare(b.ref))
    .map((record) => ({
      ref: record.ref,
      kind: record.kind,
      namespace: record.namespace,
      name: record.name,
      title: record.title,
      annotations: { ...(record.entity.metadata.annotations ?? {}) },
      owner: record.entity.relations?.find((r) => r.type === 'ownedBy')?.targetRef,
      record,
    }));
}
