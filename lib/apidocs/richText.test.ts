// Descriptions are untrusted Markdown: these tests pin what survives and what never does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseInlines, plainText, safeHref, toRichText } from './richText.ts';
import { buildOpenApiView } from './openapi.ts';
import { parseDefinitionText } from './parseDefinitionText.ts';
import type { RichText } from './types.ts';

const links = (text: RichText) =>
  text.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? b.inlines : b.kind === 'list' ? b.items.flat() : [])).filter((i) => i.kind === 'link');

test('drops <script> elements with their content and keeps the text around them', () => {
  const text = toRichText("Hello <script>alert('xss')</script> world.");
  assert.equal(plainText(text), 'Hello  world.');
  assert.doesNotMatch(JSON.stringify(text), /alert|script/);
});

test('a javascript: link keeps its label as text and loses its target', () => {
  const text = toRichText('[click me](javascript:alert(1)) then');
  assert.deepEqual(links(text), []);
  assert.equal(plainText(text), 'click me then');
});

test('refuses data:, vbscript:, relative and whitespace-obfuscated link targets', () => {
  for (const href of ['data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox', '/relative', 'java\tscript:alert(1)', ' javascript:alert(1)', 'JAVASCRIPT:alert(1)']) {
    assert.equal(safeHref(href), undefined, href);
  }
  assert.equal(safeHref('https://example.com/a?b=1'), 'https://example.com/a?b=1');
  assert.equal(safeHref('mailto:team@example.com'), 'mailto:team@example.com');
});

test('removes HTML tags with their event handlers but keeps their text', () => {
  const text = toRichText('<a href="javascript:alert(2)" onclick="alert(3)">link text</a> and <b onmouseover="x()">bold</b>');
  assert.equal(plainText(text), 'link text and bold');
  assert.deepEqual(links(text), []);
});

test('keeps angle-bracket text that is not HTML, like generics', () => {
  assert.equal(plainText(toRichText('Returns List<Pet> or Map<K, V>.')), 'Returns List<Pet> or Map<K, V>.');
});

test('turns bare http(s) URLs and Markdown links into links, without trailing punctuation', () => {
  const text = toRichText('See https://example.com/docs, or [the guide](https://example.com/guide "Guide").');
  assert.deepEqual(links(text).map((l) => [l.text, l.kind === 'link' && l.href]), [
    ['https://example.com/docs', 'https://example.com/docs'],
    ['the guide', 'https://example.com/guide'],
  ]);
});

test('a link target with parentheses is read whole', () => {
  assert.deepEqual(parseInlines('[wiki](https://en.wikipedia.org/wiki/Foo_(bar)) end').map((i) => i.kind === 'link' ? i.href : i.text), [
    'https://en.wikipedia.org/wiki/Foo_(bar)',
    ' end',
  ]);
});

test('splits paragraphs on blank lines and keeps lists, headings, inline code and fenced code', () => {
  const text = toRichText('# Title\n\nFirst line\nsame paragraph with `code`.\n\n- one\n- **two**\n\n```\n<script>x</script>\n```');
  assert.deepEqual(text.map((b) => b.kind), ['heading', 'paragraph', 'list', 'code']);
  assert.equal(plainText([text[1]]), 'First line same paragraph with code.');
  assert.deepEqual(text[2].kind === 'list' && text[2].items.map((i) => i.map((x) => x.kind)), [['text'], ['strong']]);
  // Code blocks keep their text; it is printed escaped by the component, so it is shown, not run.
  assert.equal(text[3].kind === 'code' && text[3].text, '<script>x</script>');
});

test('a description that is not a string gives no text', () => {
  assert.deepEqual(toRichText(undefined), []);
  assert.deepEqual(toRichText({ $ref: '#/x' }), []);
});

test('the hostile fixture yields no script, no event handler and no javascript: link anywhere in its view model', () => {
  const parsed = parseDefinitionText(readFileSync(new URL('./fixtures/hostile-3.0.yaml', import.meta.url), 'utf8'));
  assert.ok(parsed.ok);
  const view = buildOpenApiView(parsed.document);
  const hrefs = [...JSON.stringify(view).matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(hrefs, ['https://example.com/ok']);
  assert.doesNotMatch(JSON.stringify(view.kind === 'openapi' ? view.info.description : []), /<script|onclick|javascript:alert\(2\)/);
});
