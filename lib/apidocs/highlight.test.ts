// Shiki at build time: one highlighter per process, both themes as CSS variables, a size cut-off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getApiHighlighter, highlightDefinition } from './highlight.ts';

test('highlights with both themes as CSS variables and no inline default colour', async () => {
  const html = await highlightDefinition('openapi: 3.1.0\n', 'yaml');
  assert.ok(html);
  assert.match(html, /--shiki-light:#[0-9a-f]{6}/i);
  assert.match(html, /--shiki-dark:#[0-9a-f]{6}/i);
  assert.doesNotMatch(html, /style="color:/, 'no colour is fixed, the page picks light or dark');
});

test('escapes the definition text, so markup in it cannot become HTML', async () => {
  const html = await highlightDefinition('description: "<script>alert(1)</script><img onerror=x>"\n', 'yaml');
  assert.ok(html);
  assert.doesNotMatch(html, /<script|<img/);
  assert.match(html, /&#x3C;script>/);
});

test('skips highlighting above the size threshold and for plain text', async () => {
  assert.equal(await highlightDefinition('a: 1\n'.repeat(100), 'yaml', 100), undefined);
  assert.equal(await highlightDefinition('anything', 'text'), undefined);
});

test('reuses one highlighter for the whole process', async () => {
  assert.equal(getApiHighlighter(), getApiHighlighter());
  for (const lang of ['json', 'graphql', 'proto'] as const) assert.ok(await highlightDefinition('x', lang), lang);
});
