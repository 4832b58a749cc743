// What JS an entity page really loads, lazy chunks included (the budget check's static count leaves
// out dynamic imports, which is how a diagram library arrives), and how long until its diagram is
// drawn: Chromium opens the page from dist/ served on 127.0.0.1, every script response is counted.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createStaticServer } from '../src/build/static-server.ts';
import { launchChromium } from '../tests/e2e/support/chromium.ts';

export interface EntityPageJs {
  page: string;
  /** Script files the page fetched (module scripts, their imports, lazy chunks). */
  files: number;
  bytes: number;
  gzip: number;
  /** From navigation start until the page's diagram is an SVG; undefined when it has none. */
  msToDiagram?: number;
}

/** Opens `page` (a path under `outDir`, e.g. `catalog/default/component/x/index.html`) in Chromium. */
export async function measureEntityPageJs(outDir: string, page: string): Promise<EntityPageJs> {
  const server = createStaticServer(outDir, '/');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium().catch((error: Error) => {
    server.close();
    throw error;
  });
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    // Notes when the diagram first is an SVG: as the parser inserts it, or when a script draws it.
    await context.addInitScript(() => {
      const w = window as unknown as { __diagramAt?: number };
      const check = () => {
        if (w.__diagramAt === undefined && document.querySelector('[data-testid="diagram"] svg')) w.__diagramAt = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
    });
    const tab = await context.newPage();
    const scripts = new Set<string>();
    tab.on('response', (response) => {
      if (response.request().resourceType() === 'script' && response.url().startsWith(origin)) scripts.add(new URL(response.url()).pathname);
    });
    await tab.goto(`${origin}/${page.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
    const hasDiagram = (await tab.locator('[data-testid="diagram"]').count()) > 0;
    // A build-time diagram is an <svg> in the HTML; a script-drawn one gets its <svg> once drawn.
    const msToDiagram = hasDiagram
      ? await tab.waitForFunction(() => (window as unknown as { __diagramAt?: number }).__diagramAt ?? false, undefined, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number>)
      : undefined;
    await tab.waitForLoadState('networkidle');
    await context.close();
    let bytes = 0;
    let gzip = 0;
    for (const script of scripts) {
      const code = readFileSync(path.join(outDir, decodeURIComponent(script)));
      bytes += code.length;
      gzip += gzipSync(code).length;
    }
    return { page, files: scripts.size, bytes, gzip, ...(msToDiagram === undefined ? {} : { msToDiagram: Math.round(msToDiagram) }) };
  } finally {
    await browser.close();
    server.close();
  }
}
