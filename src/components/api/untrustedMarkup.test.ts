// The API components print definitions from repositories, which are untrusted. Astro escapes every
// `{expression}`; the only ways around that are `set:html` and `<Fragment set:html>`. This pins the
// single allowed use: Shiki's output in RawDefinition.astro, which escapes each token itself.
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const folder = new URL('./', import.meta.url);
const components = readdirSync(folder).filter((file) => file.endsWith('.astro'));

test('only RawDefinition.astro inserts unescaped HTML, and only the highlighter’s output', () => {
  assert.ok(components.length > 5, 'the components are found');
  const uses = components.flatMap((file) =>
    [...readFileSync(new URL(file, folder), 'utf8').matchAll(/set:html=\{([^}]*)\}/g)].map((match) => `${file}: ${match[1]}`),
  );
  assert.deepEqual(uses, ['RawDefinition.astro: highlighted']);
  const raw = readFileSync(new URL('RawDefinition.astro', folder), 'utf8');
  assert.match(raw, /const highlighted = await highlightDefinition\(/);
});

test('no component ships a client script, so the reference reads without JavaScript', () => {
  for (const file of components) {
    assert.doesNotMatch(readFileSync(new URL(file, folder), 'utf8'), /<script\b|client:/, file);
  }
});
