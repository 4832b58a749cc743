import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PagefindResult, PagefindResultData } from './pagefind-client.ts';
import { resultEntries, searchEntries } from './search-entries.ts';

const entity = (name: string, tags: string[] = []) => JSON.stringify({ path: `catalog/default/component/${name}/`, title: `Title ${name}`, kind: 'Component', owner: 'Team A', ownerPath: 'catalog/default/group/team-a/', facets: { kind: ['component'], tag: tags } });
const sub = (id: string, score: number, excerpt = `<mark>${id}</mark>`) => ({ title: id, url: `/x/#${id}`, excerpt, anchor: { element: 'h1', id, location: 0 }, weighted_locations: [{ weight: 1, balanced_score: score, location: 1 }] });
const shared = (subs: ReturnType<typeof sub>[]): PagefindResultData => ({
  url: '/catalog/default/component/a/',
  excerpt: '',
  meta: { title: 'Title a', e0: entity('a', ['java']), e1: entity('b'), e2: entity('c', ['java']) },
  sub_results: subs,
});

test('a shared page gives its matching entities, best match first, each linked under the base', () => {
  const entries = resultEntries(shared([sub('e0', 2), sub('e2', 9)]), {}, '/portal/');
  assert.deepEqual(entries.map((e) => e.url), ['/portal/catalog/default/component/c/', '/portal/catalog/default/component/a/']);
  assert.equal(entries[0]!.title, 'Title c');
  assert.equal(entries[0]!.ownerUrl, '/portal/catalog/default/group/team-a/');
  assert.equal(entries[0]!.excerpt, '<mark>e2</mark>');
});

test('facets keep only the entities that have the value, with a query or without one', () => {
  assert.deepEqual(resultEntries(shared([sub('e0', 1), sub('e1', 5)]), { tag: 'java' }, '/').map((e) => e.title), ['Title a']);
  assert.deepEqual(resultEntries(shared([]), { tag: 'java' }, '/').map((e) => e.title), ['Title a', 'Title c'], 'facets only: every entity of the page that has the value');
  assert.deepEqual(resultEntries(shared([]), {}, '/').length, 3);
});

test('a page of its own (docs) is one entry; unreadable entity metadata is skipped', () => {
  const docs: PagefindResultData = { url: '/docs/x/', excerpt: 'a <mark>b</mark>', meta: { title: 'Guide', kind: 'Docs' } };
  assert.deepEqual(resultEntries(docs, {}, '/'), [{ url: '/docs/x/', title: 'Guide', kind: 'Docs', owner: undefined, ownerUrl: undefined, description: undefined, excerpt: 'a <mark>b</mark>' }]);
  const broken = shared([sub('e0', 1), sub('e1', 1)]);
  broken.meta.e0 = '{not json';
  broken.meta.e1 = JSON.stringify({ title: 'no path' });
  assert.deepEqual(resultEntries(broken, {}, '/'), []);
});

test('fragments are read only until the page of results is full', async () => {
  let reads = 0;
  const result = (name: string): PagefindResult => ({ id: name, data: async () => { reads++; return { url: `/catalog/default/component/${name}/`, excerpt: '', meta: { e0: entity(name) }, sub_results: [sub('e0', 1)] }; } });
  const results = Array.from({ length: 50 }, (_, i) => result(`n${i}`));
  const first = await searchEntries(results, {}, 10, '/', 1);
  assert.equal(first.entries.length, 10);
  assert.equal(reads, 10, 'one fragment per wanted entry when each page is one entity');
  assert.equal(first.complete, false);
  reads = 0;
  const all = await searchEntries(results.slice(0, 4), {}, 10, '/', 1);
  assert.equal(all.entries.length, 4);
  assert.equal(all.complete, true);
  reads = 0;
  const fives = Array.from({ length: 20 }, (_, i): PagefindResult => ({ id: `p${i}`, data: async () => {
    reads++;
    const ids = ['e0', 'e1', 'e2', 'e3', 'e4'];
    return { url: `/p${i}/`, excerpt: '', meta: Object.fromEntries(ids.map((id) => [id, entity(`p${i}-${id}`)])), sub_results: ids.map((id) => sub(id, 1)) };
  } }));
  const grouped = await searchEntries(fives, {}, 10, '/', 5);
  assert.equal(grouped.entries.length, 10);
  assert.equal(reads, 2, 'with 5 entities a page, two fragments fill 10 entries');
});
