import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readEntities } from './read.ts';
import { createLocalSource, fileLocation } from '../../collectors/local/source.ts';
import { writeTree, component } from './__fixtures__/tree.ts';

const trees: { remove: () => void }[] = [];
after(() => trees.forEach((t) => t.remove()));

async function read(files: Record<string, string>, root = 'catalog-info.yaml', options?: { maxFileBytes?: number }) {
  const tree = writeTree(files);
  trees.push(tree);
  return readEntities([fileLocation(tree.path(root))], createLocalSource(tree.root), options);
}

const location = (name: string, spec: string[]) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata:', `  name: ${name}`, 'spec:', ...spec.map((l) => `  ${l}`)].join('\n') + '\n';

test('reads Backstage\'s own example catalog (create-app default-app examples) with zero problems', async () => {
  const dir = fileURLToPath(new URL('./__fixtures__/backstage-examples/', import.meta.url));
  const result = await readEntities([fileLocation(`${dir}catalog-info.yaml`)], createLocalSource(dir));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.entities.map((e) => e.ref).sort(), [
    'api:default/example-grpc-api',
    'component:default/example-website',
    'group:default/guests',
    'location:default/backstage-examples',
    'system:default/examples',
    'template:default/example-nodejs-template',
    'user:default/guest',
  ]);
  assert.equal(result.files.length, 4);
});

test('reads every document of a multi-document file, each with the line its document starts on', async () => {
  const r = await read({ 'catalog-info.yaml': `${component('a')}---\n${component('b')}` });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.entities.map((e) => [e.ref, e.source.line]), [['component:default/a', 1], ['component:default/b', 10]]);
});

test('records the position of metadata, spec and array-item fields', async () => {
  const r = await read({ 'catalog-info.yaml': component('a', ['dependsOn:', '  - resource:db', '  - component:b']) });
  const { positions } = r.entities[0];
  assert.deepEqual(positions['metadata.name'], { line: 4, column: 9 });
  assert.deepEqual(positions['spec.owner'], { line: 8, column: 10 });
  assert.deepEqual(positions['spec.dependsOn.1'], { line: 11, column: 7 });
});

test('reports malformed YAML as yaml-syntax with line and column, and still loads the other documents', async () => {
  const r = await read({ 'catalog-info.yaml': `${component('a')}---\nmetadata: [unclosed\n---\n${component('c')}` });
  assert.deepEqual(r.entities.map((e) => e.ref), ['component:default/a', 'component:default/c']);
  const [p] = r.problems;
  assert.equal(p.rule, 'yaml-syntax');
  assert.equal(p.file.endsWith('catalog-info.yaml'), true);
  assert.ok(p.line >= 11 && p.line <= 13, `line ${p.line}`);
});

test('reports a duplicate key in a mapping as yaml-syntax', async () => {
  const r = await read({ 'catalog-info.yaml': component('a', ['type: library']).replace('  type: library\n', '') + '  owner: team-b\n' });
  assert.deepEqual(r.problems.map((p) => p.rule), ['yaml-syntax']);
  assert.equal(r.entities.length, 0);
});

test('excludes an invalid entity, reports it, and keeps the valid ones of the same file', async () => {
  const r = await read({ 'catalog-info.yaml': `${component('my service')}---\n${component('ok')}` });
  assert.deepEqual(r.entities.map((e) => e.ref), ['component:default/ok']);
  assert.deepEqual(r.problems.map((p) => [p.rule, p.line]), [['invalid-name', 4]]);
});

test('substitutes $text, $json and $yaml from files relative to the descriptor', async () => {
  const r = await read({
    'catalog-info.yaml': location('root', ['target: ./api/api.yaml']),
    'api/api.yaml': [
      'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: petstore',
      '  annotations: { $json: ./annotations.json }', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a',
      '  definition:', '    $text: ./openapi.yaml', '  extra: { $yaml: ./extra.yaml }',
    ].join('\n'),
    'api/openapi.yaml': 'openapi: 3.0.0\n',
    'api/annotations.json': '{ "example.com/a": "1" }',
    'api/extra.yaml': 'list: [1, 2]\n',
  });
  assert.deepEqual(r.problems, []);
  const api = r.entities.find((e) => e.entity.kind === 'API');
  assert.equal(api?.entity.spec?.definition, 'openapi: 3.0.0\n');
  assert.deepEqual(api?.entity.metadata.annotations, { 'example.com/a': '1' });
  assert.deepEqual(api?.entity.spec?.extra, { list: [1, 2] });
});

test('reports a missing $text file at the placeholder, and keeps the entity with the field marked unresolved', async () => {
  const r = await read({ 'catalog-info.yaml': component('a', ['definition:', '  $text: ./missing.md']) });
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].entity.spec?.definition, undefined);
  assert.deepEqual(r.entities[0].unresolved?.map((u) => [u.path, u.placeholder, u.target]), [['spec.definition', '$text', './missing.md']]);
  assert.equal(r.problems.length, 1);
  const [p] = r.problems;
  assert.equal(p.rule, 'placeholder-missing');
  assert.deepEqual([p.line, p.column], [10, 12]);
  assert.equal(p.entityRef, 'component:default/a');
  assert.match(p.message, /missing\.md/);
});

test('reports unparseable $json content', async () => {
  const r = await read({ 'catalog-info.yaml': component('a', ['x: { $json: ./x.json }']), 'x.json': '{ nope' });
  assert.deepEqual(r.problems.map((p) => p.rule), ['placeholder-parse']);
});

test('refuses a $text path that leaves the root', async () => {
  const r2 = await read({ 'catalog-info.yaml': component('a', ['x: { $text: ../../../../../etc/hostname }']) });
  assert.deepEqual(r2.problems.map((p) => p.rule), ['placeholder-refused']);
});

test('follows Location targets recursively, relative to the file holding the Location, and returns the Locations too', async () => {
  const r = await read({
    'catalog-info.yaml': location('root', ['targets: [./services/all.yaml]']),
    'services/all.yaml': location('services', ['target: ./a/catalog-info.yaml']),
    'services/a/catalog-info.yaml': component('a'),
  });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.entities.map((e) => e.ref), ['location:default/root', 'location:default/services', 'component:default/a']);
  assert.equal(r.files.length, 3);
});

test('reports a missing Location target at the target field', async () => {
  const r = await read({ 'catalog-info.yaml': location('root', ['targets:', '  - ./here.yaml', '  - ./gone.yaml']), 'here.yaml': component('a') });
  assert.deepEqual(r.problems.map((p) => [p.rule, p.line, p.column, p.entityRef]), [['location-missing', 8, 7, 'location:default/root']]);
  assert.equal(r.entities.length, 2);
});

test('says plainly that a glob pattern in a Location target is not supported', async () => {
  const r = await read({ 'catalog-info.yaml': location('root', ['target: ./services/*/catalog-info.yaml']) });
  assert.deepEqual(r.problems.map((p) => p.rule), ['location-missing']);
  assert.match(r.problems[0].message, /glob patterns/);
});

test('accepts a missing target when the Location says presence: optional', async () => {
  const r = await read({ 'catalog-info.yaml': location('root', ['presence: optional', 'target: ./gone.yaml']) });
  assert.deepEqual(r.problems, []);
});

test('reports a Location cycle once instead of looping', async () => {
  const r = await read({
    'catalog-info.yaml': location('root', ['target: ./b.yaml']),
    'b.yaml': location('b', ['target: ./catalog-info.yaml']),
  });
  assert.deepEqual(r.problems.map((p) => p.rule), ['location-cycle']);
  assert.equal(r.entities.length, 2);
});

test('reads a file reached through two Locations only once', async () => {
  const r = await read({
    'catalog-info.yaml': location('root', ['targets: [./x.yaml, ./y.yaml]']),
    'x.yaml': location('x', ['target: ./c.yaml']),
    'y.yaml': location('y', ['target: ./c.yaml']),
    'c.yaml': component('c'),
  });
  assert.deepEqual(r.problems, []);
  assert.equal(r.entities.filter((e) => e.ref === 'component:default/c').length, 1);
});

test('refuses a Location target outside the root, naming the path', async () => {
  const r = await read({ 'catalog-info.yaml': location('root', ['target: ../../../../etc/passwd']) });
  assert.deepEqual(r.problems.map((p) => p.rule), ['location-refused']);
  assert.match(r.problems[0].message, /etc\/passwd/);
});

test('does not fetch url targets in the local source, and says so in a warning', async () => {
  const r = await read({ 'catalog-info.yaml': location('root', ['type: url', 'target: https://github.com/o/r/blob/main/catalog-info.yaml']) });
  assert.deepEqual(r.problems.map((p) => [p.rule, p.severity]), [['location-not-fetched', 'warning']]);
  assert.match(r.problems[0].message, /URL target, not fetched/);
});

const api = (definition: string[]) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: an-api', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a', '  definition:', ...definition.map((l) => `    ${l}`)].join('\n') + '\n';

for (const [what, files, rule, severity] of [
  ['a missing file', { 'catalog-info.yaml': api(['$text: ./missing.yaml']) }, 'placeholder-missing', 'error'],
  ['a path outside the root', { 'catalog-info.yaml': api(['$text: ../../etc/passwd']) }, 'placeholder-refused', 'error'],
  ['unparseable JSON', { 'catalog-info.yaml': api(['$json: ./bad.json']), 'bad.json': '{ nope' }, 'placeholder-parse', 'error'],
  ['a file over the size cap', { 'catalog-info.yaml': api(['$text: ./big.yaml']), 'big.yaml': 'x'.repeat(5000) }, 'file-too-large', 'error'],
  ['a URL no reader reads', { 'catalog-info.yaml': api(['$text: https://specs.example.com/openapi.yaml']) }, 'placeholder-not-fetched', 'warning'],
] as const) {
  test(`an API whose $text/$json is ${what} is kept, its definition marked unresolved, with one problem (${rule})`, async () => {
    const r = await read(files as Record<string, string>, 'catalog-info.yaml', { maxFileBytes: 2000 });
    assert.deepEqual(r.problems.map((p) => [p.rule, p.severity, p.line, p.entityRef]), [[rule, severity, 10, 'api:default/an-api']]);
    assert.deepEqual(r.entities.map((e) => e.ref), ['api:default/an-api']);
    assert.deepEqual(r.entities[0].unresolved?.map((u) => u.path), ['spec.definition']);
    assert.equal('definition' in (r.entities[0].entity.spec ?? {}), false);
  });
}

test('refuses a file over maxFileBytes with a file-too-large problem', async () => {
  const big = component('a') + `# ${'x'.repeat(2000)}\n`;
  const r = await read({ 'catalog-info.yaml': big }, 'catalog-info.yaml', { maxFileBytes: 1000 });
  assert.deepEqual(r.problems.map((p) => p.rule), ['file-too-large']);
  assert.equal(r.entities.length, 0);
  const ok = await read({ 'catalog-info.yaml': big }, 'catalog-info.yaml', { maxFileBytes: 10_000 });
  assert.equal(ok.entities.length, 1);
});

test('reports a root file that does not exist', async () => {
  const r = await read({ 'other.yaml': component('a') });
  assert.deepEqual(r.problems.map((p) => [p.rule, p.line]), [['location-missing', 1]]);
});

test('bounds YAML alias expansion (billion laughs) instead of exhausting memory', async () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  const r = await read({ 'catalog-info.yaml': lines.join('\n') + '\n' });
  assert.equal(r.entities.length, 0);
  assert.equal(r.problems[0].rule, 'yaml-syntax');
});

test('fillDefaults lets a source complete a document before validation, and its problems name the entity', async () => {
  const tree = writeTree({ 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\nspec:\n  type: service\n  lifecycle: production\n' });
  trees.push(tree);
  const without = await readEntities([fileLocation(tree.path('catalog-info.yaml'))], createLocalSource(tree.root));
  assert.equal(without.entities.length, 0, 'without an owner the Component is invalid');
  const filled = await readEntities([fileLocation(tree.path('catalog-info.yaml'))], createLocalSource(tree.root), {
    fillDefaults: (value, at) => {
      (value.spec as Record<string, unknown>).owner = 'group:default/team-a';
      return [{ file: at.file, line: at.start.line, column: at.start.column, severity: 'warning', rule: 'filled', message: 'owner filled in' }];
    },
  });
  assert.deepEqual(filled.entities.map((e) => [e.ref, e.entity.spec?.owner]), [['component:default/a', 'group:default/team-a']]);
  assert.deepEqual(filled.problems.map((p) => [p.rule, p.entityRef, p.line]), [['filled', 'component:default/a', 1]]);
});

// lib/parse's one rule for keys, at every way a descriptor brings data in.
for (const key of ['__proto__', 'constructor', 'prototype']) {
  test(`refuses a "${key}" key under metadata, with file:line, and keeps the other entities`, async () => {
    const hostile = ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  ${key}:`, '    name: sneaky', 'spec:', '  type: service', '  lifecycle: x', '  owner: a'].join('\n') + '\n';
    const r = await read({ 'catalog-info.yaml': `${hostile}---\n${component('fine')}` });
    assert.deepEqual(r.problems.map((p) => [p.rule, p.line]), [['forbidden-key', 5]]);
    assert.match(r.problems[0].message, new RegExp(`"${key}" \\(at metadata\\.${key}\\)`));
    assert.deepEqual(r.entities.map((e) => e.ref), ['component:default/fine']);
  });

  test(`refuses a "${key}" key under spec (it cannot supply spec.owner)`, async () => {
    const r = await read({ 'catalog-info.yaml': component('a', [`${key}:`, '  owner: team-b']).replace('  owner: team-a\n', '') });
    assert.deepEqual(r.problems.map((p) => p.rule), ['forbidden-key']);
    assert.equal(r.entities.length, 0);
  });

  test(`refuses a "${key}" key inside a $json and a $yaml file, naming that file's line`, async () => {
    const r = await read({
      'catalog-info.yaml': component('a', ['j:', '  $json: ./d.json', 'y:', '  $yaml: ./d.yaml']),
      'd.json': `{\n  "ok": 1,\n  "${key}": { "x": 1 }\n}\n`,
      'd.yaml': `ok: 1\nnested:\n  ${key}:\n    x: 1\n`,
    });
    assert.deepEqual(r.problems.map((p) => [p.rule, p.line]), [['placeholder-parse', 10], ['placeholder-parse', 12]]);
    assert.match(r.problems[0].message, new RegExp(`d\\.json:3:3: The key "${key}"`));
    assert.match(r.problems[1].message, new RegExp(`d\\.yaml:4:5: The key "${key}"`));
    assert.equal(r.entities.length, 1, 'the entity is kept, its two fields unresolved');
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });
}

test('states the nesting limit for very deep YAML, in the descriptor and in a $yaml file, instead of a stack overflow', async () => {
  const deep = '['.repeat(30_000) + ']'.repeat(30_000);
  const r = await read({ 'catalog-info.yaml': component('a', [`x: ${deep}`]) + `---\n${component('b', ['y:', '  $yaml: ./deep.yaml'])}`, 'deep.yaml': `z: ${deep}\n` });
  assert.deepEqual(r.problems.map((p) => p.rule), ['too-deep', 'placeholder-parse']);
  for (const p of r.problems) assert.match(p.message, /deeper than 200 levels/);
  assert.doesNotMatch(JSON.stringify(r.problems), /call stack/i);
  const moderate = Array.from({ length: 250 }, (_, i) => `${' '.repeat(i + 2)}k${i}:${i === 249 ? ' 1' : ''}`);
  const m = await read({ 'catalog-info.yaml': component('c', ['deep:', ...moderate]) });
  assert.deepEqual(m.problems.map((p) => p.rule), ['too-deep']);
  assert.match(m.problems[0].message, /at spec\.deep\.k0\.k1/);
});

test('a lower-case `kind: component` never shadows the valid Component of the same name, before or after it', async () => {
  const lower = component('checkout').replace('kind: Component', 'kind: component');
  for (const files of [{ 'catalog-info.yaml': `${lower}---\n${component('checkout')}` }, { 'catalog-info.yaml': `${component('checkout')}---\n${lower}` }]) {
    const r = await read(files);
    assert.deepEqual(r.entities.map((e) => [e.ref, e.entity.kind]), [['component:default/checkout', 'Component']]);
    assert.deepEqual(r.problems.map((p) => p.rule), ['kind-case']);
  }
});

test('bytes that are not UTF-8 are a warning at their line and column, in a descriptor and in a $text file; the entity is kept', async () => {
  const tree = writeTree({});
  trees.push(tree);
  const { writeFileSync } = await import('node:fs');
  const descriptor = component('cafe', ['definition:', '  $text: ./notes.txt']).replace('metadata:\n', 'metadata:\n  description: "caf\u0000"\n');
  writeFileSync(tree.path('catalog-info.yaml'), Buffer.from(descriptor.replace('\u0000', '\ufffd')).toString('latin1').replace('\u00ef\u00bf\u00bd', '\u00e9'), 'latin1');
  writeFileSync(tree.path('notes.txt'), Buffer.from([0x6f, 0x6b, 0x0a, 0x6e, 0x61, 0xef, 0xbf, 0xbd, 0x20, 0xff, 0x0a]));
  const r = await readEntities([fileLocation(tree.path('catalog-info.yaml'))], createLocalSource(tree.root));
  assert.deepEqual(r.problems.map((p) => [p.rule, p.severity, p.line, p.column]), [['not-utf8', 'warning', 4, 20], ['not-utf8', 'warning', 11, 12]]);
  assert.match(r.problems[1].message, /notes\.txt:2:5: Bytes that are not UTF-8 start here/);
  assert.equal(r.entities[0].entity.metadata.description, 'caf\ufffd');
  assert.equal(r.entities[0].entity.spec?.definition, 'ok\nna\ufffd \ufffd\n');
});
