import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentType, createStaticServer, resolveRequest } from './static-server.ts';

let root: string;
before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'backlot-serve-'));
  mkdirSync(path.join(root, 'catalog'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(root, 'catalog', 'index.html'), '<h1>catalog</h1>');
  writeFileSync(path.join(root, '404.html'), '<h1>not found</h1>');
  writeFileSync(path.join(tmpdir(), 'backlot-secret.txt'), 'secret');
});
after(() => rmSync(root, { recursive: true, force: true }));

test('serves index.html for a folder under the base path', () => {
  assert.deepEqual(resolveRequest(root, '/portal/', '/portal/catalog/?kind=api'), { status: 200, file: path.join(root, 'catalog', 'index.html') });
  assert.deepEqual(resolveRequest(root, '/', '/'), { status: 200, file: path.join(root, 'index.html') });
});

test('redirects a folder without its trailing slash, and the base without it', () => {
  assert.deepEqual(resolveRequest(root, '/portal/', '/portal/catalog'), { status: 301, location: '/portal/catalog/' });
  assert.deepEqual(resolveRequest(root, '/portal/', '/portal'), { status: 301, location: '/portal/' });
});

test('answers not found outside the base path and for missing files', () => {
  assert.deepEqual(resolveRequest(root, '/portal/', '/catalog/'), { status: 404 });
  assert.deepEqual(resolveRequest(root, '/', '/nope/'), { status: 404 });
});

test('never serves a file outside the output folder, however the path is encoded', () => {
  for (const attempt of ['/../backlot-secret.txt', '/%2e%2e/backlot-secret.txt', '/catalog/..%2f..%2fbacklot-secret.txt', '/%2e%2e%5cbacklot-secret.txt']) {
    assert.notEqual(resolveRequest(root, '/', attempt).status, 200, attempt);
  }
  assert.deepEqual(resolveRequest(root, '/', '/a%00b'), { status: 400 });
  assert.deepEqual(resolveRequest(root, '/', '/%E0%A4%A'), { status: 400 });
});

test('names content types by extension, Pagefind\'s files included', () => {
  assert.equal(contentType('a/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentType('x.JS'), 'text/javascript; charset=utf-8');
  assert.equal(contentType('pagefind/wasm.en.pagefind'), 'application/octet-stream');
  assert.equal(contentType('catalog.json'), 'application/json; charset=utf-8');
});

test('serves pages over HTTP with the 404 page and status for unknown paths', async () => {
  const server = createStaticServer(root, '/portal/');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const ok = await fetch(`http://127.0.0.1:${port}/portal/catalog/`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await ok.text(), '<h1>catalog</h1>');
    const missing = await fetch(`http://127.0.0.1:${port}/portal/nope/`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '<h1>not found</h1>');
    const moved = await fetch(`http://127.0.0.1:${port}/portal/catalog`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/portal/catalog/');
  } finally {
    server.close();
  }
});
