// Lays a diagram out at build time with dagre (layered graph drawing, as Mermaid's flowcharts do),
// and returns plain geometry for the SVG component: boxes, edge paths, label positions. Node sizes
// come from the text, so labels never overlap titles.
import dagre from '@dagrejs/dagre';
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
const MAX_TITLE = 28;
const NODE_HEIGHT = 44;
const LABEL_CHAR = 6.2; // 11px edge labels
const MARGIN = 16;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const round = (n: number) => Math.round(n * 10) / 10;

export function layoutDiagram(graph: DiagramGraph): DiagramLayout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: graph.direction, nodesep: 24, ranksep: graph.direction === 'LR' ? 70 : 50, edgesep: 12, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const BOUNDARY = '\u0000boundary';
  if (graph.boundary) g.setNode(BOUNDARY, { label: graph.boundary.title, paddingTop: 28 });
  for (const node of graph.nodes) {
    const shownTitle = cut(node.title, MAX_TITLE);
    const width = Math.max(90, Math.max(shownTitle.length * CHAR, node.kind.length * 6) + 28);
    g.setNode(node.ref, { width, height: NODE_HEIGHT, shownTitle });
    if (graph.boundary && node.inside) g.setParent(node.ref, BOUNDARY);
  }
  graph.edges.forEach((edge, i) => {
    g.setEdge(edge.from, edge.to, { width: edge.label.length * LABEL_CHAR + 8, height: 14, labelpos: 'c' }, `e${i}`);
  });
  dagre.layout(g);

  const nodes: PlacedNode[] = graph.nodes.map((node) => {
    const n = g.node(node.ref) as { x: number; y: number; width: number; height: number; shownTitle: string };
    return { ...node, x: round(n.x - n.width / 2), y: round(n.y - n.height / 2), width: round(n.width), height: n.height, shownTitle: n.shownTitle };
  });
  const edges: PlacedEdge[] = graph.edges.map((edge, i) => {
    const e = g.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as { points: { x: number; y: number }[]; x: number; y: number; width: number };
    const d = e.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
    return { ...edge, d, labelX: round(e.x), labelY: round(e.y), labelWidth: round(e.width) };
  });
  const info = g.graph() as { width?: number; height?: number };
  const layout: DiagramLayout = { width: Math.ceil(info.width ?? 0), height: Math.ceil(info.height ?? 0), nodes, edges, hidden: graph.hidden };
  if (graph.boundary) {
    const b = g.node(BOUNDARY) as { x: number; y: number; width: number; height: number };
    // Room above the parts for the boundary's title.
    layout.boundary = { ...graph.boundary, x: round(b.x - b.width / 2), y: round(b.y - b.height / 2 - 14), width: round(b.width), height: round(b.height + 14) };
    layout.height = Math.max(layout.height, Math.ceil(layout.boundary.y + layout.boundary.height + MARGIN));
    if (layout.boundary.y < 0) {
      const shift = -layout.boundary.y + 4;
      layout.boundary.y += shift;
      for (const n of nodes) n.y = round(n.y + shift);
      for (const e of edges) {
        e.labelY = round(e.labelY + shift);
        e.d = e.d.replace(/(-?[\d.]+),(-?[\d.]+)/g, (_, x: string, y: string) => `${x},${round(Number(y) + shift)}`);
      }
      layout.height += shift;
    }
  }
  return layout;
}
