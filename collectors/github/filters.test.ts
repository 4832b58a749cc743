import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exclusionReason, matchesPattern } from './filters.ts';
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
