// Renders a site's Markdown pages on every core: worker threads (render-worker.ts) beside the main
// thread, which renders too (it has the renderer loaded already; a worker pays ~0.5 s CPU to load
// it and compile its grammars). Results come back by page index, so the order of the output never
// depends on which thread finished first, and each page is rendered by the same function either
// way: the output is byte-identical to rendering in one thread (render-pool.test.ts).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderMarkdown, type LinkRequest, type LinkResolution, type RenderedMarkdown } from '../markdown/render.ts';
import type { DocsAsset } from './records.ts';
import { resolveDocsLink, type LinkContext } from './resolve-link.ts';

/** What resolving a page's links needs, sent to each worker once per site. */
export interface SiteLinks {
  pages: string[];
  assets: Record<string, DocsAsset>;
  root: string;
  base: string;
  imageHosts: string[];
}

export interface PageJob {
  /** Docs-relative path of the page (links are resolved from it). */
  path: string;
  markdown: string;
  iframeHosts?: string[];
}

/** A page's rendering and every link question it asked, in order (the render cache keeps them). */
export interface PageRendering {
  result: RenderedMarkdown;
  links: { request: LinkRequest; answer: LinkResolution }[];
}

export interface RenderPool {
  /** Renders one page of `site` (a site is registered with each worker on first use). */
  render(site: SiteLinks, job: PageJob): Promise<PageRendering>;
  /** Worker threads in the pool (the main thread renders beside them). */
  readonly workers: number;
  /** Pages rendered so far by the workers and by the main thread. */
  readonly rendered: { workers: number; main: number };
  close(): Promise<void>;
}

/**
 * Below this many pages a site renders in the main thread. A worker costs ~1.5 s of CPU to load
 * the renderer, compile its grammars and warm its JIT: at 300 pages that was 6.7 s CPU instead of
 * 5.0 s for the same wall time (4.1 s against 3.9 s, DESIGN.md "Docs build speed").
 */
export const POOL_MIN_PAGES = 1000;
/** Jobs handed to a worker ahead, so it is not idle while the main thread renders a page. */
const AHEAD = 4;

/** The link context of a site, made once per thread. */
export function linkContextOf(site: SiteLinks): LinkContext {
  return { pageSet: new Set(site.pages), assets: site.assets, root: site.root, base: site.base, imageHosts: site.imageHosts };
}

/** The rendering of one page, in whichever thread runs it. */
export async function renderPage(context: LinkContext, job: PageJob): Promise<PageRendering> {
  const links: PageRendering['links'] = [];
  const result = await renderMarkdown(job.markdown, {
    iframeHosts: job.iframeHosts,
    resolveLink: (request) => {
      const answer = resolveDocsLink(request, job.path, context);
      links.push({ request, answer });
      return answer;
    },
  });
  return { result, links };
}

interface Pending {
  site: SiteLinks;
  job: PageJob;
  resolve: (value: PageRendering) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  sites: WeakMap<SiteLinks, number>;
  inFlight: Map<number, Pending>;
}

/** A pool of `workers` threads (default: one fewer than the cores, at least one) plus the main thread. */
export function createRenderPool(workers = Math.max(1, os.availableParallelism() - 1)): RenderPool {
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let nextSite = 0;
  let localBusy = false;
  let failed: Error | undefined;
  const localContexts = new WeakMap<SiteLinks, LinkContext>();
  const rendered = { workers: 0, main: 0 };

  for (let i = 0; i < workers; i++) {
    // A path, not `new URL('./…', import.meta.url)`: Vite would copy the worker into the portal's
    // build as an asset when the Astro page imports render-site.ts (which only passes a pool on).
    const worker = new Worker(path.join(path.dirname(fileURLToPath(import.meta.url)), 'render-worker.ts'));
    const slot: Slot = { worker, sites: new WeakMap(), inFlight: new Map() };
    worker.on('message', (message: { id: number; rendering?: PageRendering; error?: string }) => {
      const pending = slot.inFlight.get(message.id);
      if (!pending) return;
      slot.inFlight.delete(message.id);
      if (message.rendering) {
        rendered.workers++;
        pending.resolve(message.rendering);
      }
      else pending.reject(new Error(`rendering ${pending.job.path} in a worker failed: ${message.error}`));
      pump();
    });
    worker.on('error', (error) => fail(slot, error));
    worker.on('exit', (code) => {
      if (slot.inFlight.size > 0) fail(slot, new Error(`a render worker exited (code ${code}) with pages unrendered`));
    });
    slots.push(slot);
  }

  function fail(slot: Slot, error: Error) {
    failed ??= error;
    for (const pending of slot.inFlight.values()) pending.reject(error);
    slot.inFlight.clear();
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    pump();
  }

  function send(slot: Slot, pending: Pending) {
    let siteId = slot.sites.get(pending.site);
    if (siteId === undefined) {
      siteId = nextSite++;
      slot.sites.set(pending.site, siteId);
      slot.worker.postMessage({ type: 'site', siteId, site: pending.site });
    }
    const id = nextId++;
    slot.inFlight.set(id, pending);
    slot.worker.postMessage({ type: 'page', id, siteId, job: pending.job });
  }

  function pump() {
    for (const slot of slots) {
      while (queue.length > 0 && slot.inFlight.size < AHEAD) send(slot, queue.shift()!);
    }
    if (!localBusy && queue.length > 0) {
      localBusy = true;
      // After the workers' next messages are read, so they get refilled before this page blocks.
      setImmediate(runLocal);
    }
  }

  async function runLocal() {
    const pending = queue.shift();
    if (!pending) {
      localBusy = false;
      return;
    }
    try {
      let context = localContexts.get(pending.site);
      if (!context) localContexts.set(pending.site, (context = linkContextOf(pending.site)));
      const rendering = await renderPage(context, pending.job);
      rendered.main++;
      pending.resolve(rendering);
    } catch (error) {
      pending.reject(error as Error);
    }
    localBusy = false;
    pump();
  }

  return {
    workers: slots.length,
    rendered,
    render(site, job) {
      if (failed && slots.length === 0) return Promise.reject(failed);
      return new Promise<PageRendering>((resolve, reject) => {
        queue.push({ site, job, resolve, reject });
        pump();
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
      slots.length = 0;
    },
  };
}
