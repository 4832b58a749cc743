import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentsById, declarationsById, selectSections } from './section-selection.ts';

const builtIn = { about: 'About', relations: 'Relations', 'api-definition': 'ApiDef' };

test('keeps the configured order and shows a section only on its kinds (empty means all)', () => {
  const { selected } = selectSections(
    [{ id: 'relations', kinds: [] }, { id: 'api-definition', kinds: ['api'] }, { id: 'about', kinds: [] }],
    'Component', builtIn, {},
  );
  assert.deepEqual(selected.map((s) => s.id), ['relations', 'about']);
  const api = selectSections([{ id: 'api-definition', kinds: ['API'] }], 'api', builtIn, {});
  assert.deepEqual(api.selected.map((s) => s.component), ['ApiDef']);
});

test('an organisation\'s own section of the same id replaces the built-in one', () => {
  const { selected } = selectSections([{ id: 'about', kinds: [] }], 'group', builtIn, { about: 'OurAbout' });
  assert.equal(selected[0].component, 'OurAbout');
});

test('reports section ids that have no component instead of silently dropping them', () => {
  const { selected, unknown } = selectSections([{ id: 'cost', kinds: [] }, { id: 'about', kinds: [] }], 'component', builtIn, {});
  assert.deepEqual(unknown, ['cost']);
  assert.deepEqual(selected.map((s) => s.id), ['about']);
});

test('names components after their file', () => {
  assert.deepEqual(componentsById({ '/src/sections/cost.astro': { default: 1 }, '../components/sections/about.astro': { default: 2 } }), { cost: 1, about: 2 });
});

test('a section that declares it has nothing to show for this entity is left out; titles come from declarations', () => {
  const declarations = {
    builtIn: { relations: { title: 'Relations', hasContent: (p: { relations: number }) => p.relations > 0 }, about: { title: 'Overview' } },
    own: {},
  };
  const sections = [{ id: 'about', kinds: [] }, { id: 'relations', kinds: [] }, { id: 'api-definition', kinds: [] }];
  const none = selectSections(sections, 'component', builtIn, {}, declarations, { relations: 0 });
  assert.deepEqual(none.selected.map((s) => [s.id, s.title]), [['about', 'Overview'], ['api-definition', 'Api definition']]);
  const some = selectSections(sections, 'component', builtIn, {}, declarations, { relations: 2 });
  assert.deepEqual(some.selected.map((s) => s.id), ['about', 'relations', 'api-definition']);
});

test('an organisation\'s section replacing a built-in does not inherit the built-in\'s declaration', () => {
  const declarations = { builtIn: { relations: { title: 'Relations', hasContent: () => false } }, own: {} };
  const { selected } = selectSections([{ id: 'relations', kinds: [] }], 'component', builtIn, { relations: 'Ours' }, declarations, {});
  assert.deepEqual(selected.map((s) => [s.component, s.title]), [['Ours', 'Relations']]);
});

test('a declaration file without `section` fails naming the file', () => {
  assert.deepEqual(declarationsById({ '/src/sections/cost.section.ts': { section: { title: 'Cost' } } }), { cost: { title: 'Cost' } });
  assert.throws(() => declarationsById({ '/src/sections/cost.section.ts': {} }), /cost\.section\.ts: export const section/);
});
