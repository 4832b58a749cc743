// An entity's place in the organisation (owner, system, domain, parent), resolved once from the
// derived relations, so no reader re-parses `spec.owner` with its own defaults.
import type { Entity } from './types.ts';

/** The neighbours every entity page and section asks for. */
export type NeighbourRole = 'owner' | 'system' | 'domain' | 'parent';

/** One neighbour: its full ref, and `via` when it is reached through another neighbour. */
export interface Neighbour {
  ref: string;
  /** Set when the neighbour is not named by the entity itself: a component's domain `via: 'system'`. */
  via?: NeighbourRole;
}

const targets = (entity: Entity | undefined, type: string, kind?: string) =>
  (entity?.relations ?? []).filter((r) => r.type === type && (!kind || r.targetRef.startsWith(`${kind}:`))).map((r) => r.targetRef).sort();

/**
 * Owner (`ownedBy`), system (`partOf` a system), domain (`partOf` a domain, or the system's domain,
 * as Backstage's model says) and parent (a group's `childOf`, a component's `partOf` component, a
 * domain's `partOf` domain). `lookup` finds other entities of the catalog by ref.
 */
export function resolveNeighbours(entity: Entity, lookup: (ref: string) => Entity | undefined): Partial<Record<NeighbourRole, Neighbour>> {
  const kind = entity.kind.toLowerCase();
  const found: Partial<Record<NeighbourRole, Neighbour>> = {};
  const owner = targets(entity, 'ownedBy')[0];
  if (owner) found.owner = { ref: owner };
  const system = targets(entity, 'partOf', 'system')[0];
  if (system) found.system = { ref: system };
  if (kind === 'domain') {
    const parent = targets(entity, 'partOf', 'domain')[0];
    if (parent) found.parent = { ref: parent };
  } else {
    const domain = targets(entity, 'partOf', 'domain')[0];
    if (domain) found.domain = { ref: domain };
    else if (system) {
      const throughSystem = targets(lookup(system), 'partOf', 'domain')[0];
      if (throughSystem) found.domain = { ref: throughSystem, via: 'system' };
    }
  }
  const parent = kind === 'group' ? targets(entity, 'childOf')[0] : kind === 'component' ? targets(entity, 'partOf', 'component')[0] : undefined;
  if (parent) found.parent = { ref: parent };
  return found;
}
