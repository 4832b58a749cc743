// Turns an assembled catalog entity into the record the portal reads, with its neighbourhood
// (owner, system, domain, parent) resolved here, once, so pages and sections only read it.
import type { CatalogEntity, Entity } from '../../lib/catalog/types.ts';
import type { EntityLinks, EntityRecord, LinkedEntity, StaleMark } from '../../lib/content/records.ts';
import { parseEntityRef } from '../../lib/catalog/ref.ts';
import { entityDisplayName, shortRef } from '../../lib/catalog/display-name.ts';
import { resolveNeighbours, type NeighbourRole } from '../../lib/catalog/neighbourhood.ts';
import { entityPagePath } from '../../lib/content/paths.ts';

export function toEntityRecord(
  entity: CatalogEntity,
  extra: { collectedAt: string; repository?: string; sourceUrl?: string; stale?: StaleMark },
  lookup: (ref: string) => Entity | undefined = () => undefined,
): EntityRecord {
  const { kind, namespace, name } = parseEntityRef(entity.ref);
  const record: EntityRecord = {
    ref: entity.ref,
    kind,
    namespace,
    name,
    title: entityDisplayName(entity.entity),
    path: entityPagePath(entity.ref),
    links: resolveLinks(entity.entity, lookup),
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

/** The neighbours with what a page shows of them; a ref the catalog does not hold has no page. */
export function resolveLinks(entity: Entity, lookup: (ref: string) => Entity | undefined): EntityLinks {
  const links: EntityLinks = {};
  for (const [role, neighbour] of Object.entries(resolveNeighbours(entity, lookup)) as [NeighbourRole, { ref: string; via?: NeighbourRole }][]) {
    const target = lookup(neighbour.ref);
    const linked: LinkedEntity = {
      ref: neighbour.ref,
      kind: neighbour.ref.slice(0, neighbour.ref.indexOf(':')),
      title: target ? entityDisplayName(target) : shortRef(neighbour.ref),
    };
    if (target) linked.path = entityPagePath(neighbour.ref);
    if (neighbour.via) linked.via = neighbour.via;
    links[role] = linked;
  }
  return links;
}
