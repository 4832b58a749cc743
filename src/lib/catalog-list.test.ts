import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EntityRecord } from '../../lib/content/records.ts';
import { buildCatalogIndex } from './catalog-index.ts';
import { resolveLinks } from '../../collectors/catalog/records.ts';
import { entityPagePath } from '../../lib/content/paths.ts';
import { browsePath, catalogRowsHtml, indexMeta, indexShard, listPages, orderedKinds, pagerNumbers } from './catalog-list.ts';
import { decodeShard } from '../scripts/catalog-filter.ts';

function record(kind: string, name: string, extra: { spec?: Record<string, unknown>; relations?: { type: string; targetRef: string }[]; title?: string; description?: string; tags?: string[] } = {}): EntityRecord {
  const entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, title: extra.title, description: extra.description, tags: extra.tags }, spec: extra.spec, relations: extra.relations };
  return {
    ref: `${kind}:default/${name}`, kind, namespace: 'default', name, title: extra.title ?? name, path: entityPagePath(`${kind}:default/${name}`), links: resolveLinks(entity, () => undefined),
    entity,
    source: { file: `${name}.yaml`, line: 1, column: 1 }, problems: [], collectedAt: '2026-01-01T00:00:00.000Z',
  };
}

test('orders kinds as people look for them: software, then the organisation, unknown kinds by name, Locations last', () => {
  assert.deepEqual(orderedKinds(['location', 'user', 'zeta', 'api', 'alpha', 'component', 'group']), ['component', 'api', 'group', 'user', 'alpha', 'zeta', 'location']);
});

test('cuts each kind into static pages of a fixed size, every record on exactly one page', () => {
  const records = [...Array.from({ length: 7 }, (_, i) => record('component', `c${i}`)), record('api', 'a')];
  const pages = listPages(buildCatalogIndex({ records, problems: [], meta: null }), 3);
  assert.deepEqual(pages.map((p) => `${p.kind}:${p.page}/${p.pages}:${p.records.length}`), ['component:1/3:3', 'component:2/3:3', 'component:3/3:1', 'api:1/1:1']);
  assert.deepEqual(pages.flatMap((p) => p.records.map((r) => r.name)).sort(), [...records.map((r) => r.name)].sort());
  assert.equal(browsePath('component'), 'browse/component/');
  assert.equal(browsePath('component', 3), 'browse/component/3/');
});

test('a pager shows the first, the last and two pages either side, gaps as 0', () => {
  assert.deepEqual(pagerNumbers(1, 1), [1]);
  assert.deepEqual(pagerNumbers(1, 10), [1, 2, 3, 0, 10]);
  assert.deepEqual(pagerNumbers(6, 12), [1, 0, 4, 5, 6, 7, 8, 0, 12]);
  assert.deepEqual(pagerNumbers(4, 5), [1, 2, 3, 4, 5]);
});

test('the index shard keeps what the filters need, owners and systems by number with display names', () => {
  const team = record('group', 'team-a', { title: 'Team A' });
  const svc = record('component', 'svc', {
    title: 'The Service', description: 'Does things', tags: ['java'],
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'shop' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }, { type: 'partOf', targetRef: 'system:default/shop' }],
  });
  const lib = record('component', 'lib', { spec: { owner: 'team-a' }, relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }] });
  const index = buildCatalogIndex({ records: [team, svc, lib], problems: [], meta: null });
  const shard = indexShard(index, 'component');
  assert.deepEqual(shard.refs, [['group:default/team-a', 'Team A', 1], ['system:default/shop', 'system:shop', 0]]);
  assert.deepEqual(shard.rows, [['default/lib', '', '', 0, '', -1, [], ''], ['default/svc', 'The Service', 'service', 0, 'production', 1, ['java'], 'Does things']]);
  const rows = decodeShard(JSON.parse(JSON.stringify(shard)), 'Component');
  assert.deepEqual({ ...rows[1] }, {
    ref: 'component:default/svc', id: 'default/svc', name: 'The Service', kind: 'Component', type: 'service', lifecycle: 'production', tags: ['java'], description: 'Does things',
    owner: 'group:default/team-a', ownerName: 'Team A', ownerHasPage: true, system: 'system:shop', systemRef: 'system:default/shop', systemHasPage: false,
  });
  assert.equal(rows[0].name, 'lib', 'an entity without a title shows its name');
  const meta = indexMeta(index);
  assert.deepEqual(meta.kinds, [['component', 2], ['group', 1]]);
  assert.deepEqual(meta.owners, [['group:default/team-a', 'Team A']]);
});

test('row HTML escapes every value, so descriptor text never becomes markup', () => {
  const hostile = record('component', 'x', { title: '<img src=x onerror=alert(1)>', description: '"><script>alert(1)</script>', tags: ['<b>'], spec: { type: '<i>t</i>' } });
  const index = buildCatalogIndex({ records: [hostile], problems: [], meta: null });
  const html = catalogRowsHtml(index, [hostile], (ref) => `/catalog/${ref}/`, (k) => k);
  assert.doesNotMatch(html, /<img|<script|<b>|<i>/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});
