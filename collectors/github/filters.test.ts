import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exclusionReason, inShard, matchesPattern } from './filters.ts';
import type { ListedRepository } from './list-repositories.ts';

const listed = (name: string, more: Partial<ListedRepository> = {}): ListedRepository => ({
  name, full_name: `acme/${name}`, html_url: `https://github.com/acme/${name}`, description: null, private: true, fork: false, ...more,
});
const none = { include: [], exclude: [], topics: [], archived: false, forks: false };

test('* matches any run of characters, case-insensitively, and other characters literally', () => {
  assert.ok(matchesPattern('Payments-API', 'payments-*'));
  assert.ok(matchesPattern('svc.web', 'svc.*'));
  assert.ok(!matchesPattern('svcXweb', 'svc.*'));
  assert.ok(!matchesPattern('my-payments-api', 'payments-*'));
});

test('archived repositories and forks are left out unless asked for', () => {
  assert.equal(exclusionReason(listed('a', { archived: true }), none), 'archived');
  assert.equal(exclusionReason(listed('a', { fork: true }), none), 'fork');
  assert.equal(exclusionReason(listed('a', { archived: true, fork: true }), { ...none, archived: true, forks: true }), null);
});

test('include, exclude and topics each leave out what they do not match', () => {
  assert.equal(exclusionReason(listed('tools'), { ...none, include: ['svc-*'] }), 'not included');
  assert.equal(exclusionReason(listed('svc-old'), { ...none, exclude: ['*-old'] }), 'excluded');
  assert.equal(exclusionReason(listed('svc', { topics: ['web'] }), { ...none, topics: ['Backend'] }), 'no matching topic');
  assert.equal(exclusionReason(listed('svc', { topics: ['backend'] }), { ...none, topics: ['Backend'] }), null);
});

test('shards split the repositories between them, each repository in exactly one, whatever else exists', () => {
  const names = Array.from({ length: 200 }, (_, i) => `repo-${i}`);
  const shardOf = (name: string) => [1, 2, 3, 4].filter((index) => inShard(name, { index, count: 4 }));
  for (const name of names) assert.equal(shardOf(name).length, 1);
  const sizes = [1, 2, 3, 4].map((index) => names.filter((n) => inShard(n, { index, count: 4 })).length);
  assert.ok(sizes.every((n) => n > 25), `uneven shards: ${sizes}`);
  assert.ok(names.every((n) => inShard(n, undefined) && inShard(n, { index: 1, count: 1 })));
});
