import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeMonth, parseTagCell } from './formats.ts';

test('the month of a charge, in UTC: zone-less, Z, offsets, month-first US dates', () => {
  assert.equal(chargeMonth('2024-09-18 22:00:00'), '2024-09');
  assert.equal(chargeMonth('2023-11-04T23:00:00.000Z'), '2023-11');
  assert.equal(chargeMonth('2024-09-30'), '2024-09');
  assert.equal(chargeMonth('2024-10-01T01:00:00+02:00'), '2024-09');
  assert.equal(chargeMonth('2024-09-30T23:00:00-0200'), '2024-10');
  assert.equal(chargeMonth('9/2/2023'), '2023-09');
  assert.equal(chargeMonth('12/31/2023 00:00:00'), '2023-12');
  for (const bad of ['2024-13-01 00:00:00', '2024-00-10', '2024-09-32', 'yesterday', '', '20x4-09-01 00:00:00', '13/1/2024']) {
    assert.equal(chargeMonth(bad), undefined, bad);
  }
});

test('tags: FOCUS JSON objects, Azure members without braces; a cell with a __proto__/constructor/prototype key is not read (lib/parse\'s one rule)', () => {
  assert.deepEqual([...parseTagCell('{"team": "a", " org": "b", "n": 3}')!], [['team', 'a'], ['org', 'b'], ['n', '3']]);
  assert.deepEqual([...parseTagCell('"tagA": "valueA","tagB": "valueB"')!], [['tagA', 'valueA'], ['tagB', 'valueB']]);
  assert.equal(parseTagCell('{"__proto__": "x"}'), undefined);
  assert.equal(parseTagCell('"team": "a", "constructor": "y"'), undefined);
  assert.equal(parseTagCell('{"prototype": "z"}'), undefined);
  assert.equal(parseTagCell('NULL')!.size, 0);
  assert.equal(parseTagCell('not json'), undefined);
  assert.equal(parseTagCell('[1,2]'), undefined);
});
