import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTemplater, parseRepoUrl } from './templater.ts';

const t = createTemplater();

test('a string that is one expression keeps its type, as in Backstage', () => {
  const context = { parameters: { tags: ['a', 'b'], protect: false, count: 3, owner: { kind: 'group' } } };
  assert.deepEqual(t.evaluate('${{ parameters.tags }}', context), ['a', 'b']);
  assert.equal(t.evaluate('${{ parameters.protect }}', context), false);
  assert.equal(t.evaluate(' ${{ parameters.count }} ', context), 3);
  assert.deepEqual(t.evaluate({ nested: ['${{ parameters.owner }}'] }, context), { nested: [{ kind: 'group' }] });
  assert.equal(t.evaluate('n=${{ parameters.count }}', context), 'n=3');
  assert.deepEqual(t.evaluate({ gone: '${{ parameters.missing }}', kept: 1 }, context), { kept: 1 }, 'an undefined expression drops the key');
});

test("steps['id'].output and bracket lookups resolve", () => {
  assert.equal(t.evaluate("${{ steps['publish'].output.remoteUrl }}", { steps: { publish: { output: { remoteUrl: 'https://x' } } } }), 'https://x');
});

test('parseRepoUrl, projectSlug and pick read RepoUrlPicker values', () => {
  assert.deepEqual(parseRepoUrl('github.com?owner=acme&repo=payments'), { host: 'github.com', owner: 'acme', repo: 'payments' });
  const context = { parameters: { repoUrl: 'ghe.example.com?owner=acme&repo=pay' } };
  assert.equal(t.evaluate('${{ parameters.repoUrl | projectSlug }}', context), 'acme/pay');
  assert.equal(t.evaluate("${{ parameters.repoUrl | parseRepoUrl | pick('host') }}", context), 'ghe.example.com');
  assert.throws(() => parseRepoUrl('payments'), /expected host\?owner=…&repo=…/);
});

test('parseEntityRef applies defaults, and pick of a missing key is empty', () => {
  const context = { parameters: { owner: 'team-a' } };
  assert.equal(t.evaluate("${{ parameters.owner | parseEntityRef({ defaultKind: 'group' }) | pick('kind') }}", context), 'group');
  assert.equal(t.evaluate("${{ parameters.owner | parseEntityRef({ defaultKind: 'group' }) | pick('namespace') }}", context), 'default');
  assert.equal(t.evaluate("x${{ parameters.owner | parseEntityRef({ defaultKind: 'group' }) | pick('__proto__') }}", context), 'x');
});

test('a value that is template syntax stays text', () => {
  const hostile = "${{ 7 * 7 }} {% for x in [1,2] %}{{ x }}{% endfor %} {{ constructor.constructor('return process')() }}";
  assert.equal(t.renderString('${{ values.v }}', { values: { v: hostile } }), hostile);
  assert.equal(t.evaluate('${{ parameters.v }}', { parameters: { v: hostile } }), hostile);
  assert.equal(t.evaluate('a ${{ parameters.v }}', { parameters: { v: hostile } }), `a ${hostile}`);
});

test('templates cannot include files (the engine has no loader)', () => {
  assert.throws(() => t.renderString("{% include '/etc/passwd' %}", {}), /template not found|no loader/i);
});

test('blocks and Nunjucks filters work as in Backstage skeletons', () => {
  assert.equal(t.renderString('{% if values.on %}yes{% else %}no{% endif %} ${{ values.name | dump }} ${{ values.name | upper }}', { values: { on: true, name: 'a"b' } }), 'yes "a\\"b" A"B');
});
