// The docs section's menu entry follows the docs records on disk: an entity with docs (its own or
// shared), a team owning something with docs; nothing else.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityRecord } from '../../../lib/content/records.ts';
import { toEntityRecord } from '../../../collectors/catalog/records.ts';
import { DOCS_ENTITIES_DIR } from '../../../lib/docs/records.ts';
import { buildCatalogIndex } from '../../lib/catalog-index.ts';
import { section } from './docs.section.ts';
import type { SectionProps } from './types.ts';

function record(kind: string, name: string, relations: { type: string; targetRef: string }[] = []): EntityRecord {
  const ref = `${kind.toLowerCase()}:default/${name}`;
  const entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name }, spec: {}, relations };
  const located = { entity, ref, source: { file: `${name}.yaml`, line: 1, column: 1 }, location: { type: 'file' as const, target: `${name}.yaml` }, positions: {}, problems: [] };
  return toEntityRecord(located, { collectedAt: '2026-01-01T00:00:00.000Z' });
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-docs-section-'));
after(() => rm(dir, { recursive: true, force: true }));
const entities = path.join(dir, 'docs', DOCS_ENTITIES_DIR);
await mkdir(entities, { recursive: true });
const docs = (ref: string, extra: Record<string, unknown> = {}) => ({ ref, versions: [], problems: [], collectedAt: '2026-01-01T00:00:00.000Z', ...extra });
await writeFile(path.join(entities, 'documented.json'), JSON.stringify(docs('component:default/documented')));
await writeFile(path.join(entities, 'borrower.json'), JSON.stringify(docs('component:default/borrower', { sharedFrom: 'component:default/documented' })));
process.env.BACKLOT_CONTENT_DIR = dir;

const records = [
  record('Component', 'documented'),
  record('Component', 'borrower'),
  record('Component', 'plain'),
  record('Group', 'docs-team', [{ type: 'ownerOf', targetRef: 'component:default/documented' }]),
  record('Group', 'plain-team', [{ type: 'ownerOf', targetRef: 'component:default/plain' }]),
  record('User', 'plain-person'),
];
const index = buildCatalogIndex({ records, problems: [], meta: null });
const has = (ref: string) => section.hasContent!({ record: index.byRef.get(ref)!, index } as SectionProps);

test('an entity with its own or shared docs lists Docs; one without does not', () => {
  assert.equal(section.title, 'Docs');
  assert.equal(has('component:default/documented'), true);
  assert.equal(has('component:default/borrower'), true);
  assert.equal(has('component:default/plain'), false);
});

test('a team lists Docs when something it owns has docs; a team or person owning nothing with docs does not', () => {
  assert.equal(has('group:default/docs-team'), true);
  assert.equal(has('group:default/plain-team'), false);
  assert.equal(has('user:default/plain-person'), false);
});
