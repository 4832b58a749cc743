// The worker thread of layout-pool.ts: lays out the shapes it is sent with the same function the
// main thread uses, and answers with the geometry (or nothing, and the main thread lays it out).
import { parentPort } from 'node:worker_threads';
import type { DiagramGraph } from './graph.ts';
import { canonical, layoutShape } from './layout.ts';

parentPort?.on('message', ({ id, graph }: { id: number; graph: DiagramGraph }) => {
  try {
    parentPort!.postMessage({ id, shape: layoutShape(graph, canonical(graph)) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
