// One worker thread that lays out diagram shapes with dagre, so a cold build (no kept layouts: the
// first one, or after the layout code changed) uses the machine's second core: dagre was ~17 s of
// the 62 s render of the 10,000-entity bench catalog's 13,993 pages, all on the main thread.
// Started at the first shape not known already; a build whose layouts are all kept never starts it.
// The worker runs the project's own sources (layout-worker.ts → layout.ts) from BACKLOT_ROOT: the
// render's bundled chunks cannot be loaded on their own. Where it cannot start, layouts are
// computed on the main thread as before (`undefined` tells the caller to).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DiagramGraph } from './graph.ts';
import type { ShapeLayout } from './layout.ts';

interface Reply {
  id: number;
  shape?: ShapeLayout;
  error?: string;
}

let worker: Worker | undefined;
let unavailable = false;
let nextId = 0;
const waiting = new Map<number, (shape: ShapeLayout | undefined) => void>();

function start(): Worker | undefined {
  if (worker || unavailable) return worker;
  const file = path.join(process.env.BACKLOT_ROOT ?? process.cwd(), 'src', 'lib', 'diagrams', 'layout-worker.ts');
  if (!existsSync(file)) {
    unavailable = true;
    return undefined;
  }
  try {
    // A small heap: dagre's graphs are small and short-lived, and a default-sized heap let the
    // worker's memory grow by ~200 MB before collecting, on top of the render's.
    worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 } });
  } catch {
    unavailable = true;
    return undefined;
  }
  worker.on('message', (reply: Reply) => {
    const resolve = waiting.get(reply.id);
    waiting.delete(reply.id);
    // Idle: the process may end without waiting for the worker, which keeps nothing to save.
    if (waiting.size === 0) worker?.unref();
    resolve?.(reply.shape);
  });
  const stop = () => {
    unavailable = true;
    worker = undefined;
    for (const resolve of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  worker.on('error', stop);
  worker.on('exit', stop);
  return worker;
}

/** The shape of `graph` laid out on the worker; undefined when the worker is not available or failed on it. */
export function layoutInWorker(graph: DiagramGraph): Promise<ShapeLayout | undefined> {
  const running = start();
  if (!running) return Promise.resolve(undefined);
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    running.ref();
    running.postMessage({ id, graph });
  });
}
