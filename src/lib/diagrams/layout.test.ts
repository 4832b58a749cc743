import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DiagramGraph } from './graph.ts';
import { clearLayoutCache, flushLayoutStore, layoutDiagram, layoutStats, type DiagramLayout } from './layout.ts';

// Hermetic: the layouts kept in the project's .cache/ are neither read nor written here.
beforeEach(() => clearLayoutCache({ useStore: false }));

/** A focus with `deps` it depends on, `users` depending on it, and an owner; titles from `title`. */
function star(prefix: string, deps: number, users: number, title: (ref: string) => string, reverse = false): DiagramGraph {
  const focus = `component:default/${prefix}`;
  const refs = [...Array.from({ length: deps }, (_, i) => `component:default/${prefix}-dep-${i}`), ...Array.from({ length: users }, (_, i) => `component:default/${prefix}-user-${i}`), `group:default/${prefix}-team`];
  const nodes = [{ ref: focus, title: title(focus), kind: 'component', path: `p/${prefix}/`, focus: true }, ...refs.map((ref) => ({ ref, title: title(ref), kind: ref.split(':')[0], path: `p/${ref}/` }))];
  const edges = refs.map((ref) => ref.includes('-dep-') ? { from: focus, to: ref, type: 'dependsOn', label: 'depends on' } : ref.includes('-user-') ? { from: ref, to: focus, type: 'dependsOn', label: 'depends on' } : { from: focus, to: ref, type: 'ownedBy', label: 'owned by' });
  return { nodes: reverse ? nodes.reverse() : nodes, edges: reverse ? edges.reverse() : edges, direction: 'LR', hidden: 0 };
}

/** Distance from a point to a node's box (0 inside or on it). */
function distance(layout: DiagramLayout, ref: string, x: number, y: number): number {
  const n = layout.nodes.find((node) => node.ref === ref)!;
  const dx = Math.max(n.x - x, 0, x - (n.x + n.width));
  const dy = Math.max(n.y - y, 0, y - (n.y + n.height));
  return Math.hypot(dx, dy);
}

function assertWellPlaced(layout: DiagramLayout) {
  for (const a of layout.nodes) for (const b of layout.nodes) {
    if (a === b) continue;
    const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    assert.ok(apart, `${a.ref} overlaps ${b.ref}`);
  }
  for (const edge of layout.edges) {
    const points = [...edge.d.matchAll(/[ML](-?\d+) (-?\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.ok(distance(layout, edge.from, points[0][0], points[0][1]) <= 2, `${edge.from} → ${edge.to} starts at its source`);
    assert.ok(distance(layout, edge.to, ...(points.at(-1) as [number, number])) <= 2, `${edge.from} → ${edge.to} ends at its target`);
  }
}

test('graphs of the same shape share one layout, and each still gets its own nodes at the right places', () => {
  const first = layoutDiagram(star('a', 3, 2, (ref) => ref.slice(-8)));
  // Other names, other titles of the same size, nodes and edges listed in another order.
  const second = layoutDiagram(star('b', 3, 2, (ref) => ref.slice(-8).toUpperCase(), true));
  assert.deepEqual(layoutStats(), { layouts: 1, reused: 1, stored: 0, shapes: 1 });
  assertWellPlaced(first);
  assertWellPlaced(second);
  assert.equal(second.nodes.find((n) => n.ref === 'component:default/b')!.shownTitle, 'EFAULT/B');
  assert.deepEqual([second.width, second.height], [first.width, first.height]);
});

test('another shape, or longer titles (wider boxes), get a layout of their own', () => {
  layoutDiagram(star('a', 3, 2, () => 'short'));
  layoutDiagram(star('a', 3, 3, () => 'short'));
  const wide = layoutDiagram(star('a', 3, 2, (ref) => (ref.endsWith('dep-0') ? 'a title that needs the widest box' : 'short')));
  assert.equal(layoutStats().layouts, 3);
  assertWellPlaced(wide);
  const widths = new Set(wide.nodes.map((n) => n.width));
  assert.equal(widths.size, 1, 'one box size per diagram');
  const long = wide.nodes.find((n) => n.ref.endsWith('dep-0'))!;
  assert.equal(long.title, 'a title that needs the widest box');
  assert.match(long.shownTitle, /…$/);
});

test('a boundary encloses the inside nodes, also when its layout is reused', () => {
  const graph = (prefix: string): DiagramGraph => ({
    nodes: [
      { ref: `component:default/${prefix}-1`, title: 'one', kind: 'component', path: 'p/', inside: true },
      { ref: `component:default/${prefix}-2`, title: 'two', kind: 'component', path: 'p/', inside: true },
      { ref: `resource:default/${prefix}-db`, title: 'db', kind: 'resource', path: 'p/' },
    ],
    edges: [
      { from: `component:default/${prefix}-1`, to: `component:default/${prefix}-2`, type: 'dependsOn', label: 'depends on' },
      { from: `component:default/${prefix}-2`, to: `resource:default/${prefix}-db`, type: 'dependsOn', label: 'depends on' },
    ],
    boundary: { ref: `system:default/${prefix}`, title: prefix, kind: 'system' },
    direction: 'LR',
    hidden: 0,
  });
  for (const prefix of ['x', 'y']) {
    const layout = layoutDiagram(graph(prefix));
    const b = layout.boundary!;
    assert.equal(b.ref, `system:default/${prefix}`);
    for (const n of layout.nodes) {
      const inside = n.x >= b.x && n.y >= b.y && n.x + n.width <= b.x + b.width && n.y + n.height <= b.y + b.height;
      assert.equal(inside, Boolean(n.inside), `${n.ref} ${n.inside ? 'inside' : 'outside'} the boundary`);
    }
    assert.ok(b.y >= 0 && b.y + b.height <= layout.height && b.x + b.width <= layout.width, 'the boundary fits the drawing');
    assertWellPlaced(layout);
  }
  assert.deepEqual(layoutStats(), { layouts: 1, reused: 1, stored: 0, shapes: 1 });
});

/** Runs `body` with the kept layouts in a fresh temporary folder, as `backlot build --cache-dir` would. */
async function withLayoutStore(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-layouts-'));
  const previous = process.env.BACKLOT_BUILD_CACHE_DIR;
  process.env.BACKLOT_BUILD_CACHE_DIR = dir;
  try {
    clearLayoutCache();
    await body(dir);
  } finally {
    if (previous === undefined) delete process.env.BACKLOT_BUILD_CACHE_DIR;
    else process.env.BACKLOT_BUILD_CACHE_DIR = previous;
    clearLayoutCache({ useStore: false });
    await rm(dir, { recursive: true, force: true });
  }
}

test('layouts kept by one build are reused by the next, with the same geometry, and a new version of the code starts afresh', () =>
  withLayoutStore(async (dir) => {
    const cold = layoutDiagram(star('a', 4, 1, (ref) => ref.slice(-9)));
    assert.equal(layoutStats().layouts, 1);
    flushLayoutStore();
    const file = path.join(dir, 'diagram-layouts.json');
    assert.equal(Object.keys(JSON.parse(await readFile(file, 'utf8')).shapes).length, 1, 'one shape kept');

    clearLayoutCache(); // as a new build process would start
    const warm = layoutDiagram(star('a', 4, 1, (ref) => ref.slice(-9)));
    assert.deepEqual(layoutStats(), { layouts: 0, reused: 0, stored: 1, shapes: 1 });
    assert.deepEqual(warm, cold);

    // Kept by other layout code: not trusted.
    const kept = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...kept, version: 'older-code' }));
    clearLayoutCache();
    layoutDiagram(star('a', 4, 1, (ref) => ref.slice(-9)));
    assert.deepEqual(layoutStats(), { layouts: 1, reused: 0, stored: 0, shapes: 1 });

    // A broken file costs a cold layout, nothing else.
    await writeFile(file, '{"version": ');
    clearLayoutCache();
    assert.deepEqual(layoutDiagram(star('a', 4, 1, (ref) => ref.slice(-9))), cold);
    assert.equal(layoutStats().layouts, 1);
  }));

test('the kept layouts hold only the shapes the last build used', () =>
  withLayoutStore(async (dir) => {
    layoutDiagram(star('a', 1, 0, (ref) => ref.slice(-5)));
    layoutDiagram(star('b', 2, 0, (ref) => ref.slice(-5)));
    flushLayoutStore();
    clearLayoutCache();
    layoutDiagram(star('b', 2, 0, (ref) => ref.slice(-5))); // from the store
    layoutDiagram(star('c', 3, 0, (ref) => ref.slice(-5))); // new
    flushLayoutStore();
    const shapes = Object.keys(JSON.parse(await readFile(path.join(dir, 'diagram-layouts.json'), 'utf8')).shapes);
    assert.equal(shapes.length, 2, 'the shape no longer drawn is gone');
  }));

test('a shape laid out on the worker thread is the one the main thread lays out', async () => {
  const { layoutInWorker } = await import('./layout-pool.ts');
  const { canonical, layoutShape, layoutDiagramAsync } = await import('./layout.ts');
  const graph: DiagramGraph = {
    direction: 'LR',
    hidden: 0,
    nodes: [
      { ref: 'component:default/a', kind: 'component', title: 'Alpha service', focus: true },
      { ref: 'api:default/b', kind: 'api', title: 'Beta API' },
      { ref: 'group:default/c', kind: 'group', title: 'Team C' },
    ],
    edges: [
      { from: 'component:default/a', to: 'api:default/b', label: 'provides' },
      { from: 'component:default/a', to: 'group:default/c', label: 'owned by' },
    ],
  } as DiagramGraph;
  const fromWorker = await layoutInWorker(graph);
  assert.ok(fromWorker, 'the worker answered');
  assert.deepEqual(fromWorker, layoutShape(graph, canonical(graph)));
  clearLayoutCache({ useStore: false });
  const asyncLayout = await layoutDiagramAsync(graph);
  clearLayoutCache({ useStore: false });
  assert.deepEqual(asyncLayout, layoutDiagram(graph));
});
