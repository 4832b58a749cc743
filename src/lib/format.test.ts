import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTime, kindLabel, kindPlural, plural, truncate } from './format.ts';

test('formats a time in UTC to the minute, whatever the machine timezone', () => {
  assert.equal(formatTime('2026-11-25T22:00:59.999Z'), '2026-11-25 22:00 UTC');
  assert.equal(formatTime('2026-11-25T23:30:00+01:00'), '2026-11-25 22:30 UTC');
  assert.equal(formatTime('not a time'), 'not a time');
  assert.equal(formatTime(undefined), 'never');
});

test('writes kinds as Backstage does, API in capitals', () => {
  assert.equal(kindLabel('api'), 'API');
  assert.equal(kindLabel('component'), 'Component');
  assert.equal(kindPlural('API'), 'APIs');
  assert.equal(kindPlural('group'), 'Groups');
});

test('truncates on a word boundary and keeps short text whole', () => {
  assert.equal(truncate('short text', 20), 'short text');
  assert.equal(truncate('the quick brown fox jumps over', 16), 'the quick brown…');
  assert.equal(truncate(undefined, 5), '');
  assert.ok(truncate('x'.repeat(50), 10).length <= 10);
});

test('pairs a count with the singular or plural noun', () => {
  assert.equal(plural(1, 'member'), '1 member');
  assert.equal(plural(0, 'member'), '0 members');
  assert.equal(plural(12000, 'service'), '12,000 services');
});
