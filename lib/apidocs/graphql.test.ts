// GraphQL SDL view models, from a schema written for these tests (fixtures/library.graphql).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraphqlView } from './graphql.ts';
import type { GraphqlTypeView, GraphqlView } from './types.ts';

const sdl = readFileSync(new URL('./fixtures/library.graphql', import.meta.url), 'utf8');
const view = buildGraphqlView(sdl) as GraphqlView;

function type(name: string): GraphqlTypeView {
  const found = view.groups.flatMap((g) => g.types).find((t) => t.name === name);
  assert.ok(found, name);
  return found;
}

test('groups types with Query, Mutation and Subscription first, then objects, inputs, enums, interfaces, unions, scalars', () => {
  assert.equal(view.kind, 'graphql');
  assert.deepEqual(
    view.groups.map((g) => [g.title, g.types.map((t) => t.name)]),
    [
      ['Operations', ['Query', 'Mutation', 'Subscription']],
      ['Object types', ['Author', 'Book']],
      ['Input types', ['AddBookInput']],
      ['Enums', ['Genre']],
      ['Interfaces', ['Node']],
      ['Unions', ['SearchResult']],
      ['Scalars', ['DateTime']],
    ],
  );
});

test('shows fields with arguments, default values and wrapped types linked to their anchors', () => {
  const books = type('Query').fields.find((f) => f.name === 'books');
  assert.ok(books);
  assert.deepEqual(books.type, { prefix: '[', name: 'Book', suffix: '!]!', anchor: 'type-book' });
  assert.deepEqual(books.args.map((a) => [a.name, a.type.name, a.type.anchor]), [
    ['title', 'String', undefined],
    ['genre', 'Genre', 'type-genre'],
  ]);
  assert.match(JSON.stringify(books.description), /Find books by title/);
  const authorBooks = type('Author').fields.find((f) => f.name === 'books');
  assert.equal(authorBooks?.args[0].defaultValue, '10');
});

test('reports deprecations of fields and enum values with their reason', () => {
  assert.equal(type('Book').fields.find((f) => f.name === 'writer')?.deprecated, 'Use `author`.');
  assert.equal(type('Book').fields.find((f) => f.name === 'title')?.deprecated, undefined);
  assert.equal(type('Genre').values.find((v) => v.name === 'POETRY')?.deprecated, 'Merged into FICTION.');
});

test('merges `extend type` into the type, and lists interfaces and union members', () => {
  assert.ok(type('Book').fields.some((f) => f.name === 'publishedAt' && f.type.anchor === 'type-datetime'));
  assert.deepEqual(type('Book').interfaces.map((i) => i.name), ['Node']);
  assert.deepEqual(type('SearchResult').members.map((m) => m.anchor), ['type-book', 'type-author']);
  assert.match(JSON.stringify(type('Book').description), /A book in the library/);
});

test('keeps directive definitions as signatures', () => {
  assert.deepEqual(view.directives.map((d) => d.name), ['cacheControl']);
  assert.match(view.directives[0].signature, /^directive @cacheControl\(maxAge: Int\) on FIELD_DEFINITION \| OBJECT$/);
});

test('honours custom root type names from a `schema { … }` definition', () => {
  const custom = buildGraphqlView('schema { query: Root }\ntype Root { ok: Boolean }\ntype Query { x: Int }') as GraphqlView;
  assert.deepEqual(custom.groups[0].types.map((t) => t.name), ['Root']);
  assert.deepEqual(custom.groups[1].types.map((t) => t.name), ['Query']);
});

test('renders a schema that references types defined elsewhere, leaving those unlinked', () => {
  const partial = buildGraphqlView('type Query { me: User }') as GraphqlView;
  assert.equal(partial.kind, 'graphql');
  assert.deepEqual(partial.groups[0].types[0].fields[0].type, { prefix: '', name: 'User', suffix: '', anchor: undefined });
});

test('a syntax error gives a raw view with the message, line and column', () => {
  const broken = buildGraphqlView('type Query {\n  books: [Book\n}');
  assert.equal(broken.kind, 'raw');
  assert.match(broken.notices[0].message, /does not parse: Syntax Error/);
  assert.equal(broken.notices[0].line, 3);
  assert.equal(typeof broken.notices[0].column, 'number');
});
