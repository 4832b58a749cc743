// Mermaid source for the catalog's diagrams (an entity's neighbourhood, a system's parts, the org
// chart). Pure text building, so diagrams are deterministic and testable without a browser.
import type { EntityRelation } from '../../lib/catalog/types.ts';
import { RELATION_TYPES, forwardRelation } from '../../lib/catalog/relations.ts';

/** What a diagram needs to know about an entity; `undefined` for a ref not in the catalog. */
export interface DiagramEntity {
  kind: string;
  title: string;
  relations: EntityRelation[];
}
export type DescribeEntity = (ref: string) => DiagramEntity | undefined;

/** Relations that say how software connects (as opposed to who owns it or what it is part of). */
const CONNECTING_TYPES = new Set(Object.keys(RELATION_TYPES).filter((t) => RELATION_TYPES[t].connecting));

/**
 * Escapes text for a quoted Mermaid label: quotes and angle brackets as entity codes, and `%`
 * and backticks too, so a title can never form a `%%{init: …}%%` directive (which would restyle
 * every diagram of the page and can make the browser fetch an outside URL) or a Markdown string.
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/%/g, '#37;')
    .replace(/`/g, '#96;')
    .replace(/[\r\n]+/g, ' ');
}

/** A node declaration, its shape telling the kind apart. */
function nodeLine(id: string, ref: string, entity: DiagramEntity | undefined, highlight: boolean): string {
  const kind = (entity?.kind ?? ref.split(':')[0]).toLowerCase();
  const label = `"${mermaidLabel(entity?.title ?? ref)}<br/><small>${mermaidLabel(kind)}</small>"`;
  const shapes: Record<string, [string, string]> = {
    api: ['([', '])'],
    resource: ['[(', ')]'],
    system: ['[[', ']]'],
    domain: ['{{', '}}'],
    group: ['(', ')'],
    user: ['(', ')'],
  };
  const [open, close] = shapes[kind] ?? ['[', ']'];
  return `  ${id}${open}${label}${close}${highlight ? ':::focus' : entity ? '' : ':::missing'}`;
}

interface Graph {
  ids: Map<string, string>;
  edges: Set<string>;
  lines: string[];
}

function addEdge(graph: Graph, from: string, type: string, to: string) {
  const edge = forwardRelation(from, type, to);
  const a = graph.ids.get(edge.from);
  const b = graph.ids.get(edge.to);
  if (!a || !b) return;
  const key = `${a} ${edge.type} ${b}`;
  if (graph.edges.has(key)) return;
  graph.edges.add(key);
  graph.lines.push(`  ${a} -->|${mermaidLabel(RELATION_TYPES[edge.type]?.edgeLabel ?? edge.type)}| ${b}`);
}

const CLASS_DEFS = ['  classDef focus stroke-width:3px', '  classDef missing stroke-dasharray:4 3'];

/**
 * The entity, every entity it relates to (up to `maxNodes`), and the relations among them.
 * `include` picks the entity's relation types to draw (all by default).
 * Returns `null` when the entity has no relations, so no empty diagram is drawn.
 */
export function neighbourhoodDiagram(ref: string, describe: DescribeEntity, maxNodes = 25, include: (type: string) => boolean = () => true): string | null {
  const described = describe(ref);
  if (!described) return null;
  const center = { ...described, relations: described.relations.filter((r) => include(r.type)) };
  if (center.relations.length === 0) return null;
  const neighbours = [...new Set(center.relations.map((r) => r.targetRef))].sort();
  const shown = neighbours.slice(0, Math.max(0, maxNodes - 1));
  const graph: Graph = { ids: new Map([[ref, 'n0']]), edges: new Set(), lines: [] };
  const nodes = [nodeLine('n0', ref, center, true)];
  shown.forEach((target, i) => {
    graph.ids.set(target, `n${i + 1}`);
    nodes.push(nodeLine(`n${i + 1}`, target, describe(target), false));
  });
  for (const relation of sortRelations(center.relations)) addEdge(graph, ref, relation.type, relation.targetRef);
  for (const target of shown) {
    // Among neighbours only the connections that matter (ownership and membership would clutter).
    // Filtered before sorting: a neighbouring team may own thousands of entities.
    const connecting = (describe(target)?.relations ?? []).filter((r) => CONNECTING_TYPES.has(r.type) && r.targetRef !== ref && graph.ids.has(r.targetRef));
    for (const relation of sortRelations(connecting)) addEdge(graph, target, relation.type, relation.targetRef);
  }
  const hidden = neighbours.length - shown.length;
  if (hidden > 0) nodes.push(`  more["+${hidden} more"]`);
  return ['graph LR', ...nodes, ...graph.lines, ...CLASS_DEFS].join('\n');
}

/**
 * A system's components, APIs and resources inside a box, what they connect to outside it, and
 * how they connect (depends on, provides, consumes). `null` for a system without parts.
 */
export function systemDiagram(ref: string, describe: DescribeEntity, maxNodes = 60): string | null {
  const system = describe(ref);
  if (!system) return null;
  const parts = [...new Set(system.relations.filter((r) => r.type === 'hasPart').map((r) => r.targetRef))].sort().slice(0, maxNodes);
  if (parts.length === 0) return null;
  const graph: Graph = { ids: new Map(), edges: new Set(), lines: [] };
  const inside: string[] = [];
  parts.forEach((part, i) => {
    graph.ids.set(part, `p${i}`);
    inside.push(`  ${nodeLine(`p${i}`, part, describe(part), false)}`);
  });
  const outside: string[] = [];
  const connecting = new Set([...CONNECTING_TYPES].flatMap((t) => [t, RELATION_TYPES[t].reverse]));
  for (const part of parts) {
    for (const relation of sortRelations((describe(part)?.relations ?? []).filter((r) => connecting.has(r.type)))) {
      if (!graph.ids.has(relation.targetRef) && graph.ids.size < maxNodes * 2) {
        const id = `x${outside.length}`;
        graph.ids.set(relation.targetRef, id);
        outside.push(nodeLine(id, relation.targetRef, describe(relation.targetRef), false));
      }
      addEdge(graph, part, relation.type, relation.targetRef);
    }
  }
  return ['graph LR', `  subgraph sys["${mermaidLabel(system.title)}"]`, ...inside, '  end', ...outside, ...graph.lines, ...CLASS_DEFS].join('\n');
}

/** Groups as a tree (child → parent edges drawn top-down). `null` when there are no groups. */
export function orgChartDiagram(groups: { ref: string; title: string; parent?: string }[], maxNodes = 150): string | null {
  if (groups.length === 0) return null;
  const shown = [...groups].sort((a, b) => (a.ref < b.ref ? -1 : 1)).slice(0, maxNodes);
  const ids = new Map(shown.map((g, i) => [g.ref, `g${i}`]));
  const lines = ['graph TD'];
  for (const group of shown) lines.push(`  ${ids.get(group.ref)}("${mermaidLabel(group.title)}")`);
  for (const group of shown) {
    const parent = group.parent && ids.get(group.parent);
    if (parent) lines.push(`  ${parent} --> ${ids.get(group.ref)}`);
  }
  if (groups.length > shown.length) lines.push(`  more["+${groups.length - shown.length} more groups"]`);
  return lines.join('\n');
}

function sortRelations(relations: EntityRelation[]): EntityRelation[] {
  return [...relations].sort((a, b) => (a.type + a.targetRef < b.type + b.targetRef ? -1 : 1));
}
