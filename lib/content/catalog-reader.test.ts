import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CatalogMissingError, createCatalogReader } from './catalog-reader.ts';
import { CONTENT_FORMAT_VERSION } from './records.ts';

test('without a collected catalog, reading it fails saying to run the catalog collector first', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-reader-'));
  await assert.rejects(createCatalogReader(path.join(dir, 'catalog')).entities(), (e: Error) => e instanceof CatalogMissingError && /run the catalog collector first/.test(e.message));
});

test('gives each entity its annotations and, for the local source, the folder of its descriptor', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-reader-'));
  const catalogDir = path.join(dir, 'content', 'catalog');
  await mkdir(path.join(catalogDir, 'entities', 'default', 'component'), { recursive: true });
  await writeFile(path.join(catalogDir, 'meta.json'), JSON.stringify({ formatVersion: CONTENT_FORMAT_VERSION }));
  const record = (name: string, extra: object) => ({ ref: `component:default/${name}`, kind: 'component', namespace: 'default', name, title: name, path: '', links: {}, entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name, annotations: { 'github.com/project-slug': `acme/${name}` } } }, problems: [], collectedAt: '', ...extra });
  await writeFile(path.join(catalogDir, 'entities', 'default', 'component', 'web.json'), JSON.stringify(record('web', { source: { file: 'repos/web/catalog-info.yaml', line: 1, column: 1 } })));
  await writeFile(path.join(catalogDir, 'entities', 'default', 'component', 'api.json'), JSON.stringify(record('api', { source: { file: 'catalog-info.yaml', line: 1, column: 1 }, repository: 'acme/api' })));
  const org = path.join(dir, 'org');
  await mkdir(path.join(org, 'repos', 'web'), { recursive: true });
  await writeFile(path.join(org, 'repos', 'web', 'catalog-info.yaml'), '');
  const reader = createCatalogReader(catalogDir, [path.join(dir, 'elsewhere'), org]);
  const entities = await reader.entities();
  assert.deepEqual(entities.map((e) => e.ref), ['component:default/api', 'component:default/web']);
  const web = (await reader.get('Component:default/web'))!;
  assert.equal(web.localDir, path.join(org, 'repos', 'web'));
  assert.equal(web.annotations['github.com/project-slug'], 'acme/web');
  const api = (await reader.get('component:default/api'))!;
  assert.equal(api.repository, 'acme/api');
  assert.equal(api.localDir, undefined);
});

test('a catalog written by another version is refused with what to do', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-reader-'));
  await mkdir(path.join(dir, 'catalog'), { recursive: true });
  await writeFile(path.join(dir, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: 1 }));
  await assert.rejects(createCatalogReader(path.join(dir, 'catalog')).entities(), /older backlot; run `backlot collect`/);
});
