import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerFromCodeowners, parseCodeowners } from './codeowners.ts';

test('parses one rule per line, skipping comments and blank lines', () => {
  const rules = parseCodeowners('# Owners\n\n*       @acme/platform @alice # fallback\n/docs/  docs@example.com\n\\#notes @bob\n');
  assert.deepEqual(rules, [
    { pattern: '*', owners: ['@acme/platform', '@alice'], line: 3 },
    { pattern: '/docs/', owners: ['docs@example.com'], line: 4 },
    { pattern: '#notes', owners: ['@bob'], line: 5 },
  ]);
});

test('the owner is the first team of the last rule covering every file, as a group reference', () => {
  const rules = parseCodeowners('* @acme/old-team\n*.md @acme/writers\n* @alice @acme/Payments-Team\n');
  assert.equal(ownerFromCodeowners(rules), 'group:default/payments-team');
});

test('without a team, the first user of that rule becomes a user reference', () => {
  assert.equal(ownerFromCodeowners(parseCodeowners('* someone@example.com @Dave\n')), 'user:default/dave');
});

test('no owner when no rule covers every file, or when it names only e-mail addresses', () => {
  assert.equal(ownerFromCodeowners(parseCodeowners('/src/ @acme/devs\n*.md @bob\n')), undefined);
  assert.equal(ownerFromCodeowners(parseCodeowners('* owner@example.com\n')), undefined);
});
