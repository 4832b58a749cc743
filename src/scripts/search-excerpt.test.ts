import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, excerptParts } from './search-excerpt.ts';

test('splits an excerpt into plain and marked text', () => {
  assert.deepEqual(excerptParts('Prices every <mark>shipment</mark> and <mark>invoice</mark>.'), [
    { text: 'Prices every ', mark: false }, { text: 'shipment', mark: true }, { text: ' and ', mark: false }, { text: 'invoice', mark: true }, { text: '.', mark: false },
  ]);
});

test('any tag other than mark stays text, so page content never becomes markup', () => {
  const parts = excerptParts('&lt;img src=x onerror=alert(1)&gt; <mark>a&amp;b</mark> <script>alert(1)</script>');
  assert.deepEqual(parts, [
    { text: '<img src=x onerror=alert(1)> ', mark: false }, { text: 'a&b', mark: true }, { text: ' <script>alert(1)</script>', mark: false },
  ]);
  assert.ok(parts.every((p) => typeof p.text === 'string'), 'only text comes out: the caller sets it with textContent');
});

test('decodes named and numeric references, leaving unknown ones as written', () => {
  assert.equal(decodeEntities('&quot;x&quot; &#39;y&#39; &#x2014; &bogus; &#0;'), '"x" \'y\' — &bogus; &#0;');
});
