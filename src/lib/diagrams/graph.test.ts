import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundaryGraph, neighbourhoodGraph, orgGraph } from './graph.ts';
import { layoutDiagram } from './layout.ts';
import { testCatalog as catalog } from './test-catalog.ts';

const records = catalog([
  ['Group', 'team-a', { type: 'team', children: [], parent: 'eng' }],
  ['Group', 'eng', { type: 'department', children: [] }],
  ['Domain', 'commerce', { owner: 'team-a' }],
  ['System', 'shop', { owner: 'team-a', domain: 'commerce' }],
  ['System', 'billing', { owner: 'team-a', domain: 'commerce' }],
  ['Component', 'web', { type: 'website', lifecycle: 'production', owner: 'team-a', system: 'shop', dependsOn: ['component:invoicer', 'resource:db'] }],
  ['Component', 'invoicer', { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'billing' }],
  ['Resource', 'db', { type: 'database', owner: 'team-a' }],
]);
const lookup = (ref: string) => records.get(ref);

test('an entity\'s neighbourhood: its relations drawn forward, labelled from the vocabulary, the entity marked', () => {
  const graph = neighbourhoodGraph(records.get('component:default/web')!, lookup)!;
  assert.deepEqual(graph.nodes.filter((n) => n.focus).map((n) => n.ref), ['component:default/web']);
  assert.deepEqual(graph.edges.map((e) => `${e.from} ${e.label} ${e.to}`).sort(), [
    'component:default/web depends on component:default/invoicer',
    'component:default/web depends on resource:default/db',
    'component:default/web owned by group:default/team-a',
    'component:default/web part of system:default/shop',
  ]);
  assert.equal(graph.nodes.find((n) => n.ref === 'system:default/shop')?.path, 'catalog/default/system/shop/');
});

test('a system\'s parts are inside its boundary; what they connect to outside is drawn outside', () => {
  const graph = boundaryGraph(records.get('system:default/shop')!, lookup)!;
  assert.equal(graph.boundary?.ref, 'system:default/shop');
  assert.deepEqual(graph.nodes.map((n) => [n.ref, Boolean(n.inside)]).sort(), [
    ['component:default/invoicer', false], ['component:default/web', true], ['resource:default/db', false],
  ]);
});

test('a domain draws its systems, connected when their parts are', () => {
  const graph = boundaryGraph(records.get('domain:default/commerce')!, lookup)!;
  assert.deepEqual(graph.nodes.map((n) => n.ref).sort(), ['resource:default/db', 'system:default/billing', 'system:default/shop']);
  assert.ok(graph.edges.some((e) => e.from === 'system:default/shop' && e.to === 'system:default/billing' && e.label === 'depends on'));
});

test('the org chart draws parents above children', () => {
  const graph = orgGraph([records.get('group:default/team-a')!, records.get('group:default/eng')!], lookup)!;
  assert.deepEqual(graph.edges.map((e) => [e.from, e.to]), [['group:default/eng', 'group:default/team-a']]);
  const layout = layoutDiagram(graph);
  const y = (ref: string) => layout.nodes.find((n) => n.ref === ref)!.y;
  assert.ok(y('group:default/eng') < y('group:default/team-a'));
});

test('laid out nodes never overlap, and a long title is cut to fit while the node keeps the full title', () => {
  const long = { ...records.get('resource:default/db')!, title: 'A very long resource title that would not fit in a box' };
  const graph = neighbourhoodGraph(records.get('component:default/web')!, (r) => (r === long.ref ? long : lookup(r)))!;
  const layout = layoutDiagram(graph);
  const boxes = layout.nodes;
  for (const a of boxes) for (const b of boxes) {
    if (a === b) continue;
    const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    assert.ok(apart, `${a.ref} overlaps ${b.ref}`);
  }
  const db = boxes.find((n) => n.ref === long.ref)!;
  assert.equal(db.title, long.title);
  assert.match(db.shownTitle, /…$/);
  assert.ok(db.shownTitle.length <= 28);
});

test('a large system draws at most 20 parts and 12 outside neighbours, and counts the rest as not drawn', () => {
  const parts: [string, string, Record<string, unknown>][] = Array.from({ length: 30 }, (_, i) => ['Component', `part-${String(i).padStart(2, '0')}`, { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'big', dependsOn: [`resource:db-${i}`] }]);
  const dbs: [string, string, Record<string, unknown>][] = Array.from({ length: 30 }, (_, i) => ['Resource', `db-${i}`, { type: 'database', owner: 'team-a' }]);
  const big = catalog([['Group', 'team-a', { type: 'team', children: [] }], ['System', 'big', { owner: 'team-a' }], ...parts, ...dbs]);
  const graph = boundaryGraph(big.get('system:default/big')!, (ref) => big.get(ref))!;
  assert.equal(graph.nodes.filter((n) => n.inside).length, 20);
  assert.equal(graph.nodes.filter((n) => !n.inside).length, 12);
  assert.equal(graph.hidden, 10 + 8, '10 parts and the 8 databases of drawn parts that did not fit');
  assert.ok(graph.edges.every((e) => graph.nodes.some((n) => n.ref === e.from) && graph.nodes.some((n) => n.ref === e.to)));
});
