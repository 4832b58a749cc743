import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemSourceUrl } from './problem-links.ts';

test('a problem in a file named by its GitHub blob URL links to that line', () => {
  assert.equal(problemSourceUrl({ file: 'https://github.com/acme/web/blob/main/catalog-info.yaml', line: 12 }), 'https://github.com/acme/web/blob/main/catalog-info.yaml#L12');
  assert.equal(problemSourceUrl({ file: 'https://github.com/acme/web/blob/main/catalog-info.yaml#L1', line: 3 }), 'https://github.com/acme/web/blob/main/catalog-info.yaml#L3');
  assert.equal(problemSourceUrl({ file: 'https://github.com/acme/web', line: 1 }), 'https://github.com/acme/web', 'a repository is linked as is');
});

test('a local file, or anything that is not http(s), has no link', () => {
  assert.equal(problemSourceUrl({ file: 'repos/web/catalog-info.yaml', line: 3 }), undefined);
  assert.equal(problemSourceUrl({ file: 'javascript:alert(1)//blob/', line: 3 }), undefined);
});
