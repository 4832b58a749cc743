import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Papa from 'papaparse';
import { createSeededRandom } from '../../bench/seeded-random.ts';
import { CsvScanner, MAX_ROW_CHARS } from './csv-scanner.ts';

interface ScannedRow { fields: string[]; line: number; fault?: string }

/** Every row with every field (no `select`), the text pushed in pieces of the given sizes. */
function scan(text: string, pieces: (remaining: number) => number = (r) => r): { rows: ScannedRow[]; fatal?: string } {
  const rows: ScannedRow[] = [];
  const scanner = new CsvScanner((s) => rows.push({ fields: s.fields(), line: s.line, ...(s.fault ? { fault: s.fault } : {}) }));
  for (let at = 0; at < text.length; ) {
    const size = Math.max(1, pieces(text.length - at));
    scanner.push(text.slice(at, at + size));
    at += size;
  }
  scanner.end();
  return { rows, ...(scanner.fatal ? { fatal: scanner.fatal } : {}) };
}

function papaRows(text: string): string[][] {
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

const fixtures = ['focus-1.0-sample.csv', 'aws-cur-legacy-sample.csv', 'azure-ea-sample.csv'];

for (const name of fixtures) {
  test(`${name}: the same rows and fields as papaparse, however the text is cut into chunks`, () => {
    const text = readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
    const expected = papaRows(text);
    const random = createSeededRandom(name.length).next;
    for (const pieces of [(r: number) => r, () => 1 + Math.floor(random() * 4096), () => 1 + Math.floor(random() * 7)]) {
      const { rows, fatal } = scan(text, pieces);
      assert.equal(fatal, undefined);
      assert.equal(rows.length, expected.length);
      assert.deepEqual(rows.map((r) => r.fields), expected);
      assert.ok(rows.every((r) => r.fault === undefined));
    }
  });
}

/** A well-formed CSV of hostile cells (commas, quotes, newlines, CRLF, emoji split across chunks), with each row's first line. */
function hostileCsv(seed: number, newline: '\n' | '\r\n'): { text: string; lines: number[] } {
  const random = createSeededRandom(seed).next;
  const atoms = ['a', 'bc', ',', '"', '""', '\n', '\r\n', ' ', 'é', '😀', 'NULL', '__proto__', '=cmd|', '{"k": "v"}'];
  const width = 1 + Math.floor(random() * 6);
  let text = '';
  let line = 1;
  const lines: number[] = [];
  for (let row = 0; row < 300; row++) {
    if (random() < 0.05) {
      text += newline;
      line++;
    }
    const cells: string[] = [];
    for (let column = 0; column < width; column++) {
      let cell = '';
      const length = Math.floor(random() * 5);
      for (let i = 0; i < length; i++) cell += atoms[Math.floor(random() * atoms.length)];
      if (column === 0 && cell === '') cell = 'x'; // an empty one-column row is an empty line
      cells.push(/[",\r\n]/.test(cell) || random() < 0.2 ? `"${cell.replaceAll('"', '""')}"` : cell);
    }
    lines.push(line);
    const rowText = cells.join(',');
    line += (rowText.match(/\n/g) ?? []).length + 1;
    text += rowText + newline;
  }
  return { text, lines };
}

test('hostile cells: the same rows as papaparse, LF and CRLF, in any chunking, with each row\'s line', () => {
  for (let seed = 1; seed <= 40; seed++) {
    for (const newline of ['\n', '\r\n'] as const) {
      const { text, lines } = hostileCsv(seed, newline);
      const expected = papaRows(text);
      const random = createSeededRandom(seed).next;
      for (const pieces of [(r: number) => r, () => 1 + Math.floor(random() * 64)]) {
        const { rows } = scan(text, pieces);
        assert.deepEqual(rows.map((r) => r.fields), expected, `seed ${seed}, ${JSON.stringify(newline)}`);
        assert.deepEqual(rows.map((r) => r.line), lines, `seed ${seed} lines`);
        assert.ok(rows.every((r) => r.fault === undefined));
      }
    }
  }
});

test('a file without a final newline, a final empty field, bare CR line endings and a BOM are read', () => {
  assert.deepEqual(scan('\uFEFFa,b\n1,').rows.map((r) => r.fields), [['\uFEFFa', 'b'], ['1', '']]);
  assert.deepEqual(scan('a,b\r1,2\r\r3,4').rows.map((r) => [r.line, ...r.fields]), [[1, 'a', 'b'], [2, '1', '2'], [4, '3', '4']]);
});

test('selected columns only: values by slot, compared in place, escapes undone', () => {
  const seen: unknown[] = [];
  const scanner = new CsvScanner((s) => {
    if (s.line === 1) return s.select([2, 0, 7]);
    seen.push([s.fieldCount, s.value(0), s.value(1), s.isEmpty(2), s.equals(0, 'say "hi"'), s.raw(0), s.rawEquals(1, 'x')]);
  });
  scanner.push('a,b,c\nx,y,"say ""hi"""\n');
  scanner.end();
  assert.deepEqual(seen, [[3, 'say "hi"', 'x', true, true, 'say ""hi""', true]]);
});

test('broken quotes are faults on their row, and the rows after them still come', () => {
  const { rows } = scan('a,b\n"1"x,2\n3,4\n"5,6\n7,8\n');
  assert.deepEqual(rows.map((r) => [r.line, r.fault]), [
    [1, undefined],
    [2, 'has text after a closing quote (a broken quote)'],
    [3, undefined],
    [4, 'has a quote that never closes, so the rest of the file is one cell'],
  ]);
  assert.deepEqual(rows[3]!.fields, ['5,6\n7,8\n']);
});

test('a quote that never closes stops the file at MAX_ROW_CHARS instead of holding it all in memory', () => {
  const scanner = new CsvScanner(() => {});
  scanner.push('a,b\n"never closed');
  const chunk = 'x'.repeat(1 << 20);
  let pushed = 0;
  while (!scanner.fatal && pushed <= MAX_ROW_CHARS + chunk.length) {
    scanner.push(chunk);
    pushed += chunk.length;
  }
  assert.match(scanner.fatal ?? '', /has a row longer than 16 M characters from line 2/);
  assert.ok(pushed <= MAX_ROW_CHARS + chunk.length);
});
