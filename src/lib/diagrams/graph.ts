// What each catalog diagram shows (an entity's neighbourhood, a system's or domain's parts inside
// its boundary with their outside neighbours, the org chart), as plain nodes and edges. Pure, so
// the choice of what is drawn is tested without layout or rendering.
import { RELATION_TYPES, forwardRelation } from '../../../lib/catalog/relations.ts';
import { shortRef } from '../../../lib/catalog/display-name.ts';
import type { EntityRecord } from '../../../lib/content/records.ts';

export interface DiagramNode {
  /** Full ref: identity and link target. */
  ref: string;
  /** Display name (descriptor text: only ever SVG text content). */
  title: string;
  kind: string;
  /** Page path relative to the base; absent for a ref the catalog does not hold. */
  path?: string;
  /** The entity the page is about. */
  focus?: boolean;
  /** Drawn inside the boundary (a system's or domain's parts). */
  inside?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** Relation type, drawn forward (`ownedBy`, `dependsOn` …). */
  type: string;
  /** Words on the edge, from the relation vocabulary. */
  label: string;
}

export interface DiagramGraph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** A box around the `inside` nodes: the system or domain itself. */
  boundary?: { ref: string; title: string; kind: string };
  /** Left to right (dependencies) or top to bottom (org chart). */
  direction: 'LR' | 'TB';
  /** Neighbours left out to keep the drawing readable. */
  hidden: number;
}

type Lookup = (ref: string) => EntityRecord | undefined;

const CONNECTING = new Set(Object.keys(RELATION_TYPES).filter((t) => RELATION_TYPES[t].connecting));
const isConnecting = (type: string) => CONNECTING.has(type) || CONNECTING.has(RELATION_TYPES[type]?.reverse ?? '');
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function nodeOf(ref: string, lookup: Lookup, extra: Partial<DiagramNode> = {}): DiagramNode {
  const record = lookup(ref);
  return record
    ? { ref, title: record.title, kind: record.kind.toLowerCase(), path: record.path, ...extra }
    : { ref, title: shortRef(ref), kind: ref.slice(0, ref.indexOf(':')), ...extra };
}

/** Collects nodes and edges once each; an edge is kept only when both its ends are drawn. */
export class Builder {
  nodes = new Map<string, DiagramNode>();
  edges = new Map<string, DiagramEdge>();
  private lookup: Lookup;
  constructor(lookup: Lookup) {
    this.lookup = lookup;
  }
  node(ref: string, extra: Partial<DiagramNode> = {}) {
    if (!this.nodes.has(ref)) this.nodes.set(ref, nodeOf(ref, this.lookup, extra));
  }
  /** A relation seen from `from`, drawn forward, when both ends are drawn. */
  edge(from: string, type: string, to: string) {
    const e = forwardRelation(from, type, to);
    if (!this.nodes.has(e.from) || !this.nodes.has(e.to) || e.from === e.to) return;
    const key = `${e.from}\u0000${e.type}\u0000${e.to}`;
    if (!this.edges.has(key)) this.edges.set(key, { ...e, label: RELATION_TYPES[e.type]?.edgeLabel ?? e.type });
  }
  /** An edge exactly as given (the org chart draws parent → child). */
  rawEdge(from: string, type: string, to: string) {
    if (this.nodes.has(from) && this.nodes.has(to) && from !== to) this.edges.set(`${from}\u0000${type}\u0000${to}`, { from, type, to, label: RELATION_TYPES[type]?.edgeLabel ?? type });
  }
  graph(direction: 'LR' | 'TB', hidden: number, boundary?: DiagramGraph['boundary']): DiagramGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], direction, hidden, ...(boundary ? { boundary } : {}) };
  }
}

/**
 * The entity, what it relates to (up to `maxNodes`, relation types picked by `include`), and how
 * those neighbours connect among themselves. `null` when there is nothing to draw.
 */
export function neighbourhoodGraph(record: EntityRecord, lookup: Lookup, options: { maxNodes?: number; include?: (type: string) => boolean } = {}): DiagramGraph | null {
  const { maxNodes = 25, include = () => true } = options;
  const relations = (record.entity.relations ?? []).filter((r) => include(r.type));
  if (relations.length === 0) return null;
  const neighbours = [...new Set(relations.map((r) => r.targetRef))].filter((r) => r !== record.ref).sort(byString);
  const shown = neighbours.slice(0, Math.max(0, maxNodes - 1));
  const b = new Builder(lookup);
  b.node(record.ref, { focus: true });
  for (const ref of shown) b.node(ref);
  for (const r of relations) b.edge(record.ref, r.type, r.targetRef);
  for (const ref of shown) {
    for (const r of lookup(ref)?.entity.relations ?? []) if (CONNECTING.has(r.type) && r.targetRef !== record.ref) b.edge(ref, r.type, r.targetRef);
  }
  return b.graph('LR', neighbours.length - shown.length);
}

/**
 * A system's or domain's parts inside its boundary (up to `maxParts`), their outside neighbours
 * (connections only, up to `maxOutside`) outside it. For a domain, systems are connected when their
 * parts are. `null` without parts.
 */
export function boundaryGraph(record: EntityRecord, lookup: Lookup, options: { maxParts?: number; maxOutside?: number } = {}): DiagramGraph | null {
  const { maxParts = 20, maxOutside = 12 } = options;
  const parts = [...new Set((record.entity.relations ?? []).filter((r) => r.type === 'hasPart').map((r) => r.targetRef))].sort(byString);
  if (parts.length === 0) return null;
  const shownParts = parts.slice(0, maxParts);
  const b = new Builder(lookup);
  for (const ref of shownParts) b.node(ref, { inside: true });
  const partSet = new Set(shownParts);
  const isDomain = record.kind.toLowerCase() === 'domain';
  // A part of a part (a domain's system's component) stands for its system in a domain diagram.
  const owningPart = new Map<string, string>();
  if (isDomain) {
    for (const part of shownParts) for (const r of lookup(part)?.entity.relations ?? []) if (r.type === 'hasPart') owningPart.set(r.targetRef, part);
  }
  const outside = new Set<string>();
  const leftOut = new Set<string>();
  for (const part of shownParts) {
    const members = isDomain ? (lookup(part)?.entity.relations ?? []).filter((r) => r.type === 'hasPart').map((r) => r.targetRef) : [part];
    for (const member of [part, ...members]) {
      for (const r of [...(lookup(member)?.entity.relations ?? [])].sort((x, y) => byString(x.type + x.targetRef, y.type + y.targetRef))) {
        if (!isConnecting(r.type)) continue;
        const target = owningPart.get(r.targetRef) ?? r.targetRef;
        if (target === part || target === record.ref) continue;
        if (!partSet.has(target) && !outside.has(target)) {
          if (outside.size >= maxOutside) {
            leftOut.add(target);
            continue;
          }
          outside.add(target);
          b.node(target);
        }
        b.edge(part, r.type, target);
      }
    }
  }
  return b.graph('LR', parts.length - shownParts.length + leftOut.size, { ref: record.ref, title: record.title, kind: record.kind.toLowerCase() });
}

/** Groups as a tree, parents above children. `null` when there are no groups. */
export function orgGraph(groups: EntityRecord[], lookup: Lookup, maxNodes = 150): DiagramGraph | null {
  if (groups.length === 0) return null;
  const shown = [...groups].sort((a, b) => byString(a.ref, b.ref)).slice(0, maxNodes);
  const b = new Builder(lookup);
  for (const g of shown) b.node(g.ref);
  for (const g of shown) if (g.links.parent) b.rawEdge(g.links.parent.ref, 'parentOf', g.ref);
  return b.graph('TB', groups.length - shown.length);
}
