// What an "explore graph" page draws: Backstage's catalog-graph walk (from the entity, follow the
// chosen relations up to a depth), with a system's or domain's parts grouped inside its boundary.
// Pure, so depth, relation set and direction are tested without layout or rendering.
import { compareRelationTypes, forwardRelation } from '../../../lib/catalog/relations.ts';
import type { EntityRecord } from '../../../lib/content/records.ts';
import { Builder, type DiagramGraph } from './graph.ts';
import { GRAPH_PAGE_KINDS, inRelationSet, type GraphVariant } from './graph-variants.ts';

type Lookup = (ref: string) => EntityRecord | undefined;

export interface ExploreLimits {
  /** Nodes drawn at most. */
  maxNodes: number;
  /** Of them, parts inside the boundary at most, so the parts leave room for what they connect to. */
  maxParts: number;
}

/**
 * What a graph page draws at most: the entity page's limits for a system (20 parts, 12 more
 * outside). dagre's time grows fast with size: over the 10,000-entity bench catalog's 3,960 graph
 * pages, 32 nodes cost 42 s of CPU, 40 nodes 62 s (1–2 s each at 120); and past about 30 nodes a
 * drawing stops being readable. What is left out is counted under it.
 */
export const EXPLORE_LIMITS: ExploreLimits = { maxNodes: 32, maxParts: 20 };

/** Teams and people end a path: everything a team owns would drown the drawing (its page lists it). */
const isParty = (kind: string) => kind === 'group' || kind === 'user';
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The entity and what its chosen relations reach within `depth` steps (breadth first, in the
 * vocabulary's order, at most `maxNodes` nodes; the others reached within the depth are counted
 * as `hidden`; parts at most `maxParts`). For a system or domain, its parts (and their parts) are always followed and drawn
 * inside its boundary, whatever the relation set: the box is what they belong to, so "has part"
 * edges to the entity itself are not drawn. The entity is a node inside its box when its own
 * relations are drawn (owner, domain). `null` when nothing but the entity would be drawn.
 */
export function exploreGraph(record: EntityRecord, lookup: Lookup, variant: GraphVariant, limits: ExploreLimits = EXPLORE_LIMITS): DiagramGraph | null {
  const root = record.ref;
  const include = (type: string) => inRelationSet(variant.relations, type);
  const hasBoundary = GRAPH_PAGE_KINDS.has(record.kind.toLowerCase()) && (record.entity.relations ?? []).some((r) => r.type === 'hasPart');
  const seen = new Set<string>([root]);
  const drawn = new Set<string>([root]);
  const order: string[] = [root];
  const inside = new Set<string>();
  const hidden = new Set<string>();
  let partsDrawn = 0;
  let frontier = [root];
  for (let step = 1; step <= variant.depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const ref of frontier) {
      const current = lookup(ref);
      if (!current || (ref !== root && isParty(current.kind.toLowerCase()))) continue;
      const contains = hasBoundary && (ref === root || inside.has(ref));
      const relations = (current.entity.relations ?? [])
        .map((r) => ({ ...r, containment: contains && r.type === 'hasPart' }))
        .filter((r) => r.containment || include(r.type))
        // Parts first, so a box fills before its neighbours take the room.
        .sort((a, b) => Number(b.containment) - Number(a.containment) || compareRelationTypes(a.type, b.type) || byString(a.targetRef, b.targetRef));
      for (const r of relations) {
        const target = r.targetRef;
        if (r.containment && target !== root) inside.add(target);
        if (seen.has(target)) continue;
        seen.add(target);
        next.push(target);
        // Past a limit the walk goes on, so what is left out is counted in full.
        if (drawn.size >= limits.maxNodes || (r.containment && partsDrawn >= limits.maxParts)) hidden.add(target);
        else {
          if (r.containment) partsDrawn++;
          drawn.add(target);
          order.push(target);
        }
      }
    }
    frontier = next;
  }

  const b = new Builder(lookup);
  for (const ref of order) b.node(ref, { ...(ref === root ? { focus: true } : {}), ...(hasBoundary && (ref === root || inside.has(ref)) ? { inside: true } : {}) });
  for (const ref of order) {
    for (const r of lookup(ref)?.entity.relations ?? []) {
      if (!include(r.type) || !drawn.has(r.targetRef)) continue;
      const e = forwardRelation(ref, r.type, r.targetRef);
      // The boundary already says what is part of the entity.
      if (hasBoundary && e.type === 'partOf' && e.to === root) continue;
      b.edge(ref, r.type, r.targetRef);
    }
  }
  const rootHasEdges = [...b.edges.values()].some((e) => e.from === root || e.to === root);
  if (!rootHasEdges && hasBoundary) b.nodes.delete(root);
  if (b.nodes.size === 0 || (b.nodes.size === 1 && b.nodes.has(root))) return null;
  const boundary = hasBoundary ? { ref: root, title: record.title, kind: record.kind.toLowerCase() } : undefined;
  return b.graph(variant.direction === 'tb' ? 'TB' : 'LR', hidden.size, boundary);
}
