import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationLinks, safeUrl } from './annotation-links.ts';

test('turns github.com/project-slug into the repository URL', () => {
  assert.deepEqual(annotationLinks({ 'github.com/project-slug': 'acme/web' }), [
    { annotation: 'github.com/project-slug', title: 'GitHub: acme/web', url: 'https://github.com/acme/web' },
  ]);
});

test('reads url: locations of source-location and techdocs-ref, and links view and edit URLs', () => {
  const links = annotationLinks({
    'backstage.io/source-location': 'url:https://github.com/acme/web/tree/main/',
    'backstage.io/view-url': 'https://github.com/acme/web/blob/main/catalog-info.yaml',
    'backstage.io/edit-url': 'https://github.com/acme/web/edit/main/catalog-info.yaml',
    'backstage.io/techdocs-ref': 'url:https://github.com/acme/web/tree/main/docs',
  });
  assert.deepEqual(links.map((l) => l.title), ['Source code', 'View descriptor', 'Edit descriptor', 'Docs source']);
});

test('resolves a dir: techdocs-ref against the descriptor URL as a GitHub tree link', () => {
  const [link] = annotationLinks({ 'backstage.io/techdocs-ref': 'dir:.' }, 'https://github.com/acme/web/blob/main/catalog-info.yaml');
  assert.equal(link.url, 'https://github.com/acme/web/tree/main/');
});

test('leaves out dir: references without a descriptor URL, unknown keys and non-http URLs', () => {
  assert.deepEqual(annotationLinks({ 'backstage.io/techdocs-ref': 'dir:.', 'acme/x': 'https://x.example', 'backstage.io/view-url': 'javascript:alert(1)' }), []);
  assert.equal(safeUrl('javascript:alert(1)'), undefined);
  assert.equal(safeUrl('https://ok.example/a'), 'https://ok.example/a');
});

test('refuses a slug that is not owner/name', () => {
  assert.deepEqual(annotationLinks({ 'github.com/project-slug': 'acme/web/../../evil' }), []);
});
