import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageTypeKey } from './axe-sweep.ts';

test('a page type is the layout page name, and for entity pages the kind and the API definition type', () => {
  assert.equal(pageTypeKey('<html><body data-page="catalog" class="x">'), 'catalog');
  assert.equal(pageTypeKey('<body data-page="entity"><article data-entity-ref="component:default/web">'), 'entity:component');
  assert.equal(pageTypeKey('<body data-page="entity"><article data-entity-ref="api:default/a"><section class="api-definition" data-api-type="openapi">'), 'entity:api:openapi');
  assert.equal(pageTypeKey('<body><p>no layout</p>'), 'unknown');
});
