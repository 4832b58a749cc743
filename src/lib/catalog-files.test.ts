import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCatalogMeta, readCatalogProblems } from './catalog-files.ts';
import { CONTENT_FORMAT_VERSION } from '../../lib/content/records.ts';

test('an empty content folder reads as no meta and no problems, not as an error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  assert.equal(readCatalogMeta(dir), null);
  assert.deepEqual(readCatalogProblems(dir), []);
});

test('reads meta.json and problems.json as the collector wrote them', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  mkdirSync(path.join(dir, 'catalog'));
  writeFileSync(path.join(dir, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: CONTENT_FORMAT_VERSION, collectedAt: '2026-01-01T00:00:00Z', entityCount: 3 }));
  writeFileSync(path.join(dir, 'catalog', 'problems.json'), JSON.stringify([{ severity: 'error', rule: 'yaml-syntax', message: 'm', file: 'f', line: 1, column: 2 }]));
  assert.equal(readCatalogMeta(dir)?.entityCount, 3);
  assert.equal(readCatalogProblems(dir)[0].rule, 'yaml-syntax');
});

test('a corrupt file fails with its path and what to do', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  mkdirSync(path.join(dir, 'catalog'));
  writeFileSync(path.join(dir, 'catalog', 'meta.json'), '{ nope');
  assert.throws(() => readCatalogMeta(dir), /meta\.json:1:3: not valid JSON.*backlot collect/);
});

test('content of another format is refused with what to do', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'backlot-content-'));
  mkdirSync(path.join(dir, 'catalog'));
  writeFileSync(path.join(dir, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: 1, collectedAt: '2026-01-01T00:00:00Z' }));
  assert.throws(() => readCatalogMeta(dir), /meta\.json: content was written by an older backlot; run `backlot collect`/);
  writeFileSync(path.join(dir, 'catalog', 'meta.json'), JSON.stringify({ collectedAt: '2026-01-01T00:00:00Z' }));
  assert.throws(() => readCatalogMeta(dir), /older backlot.*no format version/);
  writeFileSync(path.join(dir, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: 999 }));
  assert.throws(() => readCatalogMeta(dir), /a newer backlot/);
});
