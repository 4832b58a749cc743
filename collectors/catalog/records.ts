// Turns an assembled catalog entity into the record the portal reads.
import type { CatalogEntity } from '../../lib/catalog/types.ts';
import type { EntityRecord, StaleMark } from '../../lib/content/records.ts';
import { parseEntityRef } from '../../lib/catalog/ref.ts';

export function toEntityRecord(
  entity: CatalogEntity,
  extra: { collectedAt: string; repository?: string; sourceUrl?: string; stale?: StaleMark },
): EntityRecord {
  const { kind, namespace, name } = parseEntityRef(entity.ref);
  const record: EntityRecord = {
    ref: entity.ref,
    kind,
    namespace,
    name,
    entity: entity.entity,
    source: { ...entity.source, ...(extra.sourceUrl ? { url: extra.sourceUrl } : {}) },
    problems: entity.problems,
    collectedAt: extra.collectedAt,
  };
  if (entity.unresolved?.length) record.unresolved = entity.unresolved;
  if (extra.repository) record.repository = extra.repository;
  if (extra.stale) record.stale = extra.stale;
  return record;
}

