import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCatalogContent } from './catalog-content.ts';
import { CONTENT_FORMAT_VERSION } from '../../lib/content/records.ts';

function writeMeta(dir: string) {
  mkdirSync(path.join(dir, 'catalog'), { recursive: true });
  writeFileSync(path.join(dir, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: CONTENT_FORMAT_VERSION, collectedAt: '2026-01-01T00:00:00Z' }));
}

function record(kind: string, name: string) {
  return { ref: `${kind}:default/${name}`, kind, namespace: 'default', name, entity: { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name } }, source: { file: 'x', line: 1, column: 1 }, problems: [], collectedAt: '2026-01-01T00:00:00Z' };
}

test('reads every entity record under catalog/entities/<namespace>/<kind>/', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  writeMeta(dir);
  for (const [kind, name] of [['component', 'web'], ['api', 'cart'], ['group', 'team-a']]) {
    mkdirSync(path.join(dir, 'catalog', 'entities', 'default', kind), { recursive: true });
    writeFileSync(path.join(dir, 'catalog', 'entities', 'default', kind, `${name}.json`), JSON.stringify(record(kind, name)));
  }
  const content = readCatalogContent(dir);
  assert.deepEqual(content.records.map((r) => r.ref).sort(), ['api:default/cart', 'component:default/web', 'group:default/team-a']);
});

test('a content folder that does not exist is an empty catalog', () => {
  assert.deepEqual(readCatalogContent(path.join(tmpdir(), 'backlot-no-such-folder')), { records: [], problems: [], meta: null });
});

test('a corrupt record names its file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  writeMeta(dir);
  mkdirSync(path.join(dir, 'catalog', 'entities', 'default', 'component'), { recursive: true });
  writeFileSync(path.join(dir, 'catalog', 'entities', 'default', 'component', 'bad.json'), '{');
  assert.throws(() => readCatalogContent(dir), /bad\.json:1:2: not valid JSON/);
});

test('records without the run\'s meta.json are refused: their shape is unknown', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  mkdirSync(path.join(dir, 'catalog', 'entities', 'default', 'component'), { recursive: true });
  writeFileSync(path.join(dir, 'catalog', 'entities', 'default', 'component', 'web.json'), JSON.stringify(record('component', 'web')));
  assert.throws(() => readCatalogContent(dir), /meta\.json: content was written by an older backlot; run `backlot collect`/);
});
