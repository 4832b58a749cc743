import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartGeometry, formatValue } from './chart-geometry.ts';

const series = (values: (number | null)[], labels: [string, string][] = []) => ({ labels, start: 1_800_000_000, step: 300, values });

test('a gap in the values starts a new path segment, so it is drawn as a gap', () => {
  const g = chartGeometry({ title: 'Request rate', unit: 'req/s', series: [series([1, 2, null, null, 3, 4, null, 5])] });
  assert.equal(g.lines[0]!.d.match(/M/g)!.length, 2);
  assert.equal(g.lines[0]!.dots.length, 1, 'a lone point between gaps is a dot');
  assert.equal(g.missing, 3);
  assert.equal(g.last, '5 req/s');
  assert.match(g.summary, /last value 5 req\/s at .* UTC; lowest 1 req\/s, highest 5 req\/s; 3 points have no data \(gaps\)\./);
});

test('axes: y from zero to a round maximum with units, x ticks as UTC times', () => {
  const g = chartGeometry({ title: 'Error ratio', unit: 'ratio', series: [series([0.01, 0.04, 0.035])] });
  assert.deepEqual(g.yTicks.map((t) => t.label), ['0 %', '1.25 %', '2.5 %', '3.75 %', '5 %']);
  assert.ok(g.yTicks[0]!.position > g.yTicks[4]!.position, 'higher values are drawn higher');
});

test('no values at all is an empty chart that says so', () => {
  const g = chartGeometry({ title: 'Latency p95', unit: 's', series: [series([null, null])] });
  assert.equal(g.empty, true);
  assert.equal(g.summary, 'Latency p95: no data in this period.');
});

test('units read as people write them', () => {
  assert.equal(formatValue(0.475, 's'), '475 ms');
  assert.equal(formatValue(2.5, 's'), '2.5 s');
  assert.equal(formatValue(0.053, 'ratio'), '5.3 %');
  assert.equal(formatValue(1.2e9, 'bytes'), '1.2 GB');
  assert.equal(formatValue(12_345, 'req/s'), '12.3k req/s');
  assert.equal(formatValue(0.0012, ''), '0.0012');
});
