import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Octokit } from 'octokit';
import { createContentsSource } from './contents-source.ts';
import { webOriginOf } from './github-urls.ts';
import type { HttpCache } from './http-cache.ts';
import { linkOf } from './http-cache.ts';

// resolve() never touches the network: an Octokit without a reachable host is enough.
const cache: HttpCache = { entries: new Map(), touched: new Set() };
const source = createContentsSource({ octokit: new Octokit({ baseUrl: 'http://127.0.0.1:9' }), cache, org: 'acme', webOrigin: 'https://github.com', maxFileBytes: 1024 * 1024 });
const base = { type: 'url' as const, target: 'https://github.com/acme/shop/blob/main/catalog/catalog-info.yaml' };

test('the web origin of api.github.com is github.com, and a GHES API is served from its own host', () => {
  assert.equal(webOriginOf('https://api.github.com'), 'https://github.com');
  assert.equal(webOriginOf('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
});

test('a relative target resolves from the folder of the file, a /-target from the repository root', () => {
  assert.deepEqual(source.resolve(base, './services/a.yaml'), { type: 'url', target: 'https://github.com/acme/shop/blob/main/catalog/services/a.yaml' });
  assert.deepEqual(source.resolve(base, '../apis/b.yaml'), { type: 'url', target: 'https://github.com/acme/shop/blob/main/apis/b.yaml' });
  assert.deepEqual(source.resolve(base, '/c.yaml'), { type: 'url', target: 'https://github.com/acme/shop/blob/main/c.yaml' });
});

test('a target leaving the repository is refused', () => {
  const resolved = source.resolve(base, '../../x.yaml');
  assert.ok('error' in resolved);
  assert.match(resolved.error, /leaves the repository acme\/shop/);
});

test('a blob URL of another repository of the organisation is followed; of another organisation or host, refused', () => {
  assert.deepEqual(source.resolve(base, 'https://github.com/acme/apis/blob/v2/openapi/catalog.yaml'), { type: 'url', target: 'https://github.com/acme/apis/blob/v2/openapi/catalog.yaml' });
  assert.deepEqual(source.resolve(base, 'https://github.com/ACME/apis/tree/main/x.yaml'), { type: 'url', target: 'https://github.com/ACME/apis/blob/main/x.yaml' });
  const otherOrg = source.resolve(base, 'https://github.com/evil/apis/blob/main/x.yaml');
  assert.ok('error' in otherOrg && /outside the organisation acme/.test(otherOrg.error));
  const otherHost = source.resolve(base, 'https://gitlab.com/acme/apis/blob/main/x.yaml');
  assert.ok('error' in otherHost && /outside https:\/\/github.com/.test(otherHost.error));
  const notAFile = source.resolve(base, 'https://github.com/acme/apis');
  assert.ok('error' in notAFile);
});

test('display shows the blob URL', () => {
  assert.equal(source.display(base), base.target);
});

test('linkOf reads one relation of a Link header', () => {
  const link = '<https://api.github.com/orgs/acme/repos?page=2>; rel="next", <https://api.github.com/orgs/acme/repos?page=3>; rel="last"';
  assert.equal(linkOf(link, 'next'), 'https://api.github.com/orgs/acme/repos?page=2');
  assert.equal(linkOf(link, 'last'), 'https://api.github.com/orgs/acme/repos?page=3');
  assert.equal(linkOf(link, 'prev'), undefined);
  assert.equal(linkOf(undefined, 'next'), undefined);
});
