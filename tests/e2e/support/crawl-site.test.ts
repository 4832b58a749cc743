// The link crawler the browser tests rely on, checked against a tiny site served on 127.0.0.1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crawlSite, extractHtmlLinks } from './crawl-site.ts';

const site: Record<string, { type: string; body: string }> = {
  '/': {
    type: 'text/html',
    body: `<html><head><link rel="stylesheet" href="/style.css"><script type="module" src="/app.js">const x = '<a href="/not-a-link">';</script></head>
      <body><a href="/about/">About</a> <a href="https://elsewhere.example/">out</a> <a href="mailto:a@b.c">mail</a>
      <a href="/about/#team">same page again</a><img srcset="/small.png 1x, /large.png 2x"><!-- <a href="/commented-out"> --></body></html>`,
  },
  '/about/': { type: 'text/html; charset=utf-8', body: `<a href="../">home</a><a href="missing/">a broken link</a><a href="/search/?q=a&amp;b=c">search</a>` },
  '/search/?q=a&b=c': { type: 'text/html', body: 'results' },
  '/style.css': { type: 'text/css', body: `body { background: url("/bg.svg") } .x { background: url(data:image/png;base64,AAA) }` },
  '/app.js': { type: 'text/javascript', body: '' },
  '/small.png': { type: 'image/png', body: '' },
  '/large.png': { type: 'image/png', body: '' },
  '/bg.svg': { type: 'image/svg+xml', body: '<svg/>' },
};

describe('crawlSite', () => {
  let server: Server;
  let origin: string;
  const requested: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requested.push(req.url!);
      const file = site[req.url!];
      if (!file) return res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': file.type }).end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('reaches every page and asset linked from the start page, including stylesheet url() and srcset candidates', async () => {
    const result = await crawlSite(`${origin}/`);
    assert.deepEqual(result.pages, [`${origin}/`, `${origin}/about/`, `${origin}/search/?q=a&b=c`]);
    assert.deepEqual(result.assets, ['/app.js', '/bg.svg', '/large.png', '/small.png', '/style.css'].map((p) => origin + p));
  });

  test('reports a broken link with the page it was found on', async () => {
    const result = await crawlSite(`${origin}/`);
    assert.deepEqual(result.broken, [{ url: `${origin}/about/missing/`, status: 404, foundOn: [`${origin}/about/`] }]);
  });

  test('never requests another origin, a mailto link, a commented-out link or markup inside a script', async () => {
    requested.length = 0;
    await crawlSite(`${origin}/`);
    assert.ok(!requested.includes('/not-a-link'));
    assert.ok(!requested.includes('/commented-out'));
    assert.equal(requested.filter((u) => u === '/about/').length, 1, 'a URL differing only by its #hash is fetched once');
  });

  test('extractHtmlLinks decodes entities in attribute values', () => {
    assert.deepEqual(extractHtmlLinks(`<a href='/x?a=1&amp;b=2'>x</a><img src=/y.png>`), ['/x?a=1&b=2', '/y.png']);
  });
});
