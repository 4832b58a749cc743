import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRows, facetCounts, matchesFilters, readQuery, readView, writeQuery, writeView, type CatalogRow } from './catalog-filter.ts';

const row = (over: Partial<CatalogRow>): CatalogRow => ({ name: 'web', kind: 'Component', type: 'service', owner: 'group:default/team-a', lifecycle: 'production', system: 'shop', tags: ['java'], description: 'The shop front', ...over });

test('reads filters and sort from the query, ignoring unknown keys, blanks and bad columns', () => {
  assert.deepEqual(readQuery('?kind=api&owner=group%3Adefault%2Fteam-a&x=1&type=&sort=owner&dir=desc'), {
    filters: { kind: 'api', owner: 'group:default/team-a' }, sort: 'owner', descending: true,
  });
  assert.deepEqual(readQuery('?sort=evil'), { filters: {}, sort: undefined, descending: false });
});

test('writes the same query for the same view, and nothing for the unfiltered view', () => {
  assert.equal(writeQuery({ tag: 'java', kind: 'component' }, 'name'), '?kind=component&tag=java&sort=name');
  assert.equal(writeQuery({}), '');
  const { filters, sort, descending } = readQuery(writeQuery({ q: 'a b', lifecycle: 'production' }, 'type', true));
  assert.deepEqual({ filters, sort, descending }, { filters: { q: 'a b', lifecycle: 'production' }, sort: 'type', descending: true });
});

test('keeps a row only when every set filter matches', () => {
  assert.equal(matchesFilters(row({}), { kind: 'component', tag: 'java', owner: 'group:default/team-a' }), true);
  assert.equal(matchesFilters(row({}), { kind: 'api' }), false);
  assert.equal(matchesFilters(row({}), { tag: 'go' }), false);
  assert.equal(matchesFilters(row({}), { lifecycle: 'deprecated' }), false);
  assert.equal(matchesFilters(row({}), { type: 'website' }), false);
});

test('matches free text in the name or the description, ignoring case', () => {
  assert.equal(matchesFilters(row({}), { q: 'SHOP' }), true);
  assert.equal(matchesFilters(row({}), { q: 'we' }), true);
  assert.equal(matchesFilters(row({}), { q: 'billing' }), false);
});

test('sorts naturally (svc-2 before svc-10), either way, with empty values last', () => {
  const rows = [row({ name: 'svc-10' }), row({ name: '' }), row({ name: 'svc-2' })];
  assert.deepEqual([...rows].sort((a, b) => compareRows(a, b, 'name', false)).map((r) => r.name), ['svc-2', 'svc-10', '']);
  assert.deepEqual([...rows].sort((a, b) => compareRows(a, b, 'name', true)).map((r) => r.name), ['svc-10', 'svc-2', '']);
});

test('counts each facet value under the other filters, so a chosen facet keeps its alternatives', () => {
  const rows = [
    row({ name: 'a', kind: 'Component', tags: ['java'] }),
    row({ name: 'b', kind: 'API', tags: ['java', 'rest'] }),
    row({ name: 'c', kind: 'Component', tags: ['go'], owner: 'group:default/team-b' }),
  ];
  const counts = facetCounts(rows, { kind: 'component' });
  assert.deepEqual(Object.fromEntries(counts.kind), { component: 2, api: 1 }, 'the kind facet ignores its own filter');
  assert.deepEqual(Object.fromEntries(counts.tag), { java: 1, go: 1 }, 'other facets count only components');
  assert.deepEqual(Object.fromEntries(counts.owner), { 'group:default/team-a': 1, 'group:default/team-b': 1 });
  assert.equal(facetCounts(rows, { q: 'nothing matches' }).kind.size, 0);
});

test('a view keeps its page and columns in the URL, and only what differs from the default', () => {
  assert.equal(writeView(readView('')), '');
  const view = readView('?kind=api&page=3&cols=name,kind,owner&sort=name');
  assert.deepEqual(view, { filters: { kind: 'api' }, sort: 'name', descending: false, page: 3, columns: ['name', 'kind', 'owner'] });
  assert.equal(writeView(view), '?kind=api&sort=name&page=3&cols=name%2Ckind%2Cowner');
  assert.deepEqual(readView('?cols=owner,evil').columns, ['name', 'owner'], 'the name column is always shown; unknown columns are dropped');
  assert.equal(readView('?page=-2').page, 1);
  assert.equal(readView('?page=abc').page, 1);
});

test('text search also finds an entity by its name when its title differs, and the owner sorts by name', () => {
  assert.equal(matchesFilters(row({ name: 'Payments', id: 'default/pay-svc' }), { q: 'pay-svc' }), true);
  const a = row({ owner: 'group:default/z', ownerName: 'Alpha' });
  const b = row({ owner: 'group:default/a', ownerName: 'Zulu' });
  assert.deepEqual([b, a].sort((x, y) => compareRows(x, y, 'owner', false)).map((r) => r.ownerName), ['Alpha', 'Zulu']);
});
