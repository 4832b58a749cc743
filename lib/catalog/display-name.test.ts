import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityDisplayName, refDisplayName, shortRef } from './display-name.ts';
import type { Entity } from './types.ts';

const entity = (metadata: Entity['metadata'], spec?: Entity['spec']): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata, spec });

test('an entity is called by its title, else its profile display name, else its name', () => {
  assert.equal(entityDisplayName(entity({ name: 'ada', title: 'Ada L.' }, { profile: { displayName: 'Ada Lovelace' } })), 'Ada L.');
  assert.equal(entityDisplayName(entity({ name: 'ada' }, { profile: { displayName: 'Ada Lovelace' } })), 'Ada Lovelace');
  assert.equal(entityDisplayName(entity({ name: 'ada' }, { profile: { displayName: 42 } })), 'ada');
});

test('a ref the catalog does not hold is shown short, hiding only the default namespace', () => {
  assert.equal(shortRef('group:default/team-a'), 'group:team-a');
  assert.equal(shortRef('API:Payments/Charge'), 'api:payments/charge');
  const known = entity({ name: 'team-a', title: 'Team A' });
  assert.equal(refDisplayName('group:default/team-a', (r) => (r === 'group:default/team-a' ? known : undefined)), 'Team A');
  assert.equal(refDisplayName('group:default/gone', () => undefined), 'group:gone');
});
