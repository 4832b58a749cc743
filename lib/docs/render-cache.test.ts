// The render cache reuses a page only when its Markdown, options, renderer and every link answer
// are the same as when it was rendered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRenderCache, markdownRendererVersion } from './render-cache.ts';
import { renderMarkdown, type LinkRequest, type LinkResolution } from '../markdown/render.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'render-cache-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const page = '# Guide\n\nSee [setup](setup.md) and ![a pixel](pixel.png).\n\n<script>alert(1)</script>\n\n```yaml\nkey: value\n```\n';

function resolver(pages: Set<string>) {
  return (request: LinkRequest): LinkResolution => {
    if (request.kind === 'image') return { href: `/assets/${request.url}` };
    return pages.has(request.url) ? { href: `/docs/${request.url.replace(/\.md$/, '/')}`, target: { page: request.url } } : { drop: `broken link: "${request.url}"` };
  };
}

test('the same page with the same link answers is taken from the cache, exactly as rendered', async () => {
  const cache = createRenderCache(dir);
  const first = await cache.render(page, { resolveLink: resolver(new Set(['setup.md'])) });
  // A new cache object over the same folder: what the next run sees.
  const next = createRenderCache(dir);
  const second = await next.render(page, { resolveLink: resolver(new Set(['setup.md'])) });
  assert.deepEqual(second, first);
  assert.deepEqual(next.stats, { hits: 1, misses: 0 });
  assert.deepEqual(second, await renderMarkdown(page, { resolveLink: resolver(new Set(['setup.md'])) }), 'what the renderer itself gives');
  assert.doesNotMatch(second.html, /<script/);
});

test('a link whose answer changed (the page it points at is gone) renders the page again', async () => {
  const cache = createRenderCache(dir);
  const result = await cache.render(page, { resolveLink: resolver(new Set()) });
  assert.deepEqual(cache.stats, { hits: 0, misses: 1 });
  assert.ok(result.warnings.some((w) => /broken link: "setup\.md"/.test(w.message)));
  assert.doesNotMatch(result.html, /href="\/docs\/setup\/"/);
});

test('other iframe hosts or other Markdown are other entries; the renderer version is a stable hash', async () => {
  const cache = createRenderCache(dir);
  await cache.render(page, { resolveLink: resolver(new Set(['setup.md'])), iframeHosts: ['www.youtube-nocookie.com'] });
  await cache.render(`${page}\nMore.\n`, { resolveLink: resolver(new Set(['setup.md'])) });
  assert.deepEqual(cache.stats, { hits: 0, misses: 2 });
  assert.match(markdownRendererVersion() ?? 'not found', /^[0-9a-f]{16}$/);
  assert.equal(markdownRendererVersion(), markdownRendererVersion());
});
