// What the first search costs a visitor: the built site served on 127.0.0.1, the search page
// opened in Debian's Chromium, one word typed; every response from the first keystroke until the
// entity's result shows is counted (as served, and gzip as a CDN would send the uncompressed
// ones). Pagefind fetches only the index chunks and fragments a query needs, so this stays small
// as the site grows, and with several index bundles it is what merging them costs.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createStaticServer } from '../src/build/static-server.ts';
import { launchChromium } from '../tests/e2e/support/chromium.ts';

export interface SearchWeight {
  word: string;
  requests: number;
  /** Bytes as served (Pagefind's index files are already compressed). */
  bytes: number;
  /** The same with the uncompressed responses (JS, JSON, wasm) gzipped. */
  gzipBytes: number;
  /** From the first keystroke to the result on screen. */
  ms: number;
}

export async function measureFirstQuery(distDir: string): Promise<SearchWeight | undefined> {
  const catalog = JSON.parse(readFileSync(path.join(distDir, 'api', 'catalog.json'), 'utf8')) as { entities: { ref: string; path?: string }[] };
  const target = catalog.entities.find((e) => e.ref.startsWith('component:')) ?? catalog.entities[0];
  if (!target) return undefined;
  const word = target.ref.slice(target.ref.lastIndexOf('/') + 1);
  const server = createStaticServer(distDir, '/');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/search/`, { waitUntil: 'networkidle' });
    const bodies: Promise<{ bytes: number; gzipBytes: number }>[] = [];
    page.on('response', (response) => {
      bodies.push(response.body().then(
        (body) => ({ bytes: body.length, gzipBytes: /pf_(index|fragment|meta|filter)|\.pf_/.test(response.url()) ? body.length : gzipSync(body).length }),
        () => ({ bytes: 0, gzipBytes: 0 }),
      ));
    });
    const started = performance.now();
    const input = page.locator('[data-testid="search-input"]');
    await input.click();
    await input.fill(word);
    await page.locator(`[data-testid="search-results"] a[href$="/${word}/"]`).first().waitFor({ timeout: 60_000 });
    const ms = Math.round(performance.now() - started);
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(bodies);
    return { word, requests: sizes.length, bytes: sizes.reduce((s, b) => s + b.bytes, 0), gzipBytes: sizes.reduce((s, b) => s + b.gzipBytes, 0), ms };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
