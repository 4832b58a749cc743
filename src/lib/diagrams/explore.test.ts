import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RELATION_TYPES } from '../../../lib/catalog/relations.ts';
import { exploreGraph } from './explore.ts';
import { DEFAULT_VARIANT, allVariants, parseVariant, relationTypesOf, variantId, type GraphVariant } from './graph-variants.ts';
import { layoutDiagram } from './layout.ts';
import { testCatalog } from './test-catalog.ts';

const records = testCatalog([
  ['Group', 'team-a', { type: 'team', children: [], parent: 'eng' }],
  ['Group', 'eng', { type: 'department', children: [] }],
  ['Domain', 'commerce', { owner: 'team-a' }],
  ['System', 'shop', { owner: 'team-a', domain: 'commerce' }],
  ['System', 'billing', { owner: 'team-a', domain: 'commerce' }],
  ['Component', 'web', { type: 'website', lifecycle: 'production', owner: 'team-a', system: 'shop', providesApis: ['orders-api'], consumesApis: ['payments-api'], dependsOn: ['component:invoicer', 'resource:db'] }],
  ['API', 'orders-api', { type: 'openapi', lifecycle: 'production', owner: 'team-a', system: 'shop', definition: 'x' }],
  ['Component', 'invoicer', { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'billing', providesApis: ['payments-api'], dependsOn: ['resource:ledger'] }],
  ['API', 'payments-api', { type: 'openapi', lifecycle: 'production', owner: 'team-a', system: 'billing', definition: 'x' }],
  ['Resource', 'db', { type: 'database', owner: 'team-a' }],
  ['Resource', 'ledger', { type: 'database', owner: 'team-a', system: 'billing' }],
  // Owned by the same team, connected to nothing above: a team ends a path, so never drawn.
  ['Component', 'unrelated', { type: 'library', lifecycle: 'production', owner: 'team-a' }],
]);
const lookup = (ref: string) => records.get(ref);
const shop = records.get('system:default/shop')!;
const v = (depth: 1 | 2 | 3, relations: GraphVariant['relations'] = 'all', direction: GraphVariant['direction'] = 'lr'): GraphVariant => ({ depth, relations, direction });
const refs = (variant: GraphVariant, record = shop) => exploreGraph(record, lookup, variant)!.nodes.map((n) => n.ref).sort();
const labels = (variant: GraphVariant, record = shop) => [...new Set(exploreGraph(record, lookup, variant)!.edges.map((e) => e.label))].sort();

test('depth: each step draws what the previous one reached and what its relations lead to', () => {
  assert.deepEqual(refs(v(1)), ['api:default/orders-api', 'component:default/web', 'domain:default/commerce', 'group:default/team-a', 'system:default/shop']);
  // Two steps: the parts' neighbours, and the domain's other system.
  assert.deepEqual(refs(v(2)), [...refs(v(1)), 'api:default/payments-api', 'component:default/invoicer', 'resource:default/db', 'system:default/billing'].sort());
  assert.deepEqual(refs(v(3)), [...refs(v(2)), 'resource:default/ledger'].sort());
  for (const depth of [1, 2, 3] as const) assert.ok(!refs(v(depth)).includes('component:default/unrelated'), 'a team ends a path: what else it owns is not drawn');
  assert.ok(!refs(v(3)).includes('group:default/eng'), 'nor its parent group');
});

test('a system\'s parts are inside its boundary with the system, and no "part of" edge points at the system', () => {
  const graph = exploreGraph(shop, lookup, v(2))!;
  assert.equal(graph.boundary?.ref, 'system:default/shop');
  assert.deepEqual(graph.nodes.filter((n) => n.inside).map((n) => n.ref).sort(), ['api:default/orders-api', 'component:default/web', 'system:default/shop']);
  assert.deepEqual(graph.nodes.filter((n) => n.focus).map((n) => n.ref), ['system:default/shop']);
  assert.ok(!graph.edges.some((e) => e.type === 'partOf' && e.to === 'system:default/shop'));
  assert.ok(graph.edges.some((e) => e.from === 'system:default/shop' && e.label === 'part of' && e.to === 'domain:default/commerce'), 'the system\'s own relations are drawn');
  assert.ok(graph.edges.every((e) => graph.nodes.some((n) => n.ref === e.from) && graph.nodes.some((n) => n.ref === e.to)));
});

test('a domain holds its systems and, a step further, their parts', () => {
  const commerce = records.get('domain:default/commerce')!;
  const graph = exploreGraph(commerce, lookup, v(2, 'apis'))!;
  assert.deepEqual(graph.nodes.filter((n) => n.inside).map((n) => n.ref).sort(), [
    'api:default/orders-api', 'api:default/payments-api', 'component:default/invoicer', 'component:default/web', 'resource:default/ledger', 'system:default/billing', 'system:default/shop',
  ]);
  assert.deepEqual(labels(v(2, 'apis'), commerce), ['consumes', 'depends on', 'provides']);
});

test('relation set: only the chosen relations are drawn; the parts stay in the box whatever the set', () => {
  assert.deepEqual(labels(v(3, 'structure')), ['owned by', 'part of']);
  assert.deepEqual(labels(v(3, 'apis')), ['consumes', 'depends on', 'provides']);
  assert.deepEqual(labels(v(3, 'all')), ['consumes', 'depends on', 'owned by', 'part of', 'provides']);
  const apis = exploreGraph(shop, lookup, v(1, 'apis'))!;
  assert.deepEqual(apis.nodes.map((n) => n.ref).sort(), ['api:default/orders-api', 'component:default/web'], 'the system has no API relation of its own: not drawn, its box still is');
  assert.equal(apis.boundary?.ref, 'system:default/shop');
  assert.ok(!refs(v(3, 'apis')).includes('group:default/team-a'), 'ownership is not followed');
  assert.ok(!refs(v(3, 'structure')).includes('resource:default/db'), 'dependencies are not followed');
});

test('direction: the same graph laid out left to right or top to bottom', () => {
  const lr = exploreGraph(shop, lookup, v(2, 'apis', 'lr'))!;
  const tb = exploreGraph(shop, lookup, v(2, 'apis', 'tb'))!;
  assert.equal(lr.direction, 'LR');
  assert.equal(tb.direction, 'TB');
  assert.deepEqual(tb.nodes, lr.nodes);
  assert.deepEqual(tb.edges, lr.edges);
  const at = (graph: typeof lr) => {
    const layout = layoutDiagram(graph);
    const node = (ref: string) => layout.nodes.find((n) => n.ref === ref)!;
    return { from: node('component:default/web'), to: node('component:default/invoicer') };
  };
  const a = at(lr);
  assert.ok(a.from.x + a.from.width <= a.to.x, 'left to right: a dependency is right of its dependent');
  const b = at(tb);
  assert.ok(b.from.y + b.from.height <= b.to.y, 'top to bottom: a dependency is below its dependent');
});

test('past the node limit the rest reached within the depth is counted, never drawn half', () => {
  const graph = exploreGraph(shop, lookup, v(3), { maxNodes: 4, maxParts: 20 })!;
  const full = exploreGraph(shop, lookup, v(3))!;
  assert.equal(graph.nodes.length, 4);
  assert.equal(graph.hidden, full.nodes.length - 4);
  assert.equal(full.hidden, 0);
  assert.deepEqual(graph.nodes.filter((n) => n.inside).map((n) => n.ref).sort(), ['api:default/orders-api', 'component:default/web', 'system:default/shop'], 'parts come first');
  assert.ok(graph.edges.every((e) => graph.nodes.some((n) => n.ref === e.from) && graph.nodes.some((n) => n.ref === e.to)));
});

test('a large system draws at most 20 parts, leaving room for what they connect to; all the rest is counted', () => {
  const parts: [string, string, Record<string, unknown>][] = Array.from({ length: 30 }, (_, i) => ['Component', `part-${String(i).padStart(2, '0')}`, { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'big', dependsOn: [`resource:db-${i}`] }]);
  const dbs: [string, string, Record<string, unknown>][] = Array.from({ length: 30 }, (_, i) => ['Resource', `db-${i}`, { type: 'database', owner: 'team-a' }]);
  const big = testCatalog([['Group', 'team-a', { type: 'team', children: [] }], ['System', 'big', { owner: 'team-a' }], ...parts, ...dbs]);
  const graph = exploreGraph(big.get('system:default/big')!, (ref) => big.get(ref), v(2))!;
  assert.equal(graph.nodes.length, 32);
  assert.equal(graph.nodes.filter((n) => n.inside && !n.focus).length, 20);
  assert.equal(graph.nodes.filter((n) => n.ref.startsWith('resource:')).length, 10, 'the owner and 10 databases fill the rest');
  assert.equal(graph.hidden, 1 + 30 + 30 + 1 - 32, 'everything within two steps that is not drawn');
});

test('an entity with nothing to draw in a set gives no graph', () => {
  const lonely = testCatalog([['System', 'empty', { owner: 'team-x' }], ['Group', 'team-x', { type: 'team', children: [] }]]);
  const system = lonely.get('system:default/empty')!;
  assert.equal(exploreGraph(system, (r) => lonely.get(r), v(3, 'apis')), null);
  assert.deepEqual(exploreGraph(system, (r) => lonely.get(r), v(1, 'structure'))!.edges.map((e) => e.label), ['owned by']);
});

test('variants: 18 named views, each id read back, anything else refused', () => {
  const all = allVariants();
  assert.equal(all.length, 18);
  assert.equal(new Set(all.map(variantId)).size, 18);
  for (const variant of all) assert.deepEqual(parseVariant(variantId(variant)), variant);
  assert.ok(all.some((x) => variantId(x) === variantId(DEFAULT_VARIANT)));
  for (const bad of ['4-all-lr', '0-all-lr', '2-everything-lr', '2-all-rl', '2-all-lr/', '__proto__', '2-constructor-lr', '']) assert.equal(parseVariant(bad), undefined, bad);
});

test('relation sets split the vocabulary: each relation in exactly one of structure and APIs, with its reverse', () => {
  const structure = relationTypesOf('structure');
  const apis = relationTypesOf('apis');
  assert.deepEqual([...structure, ...apis].sort(), Object.keys(RELATION_TYPES).sort());
  assert.deepEqual(relationTypesOf('all').sort(), Object.keys(RELATION_TYPES).sort());
  for (const set of [structure, apis]) for (const t of set) assert.ok(set.includes(RELATION_TYPES[t].reverse), `${t}'s reverse is in the same set`);
  assert.deepEqual(apis.sort(), ['apiConsumedBy', 'apiProvidedBy', 'consumesApi', 'dependencyOf', 'dependsOn', 'providesApi']);
});
