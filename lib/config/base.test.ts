import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseBase, pathWithBase } from './base.ts';

test('a base is always written with a leading and a trailing slash', () => {
  assert.equal(normaliseBase('/'), '/');
  assert.equal(normaliseBase(''), '/');
  assert.equal(normaliseBase('/portal'), '/portal/');
  assert.equal(normaliseBase('portal/'), '/portal/');
  assert.equal(normaliseBase('/a/b//'), '/a/b/');
});

test('pathWithBase prefixes the base without doubling slashes', () => {
  assert.equal(pathWithBase('/', 'catalog/'), '/catalog/');
  assert.equal(pathWithBase('/', '/catalog/'), '/catalog/');
  assert.equal(pathWithBase('/', ''), '/');
  assert.equal(pathWithBase('/portal', 'search/?q=x'), '/portal/search/?q=x');
  assert.equal(pathWithBase('/portal/'), '/portal/');
});
