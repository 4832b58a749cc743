// Runs deploy/nginx/site.conf in Debian's real nginx on 127.0.0.1 against a small built-site
// layout, and checks what a CDN or browser sees: compression, cache headers, the 404 page.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

const NGINX = '/usr/sbin/nginx';
let dir: string;
let origin: string;
let nginx: ChildProcess;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'backlot-nginx-'));
  const site = path.join(dir, 'site');
  const page = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body>${'<p>Backlot portal page. </p>'.repeat(60)}</body></html>`;
  await mkdir(path.join(site, 'catalog', 'default', 'component', 'web'), { recursive: true });
  await mkdir(path.join(site, '_astro'), { recursive: true });
  await mkdir(path.join(site, 'pagefind', 'fragment'), { recursive: true });
  await writeFile(path.join(site, 'index.html'), page('home'));
  await writeFile(path.join(site, '404.html'), page('not found'));
  await writeFile(path.join(site, 'catalog', 'default', 'component', 'web', 'index.html'), page('web'));
  await writeFile(path.join(site, '_astro', 'portal.Dk3hT0aQ.js'), `export const x = ${JSON.stringify('y'.repeat(2000))};`);
  await writeFile(path.join(site, 'pagefind', 'pagefind-entry.json'), '{"version":"1"}');
  await writeFile(path.join(site, 'pagefind', 'fragment', 'en_1a2b3c.pf_fragment'), Buffer.from([0x1f, 0x8b, 1, 2, 3]));

  const port = await freePort();
  const temp = (name: string) => path.join(dir, name);
  const conf = [
    process.getuid?.() === 0 ? 'user root;' : '',
    'daemon off;',
    `pid ${temp('nginx.pid')};`,
    `error_log ${temp('error.log')} warn;`,
    'events { worker_connections 64; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${temp(t)};`),
    `  server { listen 127.0.0.1:${port}; root ${site}; include ${path.join(import.meta.dirname, 'site.conf')}; }`,
    '}',
  ].join('\n');
  await writeFile(temp('nginx.conf'), conf);
  nginx = spawn(NGINX, ['-p', dir, '-c', temp('nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr!.on('data', (d) => (stderr += d));
  origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(origin);
      break;
    } catch {
      if (attempt > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${stderr} ${await readFile(temp('error.log'), 'utf8').catch(() => '')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});

after(async () => {
  nginx?.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

const get = (url: string) => fetch(`${origin}${url}`, { headers: { 'accept-encoding': 'gzip' }, redirect: 'manual' });

test('pages are compressed and always revalidated, so a new build shows at once', async () => {
  const res = await get('/catalog/default/component/web/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await res.text(), /<title>web<\/title>/);
});

test('hashed bundles and search fragments are cached for a year as immutable', async () => {
  const js = await get('/_astro/portal.Dk3hT0aQ.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(js.headers.get('content-encoding'), 'gzip');
  const fragment = await get('/pagefind/fragment/en_1a2b3c.pf_fragment');
  assert.equal(fragment.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(fragment.headers.get('content-encoding'), null, 'Pagefind fragments are compressed already');
  const entry = await get('/pagefind/pagefind-entry.json');
  assert.equal(entry.headers.get('cache-control'), 'public, max-age=0, must-revalidate', "Pagefind's entry file changes with every index");
});

test("an unknown path gets the portal's 404 page with status 404; a folder without its slash redirects relatively", async () => {
  const missing = await get('/catalog/default/component/nope/');
  assert.equal(missing.status, 404);
  assert.match(await missing.text(), /<title>not found<\/title>/);
  const folder = await get('/catalog/default/component/web');
  assert.equal(folder.status, 301);
  assert.equal(folder.headers.get('location'), '/catalog/default/component/web/');
});
