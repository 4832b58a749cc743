import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecimalReader, DecimalSum, addDecimal, formatDecimal, parseDecimal, roundDecimal, compareDecimal } from './decimal.ts';

const d = (text: string) => {
  const value = parseDecimal(text);
  assert.ok(value, `${text} parses`);
  return value;
};

test('parses plain, signed and exponent decimals exactly, as cost exports write them', () => {
  assert.equal(formatDecimal(d('0.00000080000')), '0.0000008');
  assert.equal(formatDecimal(d('9.984E-7')), '0.0000009984');
  assert.equal(formatDecimal(d('5.64902E-05')), '0.0000564902');
  assert.equal(formatDecimal(d('1.5e3')), '1500');
  assert.equal(formatDecimal(d('-12.50')), '-12.5');
  assert.equal(formatDecimal(d('.25')), '0.25');
  assert.equal(formatDecimal(d('7.')), '7');
});

test('rejects what is not a number: the literal NULL, empty, words, two dots', () => {
  for (const text of ['NULL', '', ' ', 'abc', '1.2.3', '1e', '--1', '.', 'e5', '1e99999']) {
    assert.equal(parseDecimal(text), undefined, JSON.stringify(text));
  }
});

test('a sum of ten thousand 0.1s is exactly 1000, where floats drift', () => {
  const sum = new DecimalSum();
  let float = 0;
  for (let i = 0; i < 10_000; i++) {
    sum.add(d('0.1'));
    float += 0.1;
  }
  assert.equal(formatDecimal(sum.value), '1000');
  assert.notEqual(float, 1000);
});

test('sums values of different scales without losing digits', () => {
  const sum = new DecimalSum();
  for (const text of ['1.5', '9.984E-7', '0.00000080000', '-0.5', '2']) sum.add(d(text));
  assert.equal(formatDecimal(sum.value), '3.0000017984');
  assert.equal(formatDecimal(addDecimal(d('0.1'), d('0.02'))), '0.12');
});

test('rounds half away from zero to cents', () => {
  assert.equal(roundDecimal(d('2.345')), '2.35');
  assert.equal(roundDecimal(d('2.3449999')), '2.34');
  assert.equal(roundDecimal(d('-2.345')), '-2.35');
  assert.equal(roundDecimal(d('0.004')), '0.00');
  assert.equal(roundDecimal(d('-0.004')), '0.00');
  assert.equal(roundDecimal(d('12')), '12.00');
  assert.equal(roundDecimal(d('9.984E-7'), 0), '0');
});

test('compares across scales', () => {
  assert.equal(compareDecimal(d('1.10'), d('1.1')), 0);
  assert.equal(compareDecimal(d('1.2'), d('1.19999')), 1);
  assert.equal(compareDecimal(d('-3'), d('0')), -1);
});

test('the allocation-free reader gives the same exact sums as parseDecimal, including past 2^53 and mixed scales', () => {
  const texts = ['439.7826113916', '0.00000080000', '9.984E-7', '-12.5', '123456789012345', '1234567890123456789.5', '7', '.5', '0.1'];
  const reader = new DecimalReader();
  const fast = new DecimalSum();
  const slow = new DecimalSum();
  for (let round = 0; round < 2000; round++) {
    for (const text of texts) {
      assert.ok(reader.read(text), text);
      assert.equal(formatDecimal(reader.value), formatDecimal(d(text)), text);
      fast.addRead(reader);
      slow.add(d(text));
    }
  }
  assert.equal(formatDecimal(fast.value), formatDecimal(slow.value));
  for (const text of ['NULL', '', '-', '.', 'abc', '1.2.3', '12a']) assert.equal(reader.read(text), false, JSON.stringify(text));
});
