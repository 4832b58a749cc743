import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mermaidLabel, neighbourhoodDiagram, orgChartDiagram, systemDiagram, type DiagramEntity } from './mermaid-diagram.ts';

const catalog: Record<string, DiagramEntity> = {
  'component:default/web': { kind: 'Component', title: 'Web "shop"', relations: [
    { type: 'dependsOn', targetRef: 'component:default/cart' },
    { type: 'consumesApi', targetRef: 'api:default/cart-api' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ] },
  'component:default/cart': { kind: 'Component', title: 'Cart', relations: [
    { type: 'dependencyOf', targetRef: 'component:default/web' },
    { type: 'providesApi', targetRef: 'api:default/cart-api' },
    { type: 'dependsOn', targetRef: 'resource:default/cart-db' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ] },
  'api:default/cart-api': { kind: 'API', title: 'Cart API', relations: [
    { type: 'apiProvidedBy', targetRef: 'component:default/cart' },
    { type: 'apiConsumedBy', targetRef: 'component:default/web' },
    { type: 'partOf', targetRef: 'system:default/shop' },
  ] },
  'system:default/shop': { kind: 'System', title: 'Shop', relations: [
    { type: 'hasPart', targetRef: 'component:default/web' },
    { type: 'hasPart', targetRef: 'component:default/cart' },
    { type: 'hasPart', targetRef: 'api:default/cart-api' },
  ] },
  'component:default/lonely': { kind: 'Component', title: 'Lonely', relations: [] },
};
const describe = (ref: string) => catalog[ref];

test('escapes quotes and angle brackets in labels so a title cannot break the diagram', () => {
  assert.equal(mermaidLabel('a "b" <c>'), 'a #quot;b#quot; #lt;c#gt;');
  // A directive or a Markdown string cannot form from a title.
  const directive = mermaidLabel('%%{init: {"themeCSS": "body{background:url(https://evil.example/x)}"}}%% `**md**`');
  assert.ok(!directive.includes('%') && !directive.includes('`') && !directive.includes('"'), directive);
});

test('draws the entity, its direct neighbours and one arrow per relation pair in the forward direction', () => {
  const text = neighbourhoodDiagram('component:default/web', describe)!;
  assert.match(text, /^graph LR/);
  assert.match(text, /n0\["Web #quot;shop#quot;<br\/><small>component<\/small>"\]:::focus/);
  assert.match(text, /n0 -->\|depends on\| n2/); // cart sorts after cart-api
  assert.match(text, /n0 -->\|consumes\| n1/);
  // the relation between two neighbours is drawn too, once
  assert.equal(text.match(/n2 -->\|provides\| n1/g)?.length, 1);
  // inverse relations of neighbours pointing back at the centre are not duplicated
  assert.equal(text.match(/depends on/g)?.length, 1);
  // neighbours' ownership and membership are left out: only how they connect is drawn
  assert.equal(text.match(/part of/g)?.length, 1);
});

test('gives each kind its own shape: stadium for APIs, subroutine for systems', () => {
  const text = neighbourhoodDiagram('component:default/web', describe)!;
  assert.match(text, /n1\(\["Cart API/);
  assert.match(text, /n3\[\["Shop/);
});

test('marks references missing from the catalog and caps the node count with a "+N more" node', () => {
  const text = neighbourhoodDiagram('component:default/cart', describe, 3)!;
  assert.match(text, /more\["\+2 more"\]/);
  const missing = neighbourhoodDiagram('component:default/cart', describe)!;
  assert.match(missing, /resource.*:::missing/);
});

test('draws no diagram for an entity without relations', () => {
  assert.equal(neighbourhoodDiagram('component:default/lonely', describe), null);
  assert.equal(neighbourhoodDiagram('component:default/absent', describe), null);
});

test('puts a system\'s parts in a box and connects them, with outside dependencies beside it', () => {
  const text = systemDiagram('system:default/shop', describe)!;
  assert.match(text, /subgraph sys\["Shop"\]/);
  const [inside, outside] = text.split('  end');
  assert.match(inside, /Cart API/);
  assert.match(outside, /x0\[\("resource:default\/cart-db/);
  assert.match(text, /p1 -->\|provides\| p0/);
  assert.match(text, /p2 -->\|depends on\| p1/);
  assert.equal(systemDiagram('component:default/lonely', describe), null);
});

test('draws the org chart parent to child', () => {
  const text = orgChartDiagram([
    { ref: 'group:default/org', title: 'Org' },
    { ref: 'group:default/team', title: 'Team', parent: 'group:default/org' },
  ])!;
  assert.match(text, /g0 --> g1/);
  assert.equal(orgChartDiagram([]), null);
});

test('draws only the relation types asked for, and nothing when none is left', () => {
  const text = neighbourhoodDiagram('component:default/web', describe, 25, (type) => type === 'partOf')!;
  assert.match(text, /n0 -->\|part of\| n1/);
  assert.doesNotMatch(text, /depends on|consumes/);
  assert.equal(neighbourhoodDiagram('component:default/web', describe, 25, () => false), null);
});
