import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DecimalSum, formatDecimal, roundDecimal, type Decimal } from './decimal.ts';
import type { CostMeasure } from './formats.ts';
import { readCostExport, type SkippedRow } from './read-export.ts';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', name);

/** A copy of a line (the reader reuses one object), its cost as a Decimal and its tags parsed. */
interface KeptLine {
  cost: Decimal;
  currency: string;
  month: string;
  service: string;
  provider: string;
  resourceId: string;
  tagText: string;
  readTags: () => Map<string, string> | undefined;
}

async function read(file: string, measure: CostMeasure = 'billed') {
  const lines: KeptLine[] = [];
  const skipped: SkippedRow[] = [];
  const result = await readCostExport(
    file,
    measure,
    (line) => {
      const tags = line.readTags();
      const { currency, month, service, provider, resourceId, tagText } = line;
      lines.push({ cost: line.cost.value, currency, month, service, provider, resourceId, tagText, readTags: () => tags });
    },
    (row) => skipped.push(row),
  );
  return { result, lines, skipped };
}

/** Per-service totals to the cent, computed by gawk (doubles, a different code path entirely). */
function awkTotals(file: string, serviceColumn: string, costColumn: string): Map<string, string> {
  const program = `
    BEGIN { FPAT = "([^,]*)|(\\"([^\\"]|\\"\\")*\\")" }
    function unquote(s) { if (s ~ /^".*"$/) { s = substr(s, 2, length(s) - 2); gsub(/""/, "\\"", s) } return s }
    NR == 1 { for (i = 1; i <= NF; i++) col[unquote($i)] = i; next }
    { c = unquote($(col[cost])); if (c == "NULL" || c == "") next
      s = unquote($(col[service])); if (s == "NULL" || s == "") s = "Unknown service"
      sum[s] += c }
    END { for (k in sum) printf "%s\\t%.2f\\n", k, sum[k] }`;
  const out = execFileSync('gawk', ['-v', `service=${serviceColumn}`, '-v', `cost=${costColumn}`, program, file], { encoding: 'utf8' });
  return new Map(out.trim().split('\n').map((line) => line.split('\t') as [string, string]));
}

function totalsByService(lines: KeptLine[]): Map<string, string> {
  const sums = new Map<string, DecimalSum>();
  for (const line of lines) {
    const sum = sums.get(line.service) ?? new DecimalSum();
    sum.add(line.cost);
    sums.set(line.service, sum);
  }
  return new Map([...sums].map(([service, sum]) => [service, roundDecimal(sum.value)]));
}

const corpora: { file: string; format: string; service: string; cost: string; measure?: CostMeasure; rows: number }[] = [
  { file: 'focus-1.0-sample.csv', format: 'focus', service: 'ServiceName', cost: 'BilledCost', rows: 1000 },
  { file: 'focus-1.0-sample.csv', format: 'focus', service: 'ServiceName', cost: 'EffectiveCost', measure: 'effective', rows: 1000 },
  { file: 'aws-cur-legacy-sample.csv', format: 'aws-cur', service: 'product/ProductName', cost: 'lineItem/UnblendedCost', rows: 1281 },
  { file: 'azure-ea-sample.csv', format: 'azure-ea', service: 'MeterCategory', cost: 'CostInBillingCurrency', rows: 27 },
];

for (const corpus of corpora) {
  test(`${corpus.file} (${corpus.cost}): totals per service equal gawk's sum of the same rows, to the cent`, async () => {
    const { result, lines, skipped } = await read(fixture(corpus.file), corpus.measure);
    assert.equal(result.error, undefined);
    assert.equal(result.format, corpus.format);
    assert.equal(result.rowsRead, corpus.rows);
    assert.deepEqual(skipped, []);
    assert.equal(lines.length, corpus.rows);
    const ours = totalsByService(lines);
    const awk = awkTotals(fixture(corpus.file), corpus.service, corpus.cost);
    assert.ok(ours.size > 1, 'more than one service');
    assert.deepEqual(new Map([...ours].sort()), new Map([...awk].sort()));
  });
}

test('FOCUS quirks: NULL cells, JSON tags, zone-less dates, one currency per row', async () => {
  const { lines } = await read(fixture('focus-1.0-sample.csv'));
  assert.deepEqual([...new Set(lines.map((l) => l.currency))], ['USD']);
  assert.deepEqual([...new Set(lines.map((l) => l.month))].sort(), ['2024-09']);
  assert.deepEqual([...new Set(lines.map((l) => l.provider))].sort(), ['AWS', 'Microsoft', 'Oracle']);
  const tagged = lines.find((l) => l.tagText.includes('BrightPathMatrix'))!;
  assert.equal(tagged.readTags()?.get('application'), 'BrightPathMatrix');
  const untagged = lines.find((l) => l.tagText === 'NULL')!;
  assert.equal(untagged.readTags()?.size, 0);
  assert.ok(lines.every((l) => l.resourceId !== 'NULL'));
});

test('AWS CUR quirks: 1.81E-8 style costs are read exactly, ISO dates with Z', async () => {
  const { lines } = await read(fixture('aws-cur-legacy-sample.csv'));
  const tiny = lines.filter((l) => l.cost.scale > 8);
  assert.ok(tiny.length > 100, 'exponent costs present');
  assert.ok(lines.some((l) => formatDecimal(l.cost) === '0.0000000181'));
  assert.deepEqual([...new Set(lines.map((l) => l.month))], ['2023-11']);
});

test('Azure EA quirks: tags as JSON members without braces, month-first dates, CAD', async () => {
  const { lines } = await read(fixture('azure-ea-sample.csv'));
  assert.equal(lines[0]!.currency, 'CAD');
  assert.equal(lines[0]!.month, '2023-09');
  assert.equal(lines[0]!.readTags()?.get('tagB'), 'valueB');
});

test('reads gzip input (detected by its bytes, whatever the name) to the same rows', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-cost-'));
  const gz = path.join(dir, 'export.csv');
  writeFileSync(gz, gzipSync(readFileSync(fixture('focus-1.0-sample.csv'))));
  const plain = await read(fixture('focus-1.0-sample.csv'));
  const zipped = await read(gz);
  assert.equal(zipped.lines.length, 1000);
  assert.deepEqual(totalsByService(zipped.lines), totalsByService(plain.lines));
});

test('skips rows that cannot count, each with a reason, its row and its line; the rest still count', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-cost-'));
  const file = path.join(dir, 'bad.csv');
  writeFileSync(file, [
    'BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Tags',
    '1.25,USD,2024-09-01 00:00:00,Compute,NULL',
    'NULL,USD,2024-09-01 00:00:00,Compute,NULL',
    'abc,USD,2024-09-01 00:00:00,Compute,NULL',
    '2,,2024-09-01 00:00:00,Compute,NULL',
    '2,USD,yesterday,Compute,NULL',
    '2,USD,2024-09-01',
    '"3.5",EUR,2024-10-01T00:00:00+02:00,"Storage, cold","{""team"": ""a""}"',
    '',
    '4,USD,2024-09-02 00:00:00,"Compute\r\nat night",NULL',
    'abc,USD,2024-09-01 00:00:00,Compute,NULL',
    '"5"x,USD,2024-09-01 00:00:00,Compute,NULL',
  ].join('\n'));
  const { result, lines, skipped } = await read(file);
  assert.equal(result.rowsRead, 10);
  // Lines count the header, the empty line and the newline inside the quoted service name.
  assert.deepEqual(skipped, [
    { row: 2, line: 3, reason: 'BilledCost is empty or NULL' },
    { row: 3, line: 4, reason: 'BilledCost is not a number' },
    { row: 4, line: 5, reason: 'has no currency' },
    { row: 5, line: 6, reason: 'ChargePeriodStart is not a date' },
    { row: 6, line: 7, reason: 'has 3 fields where the header has 5 (a broken quote or a cut line)' },
    { row: 9, line: 12, reason: 'BilledCost is not a number' },
    { row: 10, line: 13, reason: 'has text after a closing quote (a broken quote)' },
  ]);
  assert.deepEqual(lines.map((l) => [formatDecimal(l.cost), l.currency, l.month, l.service]), [
    ['1.25', 'USD', '2024-09', 'Compute'],
    ['3.5', 'EUR', '2024-09', 'Storage, cold'],
    ['4', 'USD', '2024-09', 'Compute\r\nat night'],
  ]);
});

test('a file whose header is no known export is an error that says what was expected', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-cost-'));
  const file = path.join(dir, 'other.csv');
  writeFileSync(file, 'a,b\n1,2\n');
  const { result, lines } = await read(file);
  assert.match(result.error ?? '', /matches no known export: expected FOCUS/);
  assert.equal(lines.length, 0);
});

test('a missing file and a cut gzip are errors that say so; the rows before the cut were read', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-cost-'));
  const missing = await read(path.join(dir, 'gone.csv'));
  assert.match(missing.result.error ?? '', /^cannot open it \(ENOENT/);
  const zipped = gzipSync(readFileSync(fixture('focus-1.0-sample.csv')));
  const cut = path.join(dir, 'cut.csv.gz');
  writeFileSync(cut, zipped.subarray(0, zipped.length >> 1));
  const { result, lines } = await read(cut);
  assert.match(result.error ?? '', /^cannot read it \(unexpected end of file\); rows after row \d+ were not read$/);
  assert.ok(lines.length > 100 && lines.length < 1000, `${lines.length} rows before the cut`);
  assert.equal(result.rowsRead, lines.length);
});
