import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentsById, selectSections } from './section-selection.ts';

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
