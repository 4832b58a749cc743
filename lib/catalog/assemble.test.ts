import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleCatalog } from './assemble.ts';
import { loadCatalog } from './catalog.ts';
import { validateEntity } from './validate.ts';
import { parseYamlDocuments } from './yaml.ts';
import type { LocatedEntity } from './types.ts';
import { fileURLToPath } from 'node:url';
import { createLocalSource, fileLocation } from '../../collectors/local/source.ts';

/** Located entities from a multi-document YAML string, as if read from `file`. */
function located(yaml: string, file = 'catalog-info.yaml'): LocatedEntity[] {
  return parseYamlDocuments(yaml).map((doc) => {
    const v = validateEntity(doc.value, { file, positions: doc.positions, start: doc.start });
    assert.ok(v.entity && v.ref, JSON.stringify(v.problems));
    return { entity: v.entity, ref: v.ref, source: { file, ...doc.start }, location: { type: 'file', target: `/${file}` }, positions: doc.positions };
  });
}

const doc = (kind: string, name: string, spec: Record<string, unknown>, apiVersion = 'backstage.io/v1alpha1') =>
  JSON.stringify({ apiVersion, kind, metadata: { name }, spec });
const all = (...docs: string[]) => docs.join('\n---\n');
const group = (name: string, spec: Record<string, unknown> = {}) => doc('Group', name, { type: 'team', children: [], ...spec });
const rels = (result: ReturnType<typeof assembleCatalog>, ref: string) =>
  result.entities.find((e) => e.ref === ref)?.entity.relations?.map((r) => `${r.type} ${r.targetRef}`);

const PAIRS: [string, string, string, string[], string, string][] = [
  // [what, source doc, target doc, [outgoing on source, incoming on target], sourceRef, targetRef]
  ['spec.owner → ownedBy / ownerOf', doc('Component', 'a', { type: 'service', lifecycle: 'production', owner: 'team-a' }), group('team-a'), ['ownedBy', 'ownerOf'], 'component:default/a', 'group:default/team-a'],
  ['spec.system → partOf / hasPart', doc('API', 'p', { type: 'openapi', lifecycle: 'x', owner: 'user:u', definition: 'x', system: 'shop' }), doc('System', 'shop', { owner: 'user:u' }), ['partOf', 'hasPart'], 'api:default/p', 'system:default/shop'],
  ['spec.providesApis → providesApi / apiProvidedBy', doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'user:u', providesApis: ['p'] }), doc('API', 'p', { type: 'openapi', lifecycle: 'x', owner: 'user:u', definition: 'x' }), ['providesApi', 'apiProvidedBy'], 'component:default/a', 'api:default/p'],
  ['spec.consumesApis → consumesApi / apiConsumedBy', doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'user:u', consumesApis: ['p'] }), doc('API', 'p', { type: 'openapi', lifecycle: 'x', owner: 'user:u', definition: 'x' }), ['consumesApi', 'apiConsumedBy'], 'component:default/a', 'api:default/p'],
  ['spec.dependsOn → dependsOn / dependencyOf', doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'user:u', dependsOn: ['resource:db'] }), doc('Resource', 'db', { type: 'database', owner: 'user:u' }), ['dependsOn', 'dependencyOf'], 'component:default/a', 'resource:default/db'],
  ['Resource spec.dependencyOf → dependencyOf / dependsOn', doc('Resource', 'db', { type: 'database', owner: 'user:u', dependencyOf: ['component:a'] }), doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'user:u' }), ['dependencyOf', 'dependsOn'], 'resource:default/db', 'component:default/a'],
  ['spec.subcomponentOf → partOf / hasPart', doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'user:u', subcomponentOf: 'b' }), doc('Component', 'b', { type: 's', lifecycle: 'x', owner: 'user:u' }), ['partOf', 'hasPart'], 'component:default/a', 'component:default/b'],
  ['System spec.domain → partOf / hasPart', doc('System', 's', { owner: 'user:u', domain: 'd' }), doc('Domain', 'd', { owner: 'user:u' }), ['partOf', 'hasPart'], 'system:default/s', 'domain:default/d'],
  ['User spec.memberOf → memberOf / hasMember', doc('User', 'u', { memberOf: ['team-a'] }), group('team-a'), ['memberOf', 'hasMember'], 'user:default/u', 'group:default/team-a'],
  ['Group spec.members → hasMember / memberOf', group('team-a', { members: ['u'] }), doc('User', 'u', { memberOf: [] }), ['hasMember', 'memberOf'], 'group:default/team-a', 'user:default/u'],
  ['Group spec.parent → childOf / parentOf', group('child', { parent: 'top' }), group('top'), ['childOf', 'parentOf'], 'group:default/child', 'group:default/top'],
  ['Group spec.children → parentOf / childOf', group('top', { children: ['child'] }), group('child'), ['parentOf', 'childOf'], 'group:default/top', 'group:default/child'],
  ['Template spec.owner → ownedBy / ownerOf', doc('Template', 't', { type: 'service', steps: [], owner: 'user:u' }, 'scaffolder.backstage.io/v1beta3'), doc('User', 'u', { memberOf: [] }), ['ownedBy', 'ownerOf'], 'template:default/t', 'user:default/u'],
];

for (const [what, sourceDoc, targetDoc, [out, back], sourceRef, targetRef] of PAIRS) {
  test(`derives ${what}, in both directions`, () => {
    const result = assembleCatalog(located(all(sourceDoc, targetDoc)), { known: new Set(['user:default/u']) });
    assert.deepEqual(result.problems, []);
    assert.ok(rels(result, sourceRef)?.includes(`${out} ${targetRef}`), `${sourceRef} should have ${out} ${targetRef}: ${rels(result, sourceRef)}`);
    assert.ok(rels(result, targetRef)?.includes(`${back} ${sourceRef}`), `${targetRef} should have ${back} ${sourceRef}: ${rels(result, targetRef)}`);
  });
}

test('resolves a bare reference in the referring entity\'s namespace', () => {
  const yaml = all(
    JSON.stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: { name: 's', namespace: 'shop' }, spec: { owner: 'team' } }),
    JSON.stringify({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team', namespace: 'shop' }, spec: { type: 'team', children: [] } }),
  );
  const result = assembleCatalog(located(yaml));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(rels(result, 'system:shop/s'), ['ownedBy group:shop/team']);
});

test('sorts relations by type then target, and lists each once', () => {
  const yaml = all(
    doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'team-a', providesApis: ['z', 'b', 'b'], system: 'shop' }),
    doc('API', 'z', { type: 'openapi', lifecycle: 'x', owner: 'team-a', definition: 'x' }),
    doc('API', 'b', { type: 'openapi', lifecycle: 'x', owner: 'team-a', definition: 'x' }),
    doc('System', 'shop', { owner: 'team-a' }),
    group('team-a'),
  );
  const result = assembleCatalog(located(yaml));
  assert.deepEqual(rels(result, 'component:default/a'), ['ownedBy group:default/team-a', 'partOf system:default/shop', 'providesApi api:default/b', 'providesApi api:default/z']);
});

test('reports a duplicate ref with both locations, keeps the first and excludes the later one', () => {
  const first = located(group('team-a'), 'one.yaml');
  const second = located(group('Team-A', { type: 'squad' }), 'two.yaml');
  const result = assembleCatalog([...first, ...second]);
  assert.equal(result.entities.length, 1);
  assert.equal(result.entities[0].source.file, 'one.yaml');
  const [p] = result.problems;
  assert.deepEqual([p.rule, p.file, p.entityRef], ['duplicate-entity', 'two.yaml', 'group:default/team-a']);
  assert.deepEqual([p.line, p.column], [1, group('Team-A', { type: 'squad' }).indexOf('"Team-A"') + 1], 'points at metadata.name of the later one');
  assert.match(p.message, /one\.yaml:1:1/);
});

test('reports a dangling reference at the referring field, keeps the entity and its relation', () => {
  const yaml = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\nspec:\n  type: s\n  lifecycle: x\n  owner: nobody\n';
  const result = assembleCatalog(located(yaml));
  assert.equal(result.entities.length, 1);
  const [p] = result.problems;
  assert.deepEqual([p.rule, p.severity, p.line, p.column, p.entityRef], ['dangling-reference', 'error', 8, 10, 'component:default/a']);
  assert.match(p.message, /group:default\/nobody/);
  assert.deepEqual(result.entities[0].problems, [p]);
  assert.deepEqual(rels(result, 'component:default/a'), ['ownedBy group:default/nobody']);
});

test('does not report references to known refs from elsewhere as dangling', () => {
  const result = assembleCatalog(located(doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'nobody' })), { known: new Set(['Group:default/nobody']) });
  assert.deepEqual(result.problems, []);
});

test('reports dangling references with the severity asked for', () => {
  const result = assembleCatalog(located(doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'nobody' })), { danglingSeverity: 'warning' });
  assert.deepEqual(result.problems.map((p) => p.severity), ['warning']);
});

test('reports no dangling reference when asked for off (a preview of one repository), but keeps the relation and other checks', () => {
  const result = assembleCatalog(located(doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'nobody', system: 'component:b' })), { danglingSeverity: 'off' });
  assert.deepEqual(result.problems.map((p) => p.rule), ['wrong-kind']);
  assert.deepEqual(rels(result, 'component:default/a'), ['ownedBy group:default/nobody', 'partOf component:default/b']);
});

test('reports a target of the wrong kind: owner pointing at a Component, system not a System, providesApis not an API', () => {
  const yaml = all(
    doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'component:b', system: 'component:b', providesApis: ['component:b'] }),
    doc('Component', 'b', { type: 's', lifecycle: 'x', owner: 'user:u' }),
  );
  const result = assembleCatalog(located(yaml), { known: new Set(['user:default/u']) });
  assert.deepEqual(result.problems.map((p) => [p.rule, p.message.split(' ')[0]]), [
    ['wrong-kind', 'spec.owner'],
    ['wrong-kind', 'spec.providesApis.0'],
    ['wrong-kind', 'spec.system'],
  ]);
});

test('accepts a User as owner', () => {
  const result = assembleCatalog(located(all(doc('Component', 'a', { type: 's', lifecycle: 'x', owner: 'user:u' }), doc('User', 'u', { memberOf: [] }))));
  assert.deepEqual(result.problems, []);
});

test('gives entities of an unknown kind no relations and no problems', () => {
  const result = assembleCatalog(located(doc('Pipeline', 'p', { owner: 'nobody' }, 'example.com/v1')));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.entities[0].entity.relations, []);
});

test('loads Backstage\'s example catalog into a catalog with zero problems and relations both ways', async () => {
  const dir = fileURLToPath(new URL('./__fixtures__/backstage-examples/', import.meta.url));
  const result = await loadCatalog([fileLocation(`${dir}catalog-info.yaml`)], createLocalSource(dir));
  assert.deepEqual(result.problems, []);
  assert.equal(result.entities.length, 7);
  assert.deepEqual(rels(result, 'api:default/example-grpc-api'), ['apiProvidedBy component:default/example-website', 'ownedBy group:default/guests', 'partOf system:default/examples']);
  assert.deepEqual(rels(result, 'user:default/guest'), ['memberOf group:default/guests', 'ownerOf template:default/example-nodejs-template']);
});

test('an entity of an unknown kind gets no relations and gives none, even with relation-shaped fields', () => {
  const result = assembleCatalog(located(all(
    doc('Pipeline', 'p', { owner: 'team-a', system: 'shop', dependsOn: ['component:default/a'] }, 'example.com/v1'),
    doc('toString', 'c', { owner: 'team-a' }, 'example.com/v1'),
    group('team-a'),
  )));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(rels(result, 'pipeline:default/p'), []);
  assert.deepEqual(rels(result, 'tostring:default/c'), []);
  assert.deepEqual(rels(result, 'group:default/team-a'), []);
});
