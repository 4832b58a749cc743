import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntityRecord } from '../../lib/content/records.ts';
import { entityFacets, entitySearchPages, searchGroupSize, SEARCH_RECORDS_TARGET } from './search-records.ts';

function record(name: string, options: { kind?: string; owner?: string; title?: string; tags?: unknown[]; relations?: { type: string; targetRef: string }[] } = {}): EntityRecord {
  const kind = options.kind ?? 'Component';
  const owner = options.owner ?? 'team-a';
  return {
    ref: `${kind.toLowerCase()}:default/${name}`,
    kind,
    namespace: 'default',
    name,
    title: options.title ?? name,
    path: `catalog/default/${kind.toLowerCase()}/${name}/`,
    links: { owner: { ref: `group:default/${owner}`, kind: 'group', title: `Team ${owner}`, path: `catalog/default/group/${owner}/` } },
    entity: { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, description: `Does ${name} things`, tags: (options.tags ?? []) as string[] }, spec: { type: 'service', lifecycle: 'production' }, relations: options.relations ?? [] },
    source: { file: 'catalog-info.yaml', line: 1, column: 1 },
    problems: [],
    collectedAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The metadata JSON of each heading of a page, as Pagefind reads it (`key:value` attribute). */
function headingsMeta(html: string): Record<string, { path: string; title: string; facets: Record<string, string[]> }> {
  const out: Record<string, { path: string; title: string; facets: Record<string, string[]> }> = {};
  for (const [, attr] of html.matchAll(/data-pagefind-meta="(e\d+:[^"]*)"/g)) {
    const decoded = attr!.replace(/&#x22;/g, '"').replace(/&#x26;/g, '&').replace(/&#x3C;/g, '<');
    const colon = decoded.indexOf(':');
    out[decoded.slice(0, colon)] = JSON.parse(decoded.slice(colon + 1));
  }
  return out;
}

test('one entity per search page up to the target, then groups that keep the index near it', () => {
  assert.equal(searchGroupSize(0), 1);
  assert.equal(searchGroupSize(SEARCH_RECORDS_TARGET), 1);
  assert.equal(searchGroupSize(SEARCH_RECORDS_TARGET + 1), 2);
  assert.equal(searchGroupSize(100_000), Math.ceil(100_000 / SEARCH_RECORDS_TARGET));
  assert.equal(searchGroupSize(100_000, 1), 1, 'an explicit size wins');
});

test('entities share a page only with entities of the same kind, in owner order, at most the group size', () => {
  const records = [
    record('f', { owner: 'team-b' }),
    ...['a', 'b', 'c', 'd', 'e'].map((n) => record(n)),
    record('g', { kind: 'API' }),
    record('h', { kind: 'API', owner: 'team-c' }),
  ];
  const pages = entitySearchPages(records, 2, (ref) => ref);
  const groups = pages.map((p) => Object.values(headingsMeta(p.html)).map((m) => m.path.split('/')[3]));
  assert.deepEqual(groups.map((g) => g.join('')), ['gh', 'ab', 'cd', 'ef']);
  assert.equal(pages.reduce((n, p) => n + p.entities, 0), records.length, 'every entity once');
  for (const page of pages) assert.equal(page.url, `/${Object.values(headingsMeta(page.html))[0]!.path}`, "a page's URL is its first entity's");
  const single = entitySearchPages(records, 1, (ref) => ref);
  assert.equal(single.length, records.length);
});

test('a shared page carries the union of its entities\' facets; each heading its own', () => {
  const [page] = entitySearchPages([record('a', { tags: ['java'] }), record('b', { tags: ['go', 'a,b'] })], 4, (ref) => ref);
  for (const value of ['tag:java', 'tag:go', 'tag:a,b', 'kind:component', 'owner:group:default/team-a', 'type:service', 'lifecycle:production']) {
    assert.ok(page!.html.includes(`data-pagefind-filter="${value}"`), `filter ${value}`);
  }
  const meta = headingsMeta(page!.html);
  assert.deepEqual(meta.e0!.facets.tag, ['java']);
  assert.deepEqual(meta.e1!.facets.tag, ['go', 'a,b']);
  assert.deepEqual(entityFacets(record('x', { tags: [7, 'ok', 'ok'] })).tag, ['ok'], 'tags that are not strings are left out, repeats once');
});

test('relations are searchable by their targets\' names, at most 25 per relation', () => {
  const relations = Array.from({ length: 40 }, (_, i) => ({ type: 'ownerOf', targetRef: `component:default/c${i}` }));
  const [page] = entitySearchPages([record('team', { kind: 'Group', relations: [...relations, { type: 'dependsOn', targetRef: 'resource:default/db' }] })], 1, (ref) => `Title of ${ref.split('/')[1]}`);
  assert.match(page!.html, /<p>Depends on: Title of db<\/p>/);
  const owns = /<p>Owns: ([^<]*)<\/p>/.exec(page!.html)![1]!.split(', ');
  assert.equal(owns.length, 25);
  assert.ok(page!.html.indexOf('Owns:') < page!.html.indexOf('Depends on:'), 'in the entity page\'s order of relations');
});

test('hostile titles, descriptions and tags stay text and attribute values', () => {
  const hostile = '</h1><script>alert(1)</script>"><img src=x onerror=alert(2)>';
  const [page] = entitySearchPages([record('x', { title: hostile, tags: [hostile, '__proto__'] })], 1, (ref) => ref);
  // Markup only inside quoted attribute values (text there, to an HTML parser); none elsewhere.
  assert.doesNotMatch(page!.html.replace(/="[^"]*"/g, '=""'), /<script|<img|<\/h1><script/);
  const meta = headingsMeta(page!.html);
  assert.equal(meta.e0!.title, hostile, 'the metadata holds the title as written');
  assert.deepEqual(meta.e0!.facets.tag, [hostile, '__proto__']);
  assert.equal(Object.getPrototypeOf(meta.e0!.facets), Object.prototype);
});
