// Lays a diagram out at build time with dagre (layered graph drawing, as Mermaid's flowcharts do),
// and returns plain geometry for the SVG component: boxes, edge paths, label positions.
//
// Why memoised by shape: dagre costs ~4 ms for even a 7-node graph (it copies graphs at every
// phase), which over 10,000 entity pages added minutes to the build. Most neighbourhoods have the
// same shape (a focus, a few neighbours, the same few relation labels), so a layout is computed
// once per shape: node widths come in a few sizes (titles are cut to fit them), nodes are put in a
// canonical order, and the geometry is reused for every graph of that shape. On the 10,000-entity
// bench catalog: 916 layouts for 10,000 diagrams. The shapes are also kept between builds
// (layout-store.ts), so a scheduled build lays out only the shapes that are new.
import path from 'node:path';
import dagre from '@dagrejs/dagre';
import { layoutCodeVersion, openLayoutStore, type LayoutStore } from './layout-store.ts';
import { buildCacheDir } from '../portal-config.ts';
import { layoutInWorker } from './layout-pool.ts';
import type { DiagramEdge, DiagramGraph, DiagramNode } from './graph.ts';

export interface PlacedNode extends DiagramNode {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The title as drawn: cut to fit, the full title stays in the accessible name. */
  shownTitle: string;
}

export interface PlacedEdge extends DiagramEdge {
  /** SVG path data through dagre's points. */
  d: string;
  labelX: number;
  labelY: number;
  labelWidth: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  boundary?: DiagramGraph['boundary'] & { x: number; y: number; width: number; height: number };
  hidden: number;
}

const CHAR = 7.2; // average glyph width at 13px in the portal's sans-serif stack
/** Node widths: all nodes of a diagram take the size of its longest title (cut to the last size's characters). */
const SIZES = [12, 20, 28].map((chars) => ({ chars, width: Math.ceil(chars * CHAR + 28) }));
export const MAX_TITLE = SIZES[SIZES.length - 1].chars;
const NODE_HEIGHT = 44;
const LABEL_CHAR = 6.2; // 11px edge labels
const MARGIN = 16;
/** Enough for every distinct shape of a 10,000-entity catalog; beyond it, the oldest go. */
const CACHE_LIMIT = 20_000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const round = (n: number) => Math.round(n);
function sizeOf(title: string): number {
  const size = SIZES.findIndex((s) => title.length <= s.chars);
  return size === -1 ? SIZES.length - 1 : size;
}

/** Geometry of one shape, by canonical node and edge index. */
export interface ShapeLayout {
  width: number;
  height: number;
  nodes: { x: number; y: number; width: number }[];
  edges: { d: string; labelX: number; labelY: number; labelWidth: number }[];
  boundary?: { x: number; y: number; width: number; height: number };
}

const cache = new Map<string, ShapeLayout>();
let stats = { layouts: 0, reused: 0, stored: 0 };
let store: LayoutStore<ShapeLayout> | undefined;
let storeDisabled = false;

/** The layouts kept from the last build, opened at the first layout of this one. */
function layoutStore(): LayoutStore<ShapeLayout> | undefined {
  if (storeDisabled) return undefined;
  store ??= openLayoutStore<ShapeLayout>(path.join(buildCacheDir(), 'diagram-layouts.json'), layoutCodeVersion());
  return store;
}

/** How many layouts dagre computed and how many were reused, since the process started. */
export function layoutStats(): { layouts: number; reused: number; stored: number; shapes: number } {
  return { ...stats, shapes: cache.size };
}

/** Writes the kept layouts now (otherwise done when the process exits). */
export function flushLayoutStore(): void {
  store?.flush();
}

/** For tests: forget every memoised shape; `useStore: false` also stops reading and writing the kept layouts. */
export function clearLayoutCache(options: { useStore?: boolean } = {}): void {
  cache.clear();
  stats = { layouts: 0, reused: 0, stored: 0 };
  store = undefined;
  storeDisabled = options.useStore === false;
}

/**
 * The graph in canonical form: nodes sorted by what the layout sees of them (flags, size, their
 * edges' labels and directions), ties by their order in the graph; edges sorted by endpoints.
 */
export function canonical(graph: DiagramGraph) {
  // One size for every node of a diagram (the longest title's): far fewer shapes, and tidy columns.
  const size = Math.max(0, ...graph.nodes.map((n) => sizeOf(n.title)));
  const sizes = graph.nodes.map(() => size);
  const position = new Map(graph.nodes.map((n, i) => [n.ref, i]));
  const incident = graph.nodes.map(() => [] as string[]);
  const focusIndex = graph.nodes.findIndex((n) => n.focus);
  for (const e of graph.edges) {
    const from = position.get(e.from)!;
    const to = position.get(e.to)!;
    incident[from].push(`>${e.label}${to === focusIndex ? '*' : ''}`);
    incident[to].push(`<${e.label}${from === focusIndex ? '*' : ''}`);
  }
  const signature = graph.nodes.map((n, i) => `${n.focus ? 0 : 1}${n.inside ? 0 : 1}${sizes[i]}|${incident[i].sort().join(',')}`);
  const order = graph.nodes.map((_, i) => i).sort((a, b) => (signature[a] < signature[b] ? -1 : signature[a] > signature[b] ? 1 : a - b));
  const canonicalIndex = new Array<number>(order.length);
  order.forEach((original, c) => (canonicalIndex[original] = c));
  const edges = graph.edges
    .map((e, i) => ({ i, from: canonicalIndex[position.get(e.from)!], to: canonicalIndex[position.get(e.to)!], label: e.label }))
    .sort((a, b) => a.from - b.from || a.to - b.to || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const key = [
    graph.direction,
    graph.boundary ? 'b' : '',
    order.map((i) => `${graph.nodes[i].focus ? 'f' : ''}${graph.nodes[i].inside ? 'i' : ''}${sizes[i]}`).join(' '),
    edges.map((e) => `${e.from}>${e.to}:${e.label}`).join(' '),
  ].join('|');
  return { key, order, sizes, canonicalIndex, edges };
}

export function layoutShape(graph: DiagramGraph, c: ReturnType<typeof canonical>): ShapeLayout {
  const g = new dagre.graphlib.Graph({ compound: Boolean(graph.boundary), multigraph: true });
  g.setGraph({ rankdir: graph.direction, nodesep: 24, ranksep: graph.direction === 'LR' ? 70 : 50, edgesep: 12, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const BOUNDARY = 'boundary';
  if (graph.boundary) g.setNode(BOUNDARY, { paddingTop: 28 });
  c.order.forEach((original, i) => {
    g.setNode(`n${i}`, { width: SIZES[c.sizes[original]].width, height: NODE_HEIGHT });
    if (graph.boundary && graph.nodes[original].inside) g.setParent(`n${i}`, BOUNDARY);
  });
  c.edges.forEach((e, i) => g.setEdge(`n${e.from}`, `n${e.to}`, { width: e.label.length * LABEL_CHAR + 8, height: 14, labelpos: 'c' }, `e${i}`));
  dagre.layout(g);

  const nodes = c.order.map((_, i) => {
    const n = g.node(`n${i}`) as { x: number; y: number; width: number };
    return { x: round(n.x - n.width / 2), y: round(n.y - NODE_HEIGHT / 2), width: n.width };
  });
  const edges = c.edges.map((e, i) => {
    const placed = g.edge({ v: `n${e.from}`, w: `n${e.to}`, name: `e${i}` }) as { points: { x: number; y: number }[]; x: number; y: number; width: number };
    return { points: placed.points.map((p) => ({ x: round(p.x), y: round(p.y) })), labelX: round(placed.x), labelY: round(placed.y), labelWidth: round(placed.width) };
  });
  const info = g.graph() as { width?: number; height?: number };
  let width = Math.ceil(info.width ?? 0);
  let height = Math.ceil(info.height ?? 0);
  let boundary: ShapeLayout['boundary'];
  let shift = 0;
  if (graph.boundary) {
    const b = g.node(BOUNDARY) as { x: number; y: number; width: number; height: number };
    // Room above the parts for the boundary's title.
    boundary = { x: round(b.x - b.width / 2), y: round(b.y - b.height / 2 - 14), width: round(b.width), height: round(b.height + 14) };
    if (boundary.y < 0) shift = -boundary.y + 4;
    boundary.y += shift;
    height = Math.max(height + shift, boundary.y + boundary.height + MARGIN);
    width = Math.max(width, boundary.x + boundary.width + MARGIN);
  }
  return {
    width,
    height,
    nodes: nodes.map((n) => ({ ...n, y: n.y + shift })),
    edges: edges.map((e) => ({
      d: e.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${p.x} ${p.y + shift}`).join(''),
      labelX: e.labelX,
      labelY: e.labelY + shift,
      labelWidth: e.labelWidth,
    })),
    ...(boundary ? { boundary } : {}),
  };
}

/** A shape known already: memoised in this process or kept by the last build. */
function knownShape(key: string): ShapeLayout | undefined {
  const shape = cache.get(key);
  if (shape) {
    stats.reused++;
    return shape;
  }
  const stored = layoutStore()?.get(key);
  if (stored) {
    stats.stored++;
    remember(key, stored);
  }
  return stored;
}

function remember(key: string, shape: ShapeLayout): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, shape);
}

export function layoutDiagram(graph: DiagramGraph): DiagramLayout {
  const c = canonical(graph);
  let shape = knownShape(c.key);
  if (!shape) {
    stats.layouts++;
    shape = layoutShape(graph, c);
    layoutStore()?.set(c.key, shape);
    remember(c.key, shape);
  }
  return placeLayout(graph, c, shape);
}

const pending = new Map<string, Promise<ShapeLayout>>();

/**
 * layoutDiagram, with a shape not seen before laid out by dagre on a worker thread
 * (layout-pool.ts), so the render goes on with other pages (Astro renders several at once) on
 * the main thread meanwhile. The same geometry either way: the same function lays it out.
 */
export async function layoutDiagramAsync(graph: DiagramGraph): Promise<DiagramLayout> {
  const c = canonical(graph);
  let shape = knownShape(c.key);
  if (!shape) {
    let laying = pending.get(c.key);
    if (!laying) {
      stats.layouts++;
      laying = layoutInWorker(graph).then((laid) => laid ?? layoutShape(graph, c)).then((laid) => {
        layoutStore()?.set(c.key, laid);
        remember(c.key, laid);
        return laid;
      }).finally(() => pending.delete(c.key));
      pending.set(c.key, laying);
    }
    shape = await laying;
  }
  return placeLayout(graph, c, shape);
}

/** The shape's geometry put on this graph's own nodes and edges (titles cut to the shape's size). */
function placeLayout(graph: DiagramGraph, c: ReturnType<typeof canonical>, placed: ShapeLayout): DiagramLayout {
  const nodes: PlacedNode[] = graph.nodes.map((node, i) => {
    const n = placed.nodes[c.canonicalIndex[i]];
    return { ...node, x: n.x, y: n.y, width: n.width, height: NODE_HEIGHT, shownTitle: cut(node.title, SIZES[c.sizes[i]].chars) };
  });
  const edges: PlacedEdge[] = new Array(graph.edges.length);
  c.edges.forEach((e, ci) => (edges[e.i] = { ...graph.edges[e.i], ...placed.edges[ci] }));
  const layout: DiagramLayout = { width: placed.width, height: placed.height, nodes, edges, hidden: graph.hidden };
  if (graph.boundary && placed.boundary) layout.boundary = { ...graph.boundary, ...placed.boundary };
  return layout;
}
