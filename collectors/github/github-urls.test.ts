import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBlobUrl, webOriginOf } from './github-urls.ts';

test('file URLs of the configured host are read as repository addresses: blob, tree, raw, and the raw hosts', () => {
  const gh = webOriginOf('https://api.github.com');
  const want = { owner: 'acme', repo: 'payments', ref: 'main', path: 'docs/api.yaml' };
  assert.deepEqual(parseBlobUrl('https://github.com/acme/payments/blob/main/docs/api.yaml', gh), want);
  assert.deepEqual(parseBlobUrl('https://github.com/acme/payments/raw/main/docs/api.yaml', gh), want);
  assert.deepEqual(parseBlobUrl('https://raw.githubusercontent.com/acme/payments/main/docs/api.yaml', gh), want);
  const ghes = webOriginOf('https://ghe.example.com/api/v3');
  assert.equal(ghes, 'https://ghe.example.com');
  assert.deepEqual(parseBlobUrl('https://ghe.example.com/raw/acme/payments/main/docs/api.yaml', ghes), want);
  assert.deepEqual(parseBlobUrl('https://raw.ghe.example.com/acme/payments/main/docs/api.yaml', ghes), want);
  assert.match((parseBlobUrl('https://evil.example.com/acme/payments/blob/main/x.yaml', gh) as { error: string }).error, /outside https:\/\/github\.com/);
  assert.match((parseBlobUrl('https://raw.githubusercontent.com/acme/payments', gh) as { error: string }).error, /not a raw file URL/);
  assert.match((parseBlobUrl('https://github.com/acme/payments/blob/main/%E0%A4%A', gh) as { error: string }).error, /not a valid URL path/);
});
