// For tests of the concern collectors: writes catalog records the way the catalog collector does,
// so cost and metrics read a real catalog folder without running a whole catalog collection.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_FORMAT_VERSION, type EntityRecord } from '../../lib/content/records.ts';
import { entityPagePath } from '../../lib/content/paths.ts';
import { entityRecordPath } from '../catalog/content-store.ts';

export interface EntityFixture {
  kind: string;
  name: string;
  owner?: string;
  annotations?: Record<string, string>;
}

/** Writes records under `<generatedDir>/catalog/entities/`. */
export function writeCatalogRecords(generatedDir: string, entities: EntityFixture[]): void {
  for (const e of entities) {
    const ref = `${e.kind}:default/${e.name}`.toLowerCase();
    const record = {
      ref,
      kind: e.kind,
      namespace: 'default',
      name: e.name,
      title: e.name,
      path: entityPagePath(ref),
      links: e.owner ? { owner: { ref: e.owner, kind: e.owner.slice(0, e.owner.indexOf(':')), title: e.owner, path: entityPagePath(e.owner) } } : {},
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: e.kind,
        metadata: { name: e.name, annotations: e.annotations ?? {} },
        relations: e.owner ? [{ type: 'ownedBy', targetRef: e.owner }] : [],
      },
      source: { file: 'catalog-info.yaml', line: 1, column: 1 },
      problems: [],
      collectedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as EntityRecord;
    const file = path.join(generatedDir, 'catalog', entityRecordPath(record));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(record));
  }
  mkdirSync(path.join(generatedDir, 'catalog'), { recursive: true });
  writeFileSync(path.join(generatedDir, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: CONTENT_FORMAT_VERSION, collectedAt: '2026-01-01T00:00:00.000Z' }));
}

export { recordPathOf } from './record-path.ts';
