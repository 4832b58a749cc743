// The entry point pages call: whatever an API entity holds, it returns something to show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildApiDefinition } from './buildApiDefinition.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('picks the view from spec.type and the raw language from the text', () => {
  assert.deepEqual(
    [
      buildApiDefinition('openapi', fixture('petstore-3.0.yaml')),
      buildApiDefinition('openapi', fixture('catalog-3.1.json')),
      buildApiDefinition('asyncapi', fixture('streetlights-asyncapi-3.yaml')),
      buildApiDefinition('graphql', fixture('library.graphql')),
      buildApiDefinition('grpc', 'syntax = "proto3";'),
      buildApiDefinition('trpc', 'export const router = …'),
    ].map((m) => [m.view.kind, m.rawLang]),
    [
      ['openapi', 'yaml'],
      ['openapi', 'json'],
      ['asyncapi', 'yaml'],
      ['graphql', 'graphql'],
      ['raw', 'proto'],
      ['raw', 'text'],
    ],
  );
});

test('spec.type is matched without regard to case or surrounding spaces', () => {
  assert.equal(buildApiDefinition(' OpenAPI ', fixture('petstore-3.0.yaml')).view.kind, 'openapi');
});

test('an unknown type says its definition is shown raw, and keeps the text', () => {
  const model = buildApiDefinition('soap', '<definitions/>');
  assert.equal(model.view.kind, 'raw');
  assert.match(model.view.notices[0].message, /"soap"/);
  assert.equal(model.raw, '<definitions/>');
});

test('malformed input never throws: a YAML error, a non-OpenAPI document, an empty or missing definition', () => {
  const cases: [string, unknown, RegExp][] = [
    ['openapi', 'openapi: 3.0.0\n  bad: [indent', /not valid YAML/],
    ['openapi', 'name: not an api\n', /`openapi` field .* is missing/],
    ['asyncapi', '{"asyncapi": ', /not valid JSON or YAML/],
    ['graphql', 'type {', /does not parse/],
    ['openapi', '', /empty/],
    [undefined as unknown as string, undefined, /no `spec.type`/],
  ];
  for (const [type, definition, message] of cases) {
    const model = buildApiDefinition(type, definition);
    assert.equal(model.view.kind, 'raw', String(definition));
    assert.match(model.view.notices.map((n) => n.message).join(' '), message);
  }
});

test('a definition over the size cap is shown raw with a clear message', () => {
  const big = `openapi: 3.0.0\ninfo: {title: Big, version: '1'}\npaths: {}\n# ${'x'.repeat(5000)}\n`;
  const model = buildApiDefinition('openapi', big, { maxChars: 4096 });
  assert.equal(model.view.kind, 'raw');
  assert.match(model.view.notices[0].message, /over the 4 kB limit/);
  assert.equal(model.raw, big);
  assert.equal(buildApiDefinition('openapi', big).view.kind, 'openapi', 'the default cap (2 MB) lets it through');
});

test('a definition given as an object (inline YAML in the descriptor) is read as JSON', () => {
  const model = buildApiDefinition('openapi', { openapi: '3.1.0', info: { title: 'Inline', version: '1' }, paths: {} });
  assert.equal(model.view.kind, 'openapi');
  assert.equal(model.rawLang, 'json');
  assert.match(model.raw, /"title": "Inline"/);
});

test('deeply nested input (100,000 levels) gives a view or a notice, never a stack overflow', () => {
  const n = 100_000;
  const json = `{"openapi":"3.0.0","info":{"title":"x","version":"1"},"paths":{},"x-deep":${'['.repeat(n)}${']'.repeat(n)}}`;
  const openapi = buildApiDefinition('openapi', json);
  assert.equal(openapi.view.kind, 'raw');
  assert.match(openapi.view.notices[0].message, /Nesting deeper than 200 levels \(at x-deep\.0\.0/);
  const graphql = buildApiDefinition('graphql', `type Query { a: ${'['.repeat(n)}Int${']'.repeat(n)} }`);
  assert.equal(graphql.view.kind, 'raw');
  assert.match(graphql.view.notices[0].message, /does not parse/);
});
