import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { checkWorkflow } from '../../lib/workflows/check.ts';
import { runScaffold } from '../../cli/commands/scaffold.ts';
import { syncWorkflows } from '../../cli/commands/workflows.ts';
import { loadTemplate, parseTemplate } from '../template.ts';
import { GITHUB_INPUT_LIMIT, generateWorkflow, planWorkflow } from './generate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const backstageExample = path.join(root, 'node_modules/@backstage/create-app/templates/default-app/examples/template/template.yaml');

async function load(file: string) {
  const { template, problems } = await loadTemplate(file);
  assert.deepEqual(problems, []);
  return template!;
}

function templateText(properties: string[], extra = '') {
  return ['apiVersion: scaffolder.backstage.io/v1beta3', 'kind: Template', 'metadata: { name: many, title: "Many ${{ secrets.TOKEN }}" }', 'spec:', '  parameters:', '    - required: [p1, p30]', '      properties:', ...properties.map((p) => `        ${p}`), extra, '  steps: [{ id: log, action: "debug:log", input: { message: "${{ parameters | dump }}" } }]', ''].join('\n');
}

let work: string;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'backlot-workflows-'));
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('backlot workflows', () => {
  test('the committed scaffold workflows match their templates (run `npm run backlot -- workflows` after changing one)', async () => {
    const result = await syncWorkflows({ templatesDir: 'templates', outDir: '.github/workflows', check: true, root });
    assert.ok(result.ok, result.messages.join('\n'));
  });

  test('a template changed without regenerating is caught by --check', async () => {
    const { cp, writeFile } = await import('node:fs/promises');
    await cp(path.join(root, 'templates'), path.join(work, 'templates'), { recursive: true });
    await cp(path.join(root, '.github/workflows'), path.join(work, 'wf'), { recursive: true });
    const file = path.join(work, 'templates/docs-addition/template.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('default: overview\n', 'default: overview-and-runbook\n'));
    const result = await syncWorkflows({ templatesDir: 'templates', outDir: 'wf', check: true, root: work });
    assert.equal(result.ok, false);
    assert.match(result.messages.join('\n'), /wf\/scaffold-docs-addition\.yml: differs from its template/);
  });

  test('inputs carry types, choices, defaults and descriptions; the workflow passes actionlint and the workflow rules', async () => {
    const template = await load(path.join(root, 'templates/typescript-service/template.yaml'));
    const { text } = generateWorkflow(template, { source: 'templates/typescript-service/template.yaml' });
    const inputs = parse(text).on.workflow_dispatch.inputs;
    assert.deepEqual(inputs.lifecycle, { description: 'Lifecycle', required: false, type: 'choice', options: ['experimental', 'production'], default: 'experimental' });
    assert.deepEqual(inputs.protect.type, 'boolean');
    assert.equal(inputs.protect.default, true);
    assert.equal(inputs.name.required, true);
    assert.match(inputs.name.description, /^Name — Lower-case name/);
    assert.deepEqual(await checkWorkflow(text, 'scaffold-typescript-service.yml'), []);
    const run = parse(text).jobs.scaffold.steps.at(-1);
    assert.equal(run.env.SCAFFOLD_INPUTS, '${{ toJSON(inputs) }}');
    assert.ok(!run.run.includes('${{'), 'inputs reach the shell only through env');
  });

  test("Backstage's published example template generates a workflow that passes the lint", async () => {
    const { text } = generateWorkflow(await load(backstageExample));
    assert.deepEqual(Object.keys(parse(text).on.workflow_dispatch.inputs), ['name', 'repoUrl']);
    assert.deepEqual(await checkWorkflow(text, 'scaffold-example-nodejs-template.yml'), []);
  });

  test('round trip: what GitHub sends for the form reaches the template as the same values --set gives', async () => {
    const template = await load(path.join(root, 'templates/typescript-service/template.yaml'));
    const inputs = parse(generateWorkflow(template).text).on.workflow_dispatch.inputs as Record<string, { type: string; default?: unknown }>;
    // GitHub's `inputs` context: booleans stay booleans, every other input is a string; defaults fill the gaps.
    const form: Record<string, unknown> = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.default ?? (v.type === 'boolean' ? false : '')]));
    Object.assign(form, { name: 'round-trip', description: 'Made by the form', owner: 'group:default/team-a', visibility: 'private', protect: false });
    const viaWorkflow = io();
    assert.equal(await runScaffold(['typescript-service', '--inputs-env', 'SCAFFOLD_INPUTS', '--dry-run', '--out', path.join(work, 'rt-1')], { ...viaWorkflow.io, env: { SCAFFOLD_INPUTS: JSON.stringify(form) } }), 0, viaWorkflow.err());
    const viaSet = io();
    assert.equal(await runScaffold(['typescript-service', '--set', 'name=round-trip', '--set', 'description=Made by the form', '--set', 'owner=group:default/team-a', '--set', 'visibility=private', '--set', 'protect=false', '--dry-run', '--out', path.join(work, 'rt-2')], viaSet.io), 0);
    assert.equal(await readFile(path.join(work, 'rt-1/catalog-info.yaml'), 'utf8'), await readFile(path.join(work, 'rt-2/catalog-info.yaml'), 'utf8'));
    const plan = (s: string) => s.split('\n').filter((l) => l.includes('would')).join('\n');
    assert.equal(plan(viaWorkflow.out()), plan(viaSet.out()));
    assert.match(viaWorkflow.out(), /would create private repository acme-freight\/round-trip/);
    assert.doesNotMatch(viaWorkflow.out(), /would protect/);
  });

  test(`past ${GITHUB_INPUT_LIMIT} parameters the rest travel in more_values, required ones keep their own inputs, and more_values is validated`, async () => {
    const properties = Array.from({ length: 30 }, (_, i) => `p${i + 1}: { type: ${i === 29 ? 'integer' : 'string'}${i === 28 ? ', pattern: "^[a-z]+$"' : ''} }`);
    const file = path.join(work, 'many.yaml');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, templateText(properties));
    const template = parseTemplate(await readFile(file, 'utf8'), file).template!;
    const plan = planWorkflow(template);
    assert.equal(plan.inputs.length, GITHUB_INPUT_LIMIT - 1);
    assert.ok(plan.inputs.some((i) => i.field.name === 'p30'), 'a required parameter keeps its own input');
    assert.deepEqual(plan.overflow.map((f) => f.name), ['p24', 'p25', 'p26', 'p27', 'p28', 'p29']);
    const { text } = generateWorkflow(template);
    const parsed = parse(text);
    assert.equal(Object.keys(parsed.on.workflow_dispatch.inputs).length, GITHUB_INPUT_LIMIT);
    assert.equal(parsed.name, 'Scaffold: Many $ {{ secrets.TOKEN }}', 'template text is never an expression in the workflow');
    assert.deepEqual(await checkWorkflow(text, 'scaffold-many.yml'), []);

    const good = io();
    const env = (more: string) => ({ SCAFFOLD_INPUTS: JSON.stringify({ p1: 'a', p30: 3, more_values: more }) });
    assert.equal(await runScaffold([file, '--inputs-env', 'SCAFFOLD_INPUTS', '--dry-run', '--out', path.join(work, 'many-1')], { ...good.io, env: env('{"p29":"abc","p24":"x"}') }), 0, good.err());
    assert.match(good.out(), /"p29": ?"abc"/);
    const bad = io();
    assert.equal(await runScaffold([file, '--inputs-env', 'SCAFFOLD_INPUTS', '--dry-run', '--out', path.join(work, 'many-2')], { ...bad.io, env: env('{"p29":"ABC","__proto__":{"x":1},"nope":1}') }), 2);
    assert.match(bad.err(), /p29 must match the pattern \^\[a-z\]\+\$ \[pattern\]/);
    assert.match(bad.err(), /"__proto__" is not a parameter/);
    assert.match(bad.err(), /"nope" is not a parameter/);
    const notJson = io();
    assert.equal(await runScaffold([file, '--inputs-env', 'SCAFFOLD_INPUTS', '--dry-run', '--out', path.join(work, 'many-3')], { ...notJson.io, env: env('p29=abc') }), 2);
    assert.match(notJson.err(), /more_values must be a JSON object of the remaining parameters/);
  });

  test('an OwnerPicker becomes a choice of the catalog\'s groups when there are few enough, and stays text otherwise', async () => {
    const template = await load(path.join(root, 'templates/typescript-service/template.yaml'));
    const few = planWorkflow(template, { byKind: { group: ['group:default/team-b', 'group:default/team-a'], user: ['user:default/ann'] } });
    assert.deepEqual(few.inputs.find((i) => i.field.name === 'owner'), { field: few.inputs.find((i) => i.field.name === 'owner')!.field, type: 'choice', options: ['group:default/team-a', 'group:default/team-b'] });
    const many = planWorkflow(template, { byKind: { group: Array.from({ length: 101 }, (_, i) => `group:default/t${i}`) } });
    assert.equal(many.inputs.find((i) => i.field.name === 'owner')!.type, 'string');
  });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env: {}, cwd: root }, out: () => out.join(''), err: () => err.join('') };
}
