// The fixed set of pre-rendered "explore graph" views of a system or domain (Backstage's
// catalog-graph controls, static): depth × which relations × direction, each one page, so every
// control is a plain link that changes only itself. A small fixed set keeps the page count bounded.
import { RELATION_TYPES } from '../../../lib/catalog/relations.ts';

export const GRAPH_DEPTHS = [1, 2, 3] as const;
export type GraphDepth = (typeof GRAPH_DEPTHS)[number];

/** Relation sets, read off the vocabulary: `connecting` relations (and their reverses) are how software connects. */
export const RELATION_SETS = ['all', 'structure', 'apis'] as const;
export type RelationSet = (typeof RELATION_SETS)[number];

export const GRAPH_DIRECTIONS = ['lr', 'tb'] as const;
export type GraphDirection = (typeof GRAPH_DIRECTIONS)[number];

export interface GraphVariant {
  depth: GraphDepth;
  relations: RelationSet;
  direction: GraphDirection;
}

/** What the "Explore graph" link opens: the parts and what they touch, all relations, left to right. */
export const DEFAULT_VARIANT: GraphVariant = { depth: 2, relations: 'all', direction: 'lr' };

export const RELATION_SET_LABELS: Record<RelationSet, string> = {
  all: 'All',
  structure: 'Structure and ownership',
  apis: 'APIs and dependencies',
};
export const DIRECTION_LABELS: Record<GraphDirection, string> = { lr: 'Left to right', tb: 'Top to bottom' };

const isConnecting = (type: string) => Boolean(RELATION_TYPES[type]?.connecting || RELATION_TYPES[RELATION_TYPES[type]?.reverse ?? '']?.connecting);

/** The relation types (both directions) a set draws, from the vocabulary. */
export function relationTypesOf(set: RelationSet): string[] {
  const types = Object.keys(RELATION_TYPES);
  if (set === 'all') return types;
  return types.filter((t) => (set === 'apis') === isConnecting(t));
}

/** Whether a relation type is drawn in a set; a type outside the vocabulary only under `all`. */
export function inRelationSet(set: RelationSet, type: string): boolean {
  if (set === 'all') return true;
  return Object.hasOwn(RELATION_TYPES, type) && (set === 'apis') === isConnecting(type);
}

/** `2-all-lr`: the path segment of a variant. */
export function variantId(v: GraphVariant): string {
  return `${v.depth}-${v.relations}-${v.direction}`;
}

/** The variant a path segment names, or undefined for anything else. */
export function parseVariant(id: string): GraphVariant | undefined {
  const match = /^([0-9]+)-([a-z]+)-([a-z]+)$/.exec(id);
  if (!match) return undefined;
  const depth = Number(match[1]) as GraphDepth;
  const relations = match[2] as RelationSet;
  const direction = match[3] as GraphDirection;
  if (!GRAPH_DEPTHS.includes(depth) || !RELATION_SETS.includes(relations) || !GRAPH_DIRECTIONS.includes(direction)) return undefined;
  return { depth, relations, direction };
}

/** Every variant: 3 depths × 3 relation sets × 2 directions = 18 pages per system or domain. */
export function allVariants(): GraphVariant[] {
  return GRAPH_DEPTHS.flatMap((depth) => RELATION_SETS.flatMap((relations) => GRAPH_DIRECTIONS.map((direction) => ({ depth, relations, direction }))));
}

/** Kinds (lower-case) that get graph pages: those drawn with a boundary around their parts. */
export const GRAPH_PAGE_KINDS = new Set(['system', 'domain']);

/** A graph page's path relative to the base, from its entity's page path (`catalog/default/system/shop/`). */
export function graphPagePath(entityPath: string, v: GraphVariant): string {
  return `${entityPath}graph/${variantId(v)}/`;
}

/**
 * True for a graph page's file in the built site (`catalog/<ns>/<kind>/<name>/graph/<view>/index.html`;
 * no entity page is that deep). Search leaves them out: they are views of the entity's page.
 */
export function isGraphPageFile(file: string): boolean {
  return /^catalog\/[^/]+\/[^/]+\/[^/]+\/graph\/[^/]+\/index\.html$/.test(file);
}
