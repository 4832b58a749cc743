import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { loadTemplates, parseTemplate } from './template.ts';

const root = path.resolve(import.meta.dirname, '..');

test('the shipped templates and the example organisation\'s Backstage templates load', async () => {
  const shipped = await loadTemplates(path.join(root, 'templates'));
  assert.deepEqual(shipped.problems, []);
  assert.deepEqual(shipped.templates.map((t) => t.name), ['docs-addition', 'typescript-service']);
  const ts = shipped.templates[1]!;
  assert.equal(ts.owner, 'group:default/platform-team');
  assert.deepEqual(ts.tags, ['typescript', 'node', 'recommended']);
  const examples = await loadTemplates(path.join(root, 'examples/repos/software-templates/templates'));
  assert.deepEqual(examples.problems, []);
  assert.deepEqual(examples.templates.map((t) => t.name), ['kotlin-service', 'techdocs-site']);
});

test('an unknown action is an error at its line, naming the known ones', () => {
  const text = 'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: t\nspec:\n  steps:\n    - id: a\n      action: fetch:template\n    - id: b\n      action: aws:s3:create\n';
  const { template, problems } = parseTemplate(text, 'templates/t/template.yaml');
  assert.equal(template, undefined);
  assert.deepEqual(problems.map((p) => [p.line, p.rule]), [[10, 'unknown-action']]);
  assert.match(problems[0]!.message, /unknown action "aws:s3:create" in step "b"/);
  assert.match(problems[0]!.hint!, /fetch:template/);
});

for (const name of ['__proto__', 'constructor', 'more_values', 'has space', '$(id)']) {
  test(`a parameter named ${JSON.stringify(name)} is refused at its line`, () => {
    const text = `apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: t\nspec:\n  parameters:\n    - properties:\n        ${JSON.stringify(name)}:\n          type: string\n  steps: []\n`;
    const { problems } = parseTemplate(text, 'template.yaml');
    // __proto__ / constructor are refused by the one YAML loader already (no key of input data may be one).
    const rule = ['__proto__', 'constructor'].includes(name) ? 'template-yaml' : 'parameter-name';
    assert.deepEqual(problems.map((p) => [p.line, p.rule]), [[9, rule]]);
    assert.ok(problems[0]!.message.includes(name), problems[0]!.message);
  });
}

test('not a v1beta3 Template, and YAML errors, are reported with positions', () => {
  assert.equal(parseTemplate('apiVersion: backstage.io/v1alpha1\nkind: Component\n', 'x.yaml').problems[0]!.rule, 'template-kind');
  const yamlError = parseTemplate('a: [\n', 'x.yaml').problems[0]!;
  assert.equal(yamlError.rule, 'template-yaml');
  assert.equal(yamlError.file, 'x.yaml');
});
