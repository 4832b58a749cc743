// OpenAPI 3.0/3.1 view models, from fixtures written for these tests (lib/apidocs/fixtures/).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenApiView } from './openapi.ts';
import { parseDefinitionText } from './parseDefinitionText.ts';
import type { OpenApiView, OperationView, SchemaNode } from './types.ts';

function loadFixture(name: string): unknown {
  const parsed = parseDefinitionText(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok, 'fixture parses');
  return parsed.document;
}

function openApiView(document: unknown): OpenApiView {
  const view = buildOpenApiView(document);
  assert.equal(view.kind, 'openapi');
  return view as OpenApiView;
}

function operation(view: OpenApiView, method: string, path: string): OperationView {
  const found = view.groups.flatMap((g) => g.operations).find((o) => o.method === method && o.path === path);
  assert.ok(found, `${method} ${path} exists`);
  return found;
}

function child(node: SchemaNode, name: string): SchemaNode {
  const found = node.children.find((c) => c.name === name);
  assert.ok(found, `child ${name} of ${node.name || node.type}`);
  return found;
}

const petstore = openApiView(loadFixture('petstore-3.0.yaml'));

test('groups operations by their first tag, in the order the document declares tags, untagged ones under "default" last', () => {
  assert.deepEqual(
    petstore.groups.map((g) => [g.name, g.operations.map((o) => `${o.method} ${o.path}`)]),
    [
      ['pets', ['GET /pets', 'POST /pets', 'GET /pets/{petId}', 'DELETE /pets/{petId}']],
      ['store', ['GET /orders']],
      ['default', ['GET /health']],
    ],
  );
  assert.equal(petstore.operationCount, 6);
});

test('gives each operation a stable anchor from its operationId, or from method and path when it has none', () => {
  assert.equal(operation(petstore, 'GET', '/pets').id, 'op-listpets');
  assert.equal(operation(petstore, 'GET', '/pets/{petId}').id, 'op-get-pets-petid');
  const ids = petstore.groups.flatMap((g) => g.operations.map((o) => o.id));
  assert.equal(new Set(ids).size, ids.length, 'anchors are unique');
});

test('reads info, servers (with variable defaults) and the deprecated flag', () => {
  assert.equal(petstore.info.title, 'Pet Store');
  assert.equal(petstore.info.version, '1.2.0');
  assert.deepEqual(petstore.servers.map((s) => s.url), ['https://pets.example.com/v1', 'https://{region}.pets.example.com']);
  assert.match(JSON.stringify(petstore.servers[1].description), /region = eu/);
  assert.equal(operation(petstore, 'DELETE', '/pets/{petId}').deprecated, true);
  assert.equal(operation(petstore, 'GET', '/pets').deprecated, false);
});

test('resolves $ref parameters and applies path-level parameters to every operation of the path', () => {
  const list = operation(petstore, 'GET', '/pets');
  assert.deepEqual(
    list.parameters.map((p) => [p.name, p.in, p.required, p.type]),
    [
      ['limit', 'query', false, 'integer (int32)'],
      ['status', 'query', false, 'string'],
    ],
  );
  assert.deepEqual(list.parameters[1].schema?.enumValues, ['"available"', '"sold"']);
  assert.ok(list.parameters[0].schema?.constraints.includes('default: 20'));
  for (const method of ['GET', 'DELETE']) {
    const petId = operation(petstore, method, '/pets/{petId}').parameters.find((p) => p.name === 'petId');
    assert.equal(petId?.in, 'path');
    assert.equal(petId?.required, true, 'path parameters are always required');
    assert.equal(petId?.type, 'integer (int64)');
  }
});

test('expands a $ref response schema into its properties, with required flags and a link to the named schema', () => {
  const ok = operation(petstore, 'GET', '/pets').responses.find((r) => r.status === '200');
  const schema = ok?.content[0].schema;
  assert.ok(schema);
  assert.equal(ok?.content[0].contentType, 'application/json');
  assert.equal(schema.type, 'array of Pet');
  assert.equal(schema.refAnchor, 'schema-pet');
  assert.deepEqual(schema.children.map((c) => [c.name, c.type, c.required]), [
    ['id', 'integer (int64)', true],
    ['name', 'string', true],
    ['tag', 'string | null', false],
    ['category', 'Category', false],
  ]);
  assert.equal(child(schema, 'id').readOnly, true);
  assert.equal(child(schema, 'tag').nullable, true);
  assert.equal(ok?.headers[0].name, 'X-Next');
  assert.equal(ok?.headers[0].type, 'string (uri)');
});

test('resolves $ref responses and request bodies', () => {
  const error = operation(petstore, 'GET', '/pets').responses.find((r) => r.status === 'default');
  assert.equal(error?.content[0].schema?.type, 'Error');
  assert.deepEqual(error?.content[0].schema?.children.map((c) => c.name), ['code', 'message']);
  const body = operation(petstore, 'POST', '/pets').requestBody;
  assert.equal(body?.required, true);
  // NewPet is allOf [Pet, { notes }]: one list of properties, saying which schema it includes.
  assert.equal(body?.content[0].schema?.type, 'NewPet');
  assert.equal(body?.content[0].schema?.combinator, undefined);
  assert.deepEqual(body?.content[0].schema?.children.map((c) => c.name), ['id', 'name', 'tag', 'category', 'notes']);
  assert.ok(body?.content[0].schema?.constraints.includes('includes Pet'));
});

test('stops a recursive schema at the first repetition instead of expanding it forever', () => {
  const pet = operation(petstore, 'GET', '/pets/{petId}').responses[0].content[0].schema;
  assert.ok(pet);
  const category = child(pet, 'category');
  const parent = child(category, 'parent');
  assert.equal(parent.stop?.reason, 'cycle');
  assert.equal(parent.refAnchor, 'schema-category');
  assert.equal(parent.children.length, 0);
  const children = child(category, 'children');
  assert.equal(children.type, 'array of Category');
  assert.equal(children.children[0]?.stop?.reason ?? children.stop?.reason, 'cycle');
});

test('shows an external $ref as unresolved and never follows it', () => {
  const orders = operation(petstore, 'GET', '/orders').responses[0].content[0].schema;
  assert.equal(orders?.stop?.reason, 'external');
  assert.match(orders?.stop?.detail ?? '', /https:\/\/schemas\.example\.com\/order\.json/);
});

test('lists components/schemas with anchors, linking nested named schemas instead of repeating them', () => {
  assert.deepEqual(petstore.schemas.map((s) => [s.name, s.id]), [
    ['Pet', 'schema-pet'],
    ['NewPet', 'schema-newpet'],
    ['Category', 'schema-category'],
    ['Error', 'schema-error'],
  ]);
  const pet = petstore.schemas[0].schema;
  assert.equal(pet.type, 'object', 'a named schema is described by its type, not its own name');
  assert.equal(child(petstore.schemas[2].schema, 'parent').stop?.reason, 'cycle', 'Category → Category is shown as recursive');
  const category = child(pet, 'category');
  assert.equal(category.stop?.reason, 'collapsed');
  assert.equal(category.refAnchor, 'schema-category');
  assert.equal(category.children.length, 0);
});

test('reads OpenAPI 3.1: type arrays with null, const, $ref with a sibling description, additionalProperties, oneOf', () => {
  const view = openApiView(loadFixture('catalog-3.1.json'));
  assert.equal(view.specVersion, '3.1.0');
  const item = operation(view, 'GET', '/items/{id}').responses[0].content[0].schema;
  assert.ok(item);
  assert.equal(item.type, 'Item');
  assert.match(JSON.stringify(item.description), /An item, as stored/);
  const price = child(item, 'price');
  assert.equal(price.type, 'number | null');
  assert.equal(price.nullable, true);
  assert.ok(price.constraints.includes('minimum: 0'));
  assert.ok(child(item, 'kind').constraints.includes('const: "item"'));
  assert.equal(child(child(item, 'labels'), '[key: string]').type, 'string');
  const variant = child(item, 'variant');
  assert.equal(variant.combinator, 'oneOf');
  assert.deepEqual(variant.children.map((c) => [c.name, c.type]), [['', 'Book'], ['sku', 'string']]);
  const node = child(item, 'node');
  assert.equal(child(node, 'next').stop?.reason, 'cycle');
  assert.ok(child(node, 'value').constraints.includes('example: 3'));
});

test('lists OpenAPI 3.1 webhooks in a group of their own, after the paths', () => {
  const view = openApiView(loadFixture('catalog-3.1.json'));
  assert.deepEqual(view.groups.map((g) => g.name), ['items', 'Webhooks']);
  const webhook = view.groups[1].operations[0];
  assert.deepEqual([webhook.method, webhook.path, webhook.id], ['POST', 'itemCreated', 'webhook-post-itemcreated']);
  assert.equal(webhook.requestBody?.content[0].schema?.refAnchor, 'schema-item');
});

test('keeps a deep (non-recursive) schema within the depth limit', () => {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < 30; i++) schema = { type: 'object', properties: { next: schema } };
  const view = openApiView({
    openapi: '3.0.0',
    info: { title: 'Deep', version: '1' },
    paths: { '/d': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } } },
  });
  let node = view.groups[0].operations[0].responses[0].content[0].schema;
  let depth = 0;
  while (node && node.children.length > 0) {
    node = node.children[0];
    depth++;
  }
  assert.ok(depth <= 10, `stopped at depth ${depth}`);
  assert.equal(node?.stop?.reason, 'depth');
});

test('a Swagger 2.0 definition gives a raw view with a notice that says so', () => {
  const view = buildOpenApiView({ swagger: '2.0', info: { title: 'Old', version: '1' }, paths: {} });
  assert.equal(view.kind, 'raw');
  assert.match(view.notices[0].message, /Swagger 2\.0/);
});

test('a document that is not OpenAPI gives a raw view with what is missing', () => {
  for (const document of [{ info: { title: 'x' } }, 'just text', [1, 2], { openapi: '2.5' }]) {
    const view = buildOpenApiView(document);
    assert.equal(view.kind, 'raw');
    assert.equal(view.notices[0].level, 'error');
  }
});

test('survives wrong types anywhere in the document', () => {
  const view = openApiView({
    openapi: '3.0.0',
    info: 'not an object',
    servers: 'nope',
    tags: [null, 3],
    paths: { '/a': { get: { parameters: [null, 'x', { $ref: '#/nowhere' }], responses: { 200: 'nope' }, tags: 'x' } }, '/b': null },
    components: { schemas: { Bad: 7 } },
  });
  assert.equal(view.info.title, 'Untitled API');
  assert.equal(view.groups[0].operations[0].parameters.some((p) => p.type === 'unresolved'), true);
  assert.equal(view.schemas[0].schema.type, 'invalid schema');
});
