import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEntity } from './validate.ts';
import { parseYamlDocuments } from './yaml.ts';
import { component } from './__fixtures__/tree.ts';

/** Validates the first document of `yaml` as if read from `catalog-info.yaml`. */
function check(yaml: string) {
  const [doc] = parseYamlDocuments(yaml);
  assert.deepEqual(doc.errors, []);
  return validateEntity(doc.value, { file: 'catalog-info.yaml', positions: doc.positions, start: doc.start });
}
const rules = (r: ReturnType<typeof check>) => r.problems.map((p) => p.rule);

test('accepts a minimal valid Component and gives its reference', () => {
  const r = check(component('checkout'));
  assert.deepEqual(r.problems, []);
  assert.equal(r.ref, 'component:default/checkout');
  assert.equal(r.entity?.metadata.name, 'checkout');
});

test('rejects a name with a space, as Backstage\'s naming policy does, at the line and column of the name', () => {
  const r = check(component('my service'));
  assert.equal(r.entity, undefined);
  const [p] = r.problems;
  assert.equal(p.rule, 'invalid-name');
  assert.equal(p.severity, 'error');
  assert.deepEqual([p.file, p.line, p.column], ['catalog-info.yaml', 4, 9]);
  assert.equal(p.entityRef, 'component:default/my service');
  assert.match(p.message, /my service/);
  assert.ok(p.hint);
});

test('rejects a namespace that is not a DNS label, and accepts one that is', () => {
  assert.deepEqual(rules(check(component('a', [], ['namespace: Team_A']))), ['invalid-namespace']);
  assert.deepEqual(rules(check(component('a', [], ['namespace: team-a']))), []);
});

test('rejects malformed tags at the position of the tag, and accepts well-formed ones', () => {
  const r = check(component('a', [], ['tags: [java, Web App]']));
  assert.deepEqual(rules(r), ['invalid-tag']);
  assert.deepEqual([r.problems[0].line, r.problems[0].column], [5, 16]);
  assert.deepEqual(rules(check(component('a', [], ['tags: [java, c++, web-app]']))), []);
});

test('rejects malformed label keys and values, and accepts well-formed ones', () => {
  assert.deepEqual(rules(check(component('a', [], ['labels:', '  "bad key!": x']))), ['invalid-label']);
  assert.deepEqual(rules(check(component('a', [], ['labels:', '  tier: free text']))), ['invalid-label']);
  assert.deepEqual(rules(check(component('a', [], ['labels:', '  example.com/tier: gold']))), []);
});

test('rejects malformed annotation keys and non-string values, and accepts any string value', () => {
  assert.deepEqual(rules(check(component('a', [], ['annotations:', '  "a/b/c": x']))), ['invalid-annotation']);
  assert.deepEqual(rules(check(component('a', [], ['annotations:', '  backstage.io/techdocs-ref: 3']))), ['invalid-field']);
  assert.deepEqual(rules(check(component('a', [], ['annotations:', '  backstage.io/techdocs-ref: "dir:. with spaces"']))), []);
});

test('rejects a link whose url is not absolute, a link without url, and an icon that is not name-shaped', () => {
  assert.deepEqual(rules(check(component('a', [], ['links:', '  - url: example.com']))), ['invalid-link']);
  assert.deepEqual(rules(check(component('a', [], ['links:', '  - title: Docs']))), ['required-field']);
  assert.deepEqual(rules(check(component('a', [], ['links:', '  - url: https://example.com', '    icon: my icon']))), ['invalid-link']);
  assert.deepEqual(rules(check(component('a', [], ['links:', '  - url: https://example.com', '    title: Docs', '    icon: dashboard']))), []);
});

test('rejects unknown top-level fields, as Backstage\'s NoForeignRootFields policy does', () => {
  const r = check(component('a') + 'extra: 1\n');
  assert.deepEqual(rules(r), ['unknown-root-field']);
});

test('rejects a document that is not a mapping, and an envelope without metadata.name', () => {
  assert.deepEqual(rules(check('- a\n- b\n')), ['invalid-envelope']);
  const r = check('apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: x\n');
  assert.deepEqual(rules(r), ['required-field']);
  assert.match(r.problems[0].message, /metadata\.name is required/);
});

const REQUIRED: Record<string, { apiVersion: string; spec: Record<string, string> }> = {
  Component: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } },
  API: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: '"openapi: 3.0.0"' } },
  Resource: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'database', owner: 'team-a' } },
  System: { apiVersion: 'backstage.io/v1alpha1', spec: { owner: 'team-a' } },
  Domain: { apiVersion: 'backstage.io/v1alpha1', spec: { owner: 'team-a' } },
  Group: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'team', children: '[]' } },
  User: { apiVersion: 'backstage.io/v1alpha1', spec: { memberOf: '[team-a]' } },
  Template: { apiVersion: 'scaffolder.backstage.io/v1beta3', spec: { type: 'service', steps: '[{ action: "fetch:plain" }]' } },
};

function entityYaml(kind: string, apiVersion: string, spec: Record<string, string | string[]>): string {
  return [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: x', Object.keys(spec).length ? 'spec:' : 'spec: {}', ...Object.entries(spec).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? JSON.stringify(v) : v}`)].join('\n') + '\n';
}

for (const [kind, { apiVersion, spec }] of Object.entries(REQUIRED)) {
  test(`accepts a ${kind} with its required spec fields (${Object.keys(spec).join(', ')})`, () => {
    assert.deepEqual(check(entityYaml(kind, apiVersion, spec)).problems, []);
  });
  for (const field of Object.keys(spec)) {
    test(`rejects a ${kind} without spec.${field}, pointing at spec`, () => {
      const { [field]: _removed, ...rest } = spec;
      const r = check(entityYaml(kind, apiVersion, rest));
      assert.equal(r.entity, undefined);
      assert.deepEqual(rules(r), ['required-field']);
      assert.match(r.problems[0].message, new RegExp(`spec\\.${field} is required`));
      assert.equal(r.problems[0].line, Object.keys(rest).length ? 6 : 5);
    });
  }
}

test('accepts a Location with only target, and rejects a Location presence other than required/optional', () => {
  assert.deepEqual(check(entityYaml('Location', 'backstage.io/v1alpha1', { target: './a.yaml' })).problems, []);
  assert.deepEqual(rules(check(entityYaml('Location', 'backstage.io/v1alpha1', { target: './a.yaml', presence: 'maybe' }))), ['invalid-field']);
});

test('rejects a known kind under an apiVersion that kind does not have', () => {
  assert.deepEqual(rules(check(entityYaml('Template', 'backstage.io/v1alpha1', REQUIRED.Template.spec))), ['invalid-api-version']);
});

test('rejects a field of the wrong type, naming the field', () => {
  const r = check(component('a', ['providesApis: petstore']));
  assert.deepEqual(rules(r), ['invalid-field']);
  assert.match(r.problems[0].message, /spec\.providesApis must be array/);
});

test('keeps an entity of an unknown kind, with an unknown-kind warning', () => {
  const r = check(entityYaml('Pipeline', 'example.com/v1', { anything: 'goes' }));
  assert.ok(r.entity);
  assert.deepEqual(r.problems.map((p) => [p.rule, p.severity]), [['unknown-kind', 'warning']]);
});

test('rejects every case-variant of a built-in kind with an error that names the built-in kind', () => {
  for (const [kind, variant] of [['Component', 'component'], ['Component', 'COMPONENT'], ['API', 'Api'], ['API', 'api'], ['Group', 'group'], ['Location', 'location'], ['Template', 'TEMPLATE'], ['User', 'uSER'], ['System', 'system'], ['Domain', 'domain'], ['Resource', 'resource']] as const) {
    const r = check(entityYaml(variant, 'backstage.io/v1alpha1', REQUIRED[kind]?.spec ?? { type: 'url', target: './x.yaml' }));
    assert.equal(r.entity, undefined, variant);
    assert.deepEqual(r.problems.map((p) => [p.rule, p.severity, p.message]), [['kind-case', 'error', `kind "${variant}" differs from the built-in kind "${kind}" only in case`]]);
    assert.match(r.problems[0].hint ?? '', new RegExp(`kind: ${kind}`));
  }
});

test('refuses constructor and prototype as kinds (kinds become keys), in any case', () => {
  for (const kind of ['constructor', 'Prototype']) {
    const r = check(entityYaml(kind, 'example.com/v1', { owner: 'team-a' }));
    assert.equal(r.entity, undefined);
    assert.deepEqual(r.problems.map((p) => p.rule), ['invalid-kind']);
  }
});

test('an unknown kind named like another Object property is just an unknown kind', () => {
  for (const kind of ['toString', 'hasOwnProperty', 'valueOf']) {
    const r = check(entityYaml(kind, 'example.com/v1', { owner: 'team-a', dependsOn: '[component:x]' }));
    assert.ok(r.entity, kind);
    assert.deepEqual(r.problems.map((p) => p.rule), ['unknown-kind']);
  }
});

test('rejects a dependsOn entry without a kind (the field has no default kind) at the array item', () => {
  const r = check(component('a', ['dependsOn: [resource:db, cache]']));
  assert.deepEqual(rules(r), ['invalid-reference']);
  assert.deepEqual([r.problems[0].line, r.problems[0].column], [9, 28]);
});

test('drops relations written in the file: they are derived, never read', () => {
  const r = check(component('a') + 'relations: [{ type: ownedBy, targetRef: "group:default/x" }]\n');
  assert.ok(r.entity);
  assert.equal(r.entity.relations, undefined);
});

// Backstage's catalog model: API types mcp-server and ai-model-server carry spec.remotes instead of a definition.
const remoteApi = (type: string, spec: string[]) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: tools', 'spec:', `  type: ${type}`, '  lifecycle: experimental', '  owner: team-a', ...spec.map((l) => `  ${l}`)].join('\n') + '\n';

for (const type of ['mcp-server', 'ai-model-server']) {
  test(`accepts an API of type ${type} with spec.remotes and no definition`, () => {
    const r = check(remoteApi(type, ['remotes:', '  - type: streamable-http', '    url: https://tools.example.com/mcp']));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entity?.spec?.remotes, [{ type: 'streamable-http', url: 'https://tools.example.com/mcp' }]);
  });

  test(`rejects an API of type ${type} without remotes, or with a remote lacking its url, saying which field`, () => {
    const missing = check(remoteApi(type, []));
    assert.deepEqual(missing.problems.map((p) => [p.rule, p.message]), [['required-field', 'spec.remotes is required for kind API']]);
    const empty = check(remoteApi(type, ['remotes: []']));
    assert.deepEqual(rules(empty), ['invalid-field']);
    const noUrl = check(remoteApi(type, ['remotes:', '  - type: sse']));
    assert.deepEqual(noUrl.problems.map((p) => [p.rule, p.message, p.line]), [['required-field', 'spec.remotes.0.url is required for kind API', 10]]);
  });
}

test('an API of any other type still needs its definition, and remotes do not stand in for it', () => {
  const r = check(remoteApi('openapi', ['remotes:', '  - type: sse', '    url: https://x.example.com']));
  assert.deepEqual(r.problems.map((p) => p.message), ['spec.definition is required for kind API']);
});

test('accepts Backstage\'s apiVersion backstage.io/v1alpha2 for an API', () => {
  const r = check(remoteApi('mcp-server', ['remotes:', '  - type: sse', '    url: https://x.example.com']).replace('backstage.io/v1alpha1', 'backstage.io/v1alpha2'));
  assert.deepEqual(r.problems, []);
});
