import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAllowedHostsReader } from './allowed-hosts-reader.ts';

// A real server on 127.0.0.1: what the reader must refuse by default, and (with loopback allowed
// for the test only) what exercises its caps, redirects and timeout.
const requests: string[] = [];
const server = createServer((req, res) => {
  requests.push(req.url ?? '');
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/spec.yaml': return res.end('openapi: 3.0.0\n');
    case '/big': return res.end('x'.repeat(5000));
    case '/big-chunked': res.write('x'.repeat(3000)); return res.end('y'.repeat(3000));
    case '/latin1': return res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    case '/hop': res.writeHead(302, { location: '/spec.yaml' }); return res.end();
    case '/away': res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }); return res.end();
    case '/loop': res.writeHead(302, { location: '/loop' }); return res.end();
    case '/slow': return; // never answers
    default: res.writeHead(404); return res.end();
  }
});
let origin = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const limits = { maxBytes: 4000 };

test('handles only http(s) URLs on an allowed host', () => {
  const reader = createAllowedHostsReader({ allowedHosts: ['Specs.Example.com'] });
  assert.equal(reader.handles(new URL('https://specs.example.com/a.yaml')), true);
  assert.equal(reader.handles(new URL('https://other.example.com/a.yaml')), false);
  assert.equal(reader.handles(new URL('https://specs.example.com.evil.test/a.yaml')), false);
  assert.equal(reader.handles(new URL('ftp://specs.example.com/a.yaml')), false);
});

test('refuses a server on 127.0.0.1 even when its host is allowed, without sending it a request', async () => {
  for (const host of ['127.0.0.1', 'localhost']) {
    const reader = createAllowedHostsReader({ allowedHosts: [host] });
    const url = new URL(origin.replace('127.0.0.1', host) + '/spec.yaml');
    assert.equal(reader.handles(url), true);
    await assert.rejects(reader.read(url, limits), /refused: .* loopback, link-local, private or reserved address/);
  }
  assert.deepEqual(requests, []);
});

test('refuses link-local and private addresses written as the host', async () => {
  const reader = createAllowedHostsReader({ allowedHosts: ['169.254.169.254', '10.0.0.1', '[::1]'] });
  await assert.rejects(reader.read(new URL('http://169.254.169.254/latest/meta-data/'), limits), /refused/);
  await assert.rejects(reader.read(new URL('http://10.0.0.1/x'), limits), /refused/);
  await assert.rejects(reader.read(new URL('http://[::1]/x'), limits), /refused/);
});

test('a host that cannot be resolved (no network) is "not fetched", a warning', async () => {
  const reader = createAllowedHostsReader({ allowedHosts: ['backlot-test.invalid'], timeoutMs: 5000 });
  await assert.rejects(reader.read(new URL('https://backlot-test.invalid/spec.yaml'), limits), (e: Error & { notFetched?: boolean }) => e.notFetched === true && /cannot be reached/.test(e.message));
});

// Loopback allowed for these tests only, to reach the local server.
const permissive = () => createAllowedHostsReader({ allowedHosts: ['127.0.0.1'], timeoutMs: 300, refusalOf: (a) => (a === '127.0.0.1' ? undefined : `${a} refused`) });

test('reads text, gives null for 404, and follows a redirect that stays on the list', async () => {
  const reader = permissive();
  assert.equal(await reader.read(new URL(`${origin}/spec.yaml`), limits), 'openapi: 3.0.0\n');
  assert.equal(await reader.read(new URL(`${origin}/nothing`), limits), null);
  assert.equal(await reader.read(new URL(`${origin}/hop`), limits), 'openapi: 3.0.0\n');
});

test('refuses answers over the size cap, declared or streamed', async () => {
  const reader = permissive();
  await assert.rejects(reader.read(new URL(`${origin}/big`), limits), /5000 bytes, over the limit of 4000/);
  await assert.rejects(reader.read(new URL(`${origin}/big-chunked`), limits), /over the limit of 4000 bytes/);
});

test('does not follow a redirect off the list, nor an endless one', async () => {
  const reader = permissive();
  await assert.rejects(reader.read(new URL(`${origin}/away`), limits), /redirects to http:\/\/169\.254\.169\.254\/latest\/meta-data\/, which is not in catalog\.allowedHosts: not followed/);
  await assert.rejects(reader.read(new URL(`${origin}/loop`), limits), /more than 5 redirects/);
});

test('gives up after the timeout, and says where bytes that are not UTF-8 are', async () => {
  const reader = permissive();
  await assert.rejects(reader.read(new URL(`${origin}/slow`), limits), /no answer within 300 ms/);
  assert.deepEqual(await reader.read(new URL(`${origin}/latin1`), limits), { text: 'caf\uFFFD', notUtf8: { line: 1, column: 4 } });
});
