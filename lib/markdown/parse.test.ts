// The parser leaves out GFM extensions a document cannot use (parse.ts): every tree must still be
// remark-gfm's, positions included, on real pages and on text written to trip each shortcut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { gfmMask, parseGfm } from './parse.ts';
import { prepareMarkdown } from './blocks.ts';
import { corpusPage } from '../../bench/docs-corpus.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const remark = unified().use(remarkParse).use(remarkGfm);
const reference = (text: string) => remark.runSync(remark.parse(text));

const TRICKY = [
  '# Title\n\nJust words, no extension at all.\n',
  'Mail a&#64;example.com or &#119;ww.example.com',
  'An escaped dot: www\\.example.com and HTTPS\\://example.com/x',
  'Upper case: WWW.EXAMPLE.COM and HTTP://EXAMPLE.COM/Path?q=1',
  'contact: me@example.com, (you@example.org).',
  '| a |\n| - |\n| 1 |',
  'a | b\n--|--\n1 | 2',
  'a \\| b\n--|--',
  'not a table\n---',
  '~~gone~~ and ~one~ and a~b',
  'Text[^1] and [^note].\n\n[^1]: The note.\n[^note]: Another.\n    Indented more.',
  '&#91;^1] is not a footnote, nor is [\\^2].',
  '- [ ] todo\n- [x] done\n- [X] Done\n- [\t] tab\n* [ ]\n1. [x] numbered',
  '[ ] not in a list, [x] neither',
  '<a href="http://example.com">x</a> <b>bold</b> www.example.com/path_(x)',
  '> [!NOTE]\n> www.example.com in an alert with a | pipe',
  '```\nwww.example.com | in ~code~ [^1]\n```',
  'Line with trailing pipe |\nand @ alone',
];

function pages(): string[] {
  const out = TRICKY.slice();
  for (let i = 0; i < 40; i++) out.push(corpusPage(i, 40));
  for (const repo of readdirSync(path.join(root, 'examples/repos'))) {
    const docs = path.join(root, 'examples/repos', repo, 'docs');
    let files: string[] = [];
    try {
      files = (readdirSync(docs, { recursive: true }) as string[]).filter((f) => f.endsWith('.md'));
    } catch {
      continue;
    }
    for (const f of files) out.push(readFileSync(path.join(docs, f), 'utf8'));
  }
  return out;
}

test('the parser with only the GFM extensions a page could use gives remark-gfm\'s tree', () => {
  const all = pages();
  assert.ok(all.length > 60, `${all.length} documents compared`);
  for (const source of all) {
    const text = prepareMarkdown(source).text;
    assert.deepEqual(parseGfm(text), reference(text), `different tree for:\n${text.slice(0, 300)}`);
  }
});

test('each extension is left out only when its text is absent', () => {
  assert.equal(gfmMask('plain words'), 0);
  assert.equal(gfmMask('a&#64;b'), 0b00001);
  assert.equal(gfmMask('see [^1]'), 0b00010);
  assert.equal(gfmMask('~x~'), 0b00100);
  assert.equal(gfmMask('a | b'), 0b01000);
  assert.equal(gfmMask('- [x] y'), 0b10000);
  assert.equal(gfmMask('- [x] y | www ~ [^'), 0b11111);
});
