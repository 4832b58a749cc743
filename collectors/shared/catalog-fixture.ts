// For tests of the concern collectors: writes catalog records the way the catalog collector does,
// so cost and metrics read a real catalog folder without running a whole catalog collection.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityRecord } from '../../lib/content/records.ts';
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
    const record = {
      ref: `${e.kind}:default/${e.name}`.toLowerCase(),
      kind: e.kind,
      namespace: 'default',
      name: e.name,
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
}

export { recordPathOf } from './record-path.ts';
