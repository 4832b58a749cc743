import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDataWriter, entityDataFile, organisationDataFile, readEntityData, readOrganisationData } from './entity-data.ts';

test('an entity\'s data lands at <collector>/entities/<namespace>/<kind>/<name>.json in the standard envelope', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-data-'));
  const writer = createDataWriter(dir, 'ci', new Date('2026-11-30T10:00:00Z'));
  await writer.writeEntity('Component:Default/Web', { source: { name: 'GitHub Actions', url: 'https://github.com/acme/web/actions' }, data: { passing: true } });
  const file = path.join(dir, 'ci', 'entities', 'default', 'component', 'web.json');
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { ref: 'component:default/web', collectedAt: '2026-11-30T10:00:00.000Z', source: { name: 'GitHub Actions', url: 'https://github.com/acme/web/actions' }, data: { passing: true } });
  assert.deepEqual(readEntityData(dir, 'ci', 'component:default/web')?.data, { passing: true });
  assert.equal(readEntityData(dir, 'ci', 'component:default/other'), undefined);
});

test('a failed read keeps the last good data marked stale, remembering the first success across failures', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-data-'));
  await createDataWriter(dir, 'cost', new Date('2026-11-01T00:00:00Z')).writeOrganisation('monthly', { source: { name: 'cost export' }, data: { total: 10 } });
  assert.equal(await createDataWriter(dir, 'cost', new Date('2026-11-02T00:00:00Z')).organisationFailed('monthly', 'export missing'), true);
  assert.equal(await createDataWriter(dir, 'cost', new Date('2026-11-03T00:00:00Z')).organisationFailed('monthly', 'still missing'), true);
  const kept = readOrganisationData(dir, 'cost', 'monthly')!;
  assert.deepEqual(kept.data, { total: 10 });
  assert.deepEqual(kept.stale, { error: 'still missing', failedAt: '2026-11-03T00:00:00.000Z', lastSuccessAt: '2026-11-01T00:00:00.000Z' });
  assert.equal(await createDataWriter(dir, 'cost', new Date()).entityFailed('component:default/none', 'x'), false, 'nothing to keep');
});

test('names that become paths are checked: no traversal through a collector, topic or entity name', () => {
  assert.throws(() => entityDataFile('/c', '../x', 'component:default/web'), /collector name "..\/x"/);
  assert.throws(() => organisationDataFile('/c', 'cost', '__proto__'), /topic "__proto__"/);
  assert.equal(entityDataFile('/c', 'ci', 'component:default/../../etc'), path.join('/c', 'ci', 'entities', 'default', 'component', '..%2F..%2Fetc.json'));
});

test('a damaged or foreign file fails the build naming it and what to do', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-data-'));
  const file = entityDataFile(dir, 'ci', 'component:default/web');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '{ broken');
  assert.throws(() => readEntityData(dir, 'ci', 'component:default/web'), /web\.json: not valid JSON.*backlot collect/);
  await writeFile(file, JSON.stringify({ passing: true }));
  assert.throws(() => readEntityData(dir, 'ci', 'component:default/web'), /web\.json: not a data envelope.*createDataWriter/);
});
