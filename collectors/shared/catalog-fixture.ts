// For tests of the concern collectors: writes a catalog the way the catalog collector does
// (records and meta.json), and builds the collector context `backlot collect` would hand over.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BacklotConfig } from '../../lib/config/schema.ts';
import { CONFIG_DEFAULTS } from '../../lib/config/schema.ts';
import { CONTENT_FORMAT_VERSION, type EntityRecord } from '../../lib/content/records.ts';
import { createLogger } from '../../lib/log/logger.ts';
import { entityRecordPath } from '../catalog/content-store.ts';
import { createCollectorContext } from '../context.ts';
import type { CollectorContext } from '../types.ts';

export interface EntityFixture {
  kind: string;
  name: string;
  owner?: string;
  annotations?: Record<string, string>;
}

/** Writes records and meta.json under `<contentDir>/catalog/`. */
export function writeCatalog(contentDir: string, entities: EntityFixture[]): void {
  for (const e of entities) {
    const ref = `${e.kind}:default/${e.name}`.toLowerCase();
    const record = {
      ref, kind: e.kind, namespace: 'default', name: e.name, title: e.name, path: `catalog/default/${e.kind}/${e.name}/`,
      links: e.owner ? { owner: { ref: e.owner, kind: 'group', title: e.owner } } : {},
      entity: {
        apiVersion: 'backstage.io/v1alpha1', kind: e.kind,
        metadata: { name: e.name, annotations: e.annotations ?? {} },
        relations: e.owner ? [{ type: 'ownedBy', targetRef: e.owner }] : [],
      },
      source: { file: 'catalog-info.yaml', line: 1, column: 1 }, problems: [], collectedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as EntityRecord;
    const file = path.join(contentDir, 'catalog', entityRecordPath(record));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(record));
  }
  mkdirSync(path.join(contentDir, 'catalog'), { recursive: true });
  writeFileSync(
    path.join(contentDir, 'catalog', 'meta.json'),
    JSON.stringify({ formatVersion: CONTENT_FORMAT_VERSION, collectedAt: '2026-01-01T00:00:00.000Z', source: 'local', origin: 'test', entityCount: entities.length, countsByKind: {}, problemCounts: { error: 0, warning: 0 }, filesRead: 1, durationMs: 1 }),
  );
}

/** The context `backlot collect` builds for collector `name`, logging into `log`. */
export function collectorContext(
  name: string,
  options: { root: string; contentDir: string; now: Date; config?: Partial<BacklotConfig>; log?: string[] },
): CollectorContext {
  const log = options.log ?? [];
  const logger = createLogger({ stream: { write: (s: string) => log.push(s) > 0 } });
  const config = { ...structuredClone(CONFIG_DEFAULTS), ...options.config } as BacklotConfig;
  return createCollectorContext({ config, root: options.root, contentDir: options.contentDir, cacheRoot: path.join(options.root, '.cache'), logger, now: options.now, env: {} }, name);
}
