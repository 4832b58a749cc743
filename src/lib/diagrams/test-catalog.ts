// For the diagram tests: a small catalog assembled and resolved exactly as the collector does.
import { assembleCatalog } from '../../../lib/catalog/assemble.ts';
import { entityRefOf } from '../../../lib/catalog/ref.ts';
import type { Entity, LocatedEntity } from '../../../lib/catalog/types.ts';
import type { EntityRecord } from '../../../lib/content/records.ts';
import { toEntityRecord } from '../../../collectors/catalog/records.ts';

/** Records by ref for `[kind, name, spec]` triples (relations derived in both directions). */
export function testCatalog(entities: [string, string, Record<string, unknown>][]): Map<string, EntityRecord> {
  const located: LocatedEntity[] = entities.map(([kind, name, spec]) => {
    const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name }, spec };
    return { entity, ref: entityRefOf(entity), source: { file: 'f', line: 1, column: 1 }, location: { type: 'file', target: 'f' }, positions: {} };
  });
  const { entities: assembled } = assembleCatalog(located);
  const byRef = new Map(assembled.map((e) => [e.ref, e.entity]));
  return new Map(assembled.map((e) => [e.ref, toEntityRecord(e, { collectedAt: '' }, (r) => byRef.get(r))]));
}
