// A plain tree walk for the renderer's hot path. unist-util-visit builds a test function, an
// ancestors array and a result tuple per node; with about ten walks per page that was ~15% of a
// docs page's CPU (bench/docs-bench.ts, --cpu-prof). This walks children arrays directly.
import type { Element, Root as HastRoot, RootContent } from 'hast';

/** Returned by a visitor: do not walk into this node's children. */
export const SKIP = Symbol('skip');

/** What a visitor returns: nothing (walk on), SKIP, or the index to continue at (after a splice). */
export type Step = void | typeof SKIP | number;

interface AnyNode {
  type: string;
  children?: AnyNode[];
}
interface AnyParent {
  children: AnyNode[];
}

/** Pre-order walk of every node under `parent` (any unist tree: mdast or hast). */
export function walk<N extends AnyNode, P extends AnyParent = AnyParent>(parent: P, visitor: (node: N, index: number, parent: P) => Step): void {
  // Read `parent.children` each time: a visitor may replace the array of the node it is in.
  for (let i = 0; i < parent.children.length; ) {
    const node = parent.children[i] as N;
    const step = visitor(node, i, parent);
    if (typeof step === 'number') {
      i = step;
      continue;
    }
    if (step !== SKIP && Array.isArray(node.children)) walk(node as unknown as P, visitor);
    i++;
  }
}

/** Pre-order walk of the elements of a hast tree, with each one's parent and index. */
export function walkElements(tree: HastRoot | Element, visitor: (node: Element, index: number, parent: HastRoot | Element) => Step): void {
  walk<RootContent, HastRoot | Element>(tree, (node, index, parent) => (node.type === 'element' ? visitor(node, index, parent) : undefined));
}
