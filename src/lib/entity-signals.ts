// The portal's side of the per-entity data hand-off: what each collector wrote for an entity,
// read on demand by the sections that show it (`signals.get('ci')`), and organisation-wide data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { organisationDataFile, readEntityData, readOrganisationData, type DataEnvelope } from '../../lib/content/entity-data.ts';
import { contentDir } from './portal-config.ts';

/** One entity's data from every collector, by collector name; loosely typed so any collector fits. */
export interface EntitySignals {
  /** The envelope collector `name` wrote for this entity, or undefined when it wrote none. */
  get<T = unknown>(name: string): DataEnvelope<T> | undefined;
}

let collectorsCache: { dir: string; names: string[] } | undefined;

/** Collectors (other than the catalog) with per-entity data in the content folder, read once per build. */
function collectorsWithEntityData(dir: string): string[] {
  if (collectorsCache?.dir !== dir) {
    const names = existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory() && e.name !== 'catalog' && existsSync(path.join(dir, e.name, 'entities')))
          .map((e) => e.name)
          .sort()
      : [];
    collectorsCache = { dir, names };
  }
  return collectorsCache.names;
}

/** The signals of the entity `ref`, each file read at most once per page. */
export function entitySignals(ref: string): EntitySignals {
  const dir = contentDir();
  const known = collectorsWithEntityData(dir);
  const read = new Map<string, DataEnvelope | undefined>();
  const get = <T,>(name: string): DataEnvelope<T> | undefined => {
    if (!known.includes(name)) return undefined;
    if (!read.has(name)) read.set(name, readEntityData(dir, name, ref));
    return read.get(name) as DataEnvelope<T> | undefined;
  };
  return { get };
}

const organisationCache = new Map<string, { version: number; envelope: DataEnvelope | undefined }>();

/** Organisation-wide data collector `name` wrote on `topic` (team roll-ups, /cost/ …), or undefined. */
export function organisationData<T = unknown>(name: string, topic: string): DataEnvelope<T> | undefined {
  const dir = contentDir();
  if (!collectorsWithEntityData(dir).includes(name) && !existsSync(path.join(dir, name, 'organisation'))) return undefined;
  // Read once per file version: team pages and every entity's section check (`teamCost`) ask for
  // the same summary; parsing it per page cost ~2 s of a 10,000-entity build. The modification
  // time keeps `astro dev` current after a new collect.
  const file = organisationDataFile(dir, name, topic);
  const version = existsSync(file) ? statSync(file).mtimeMs : -1;
  const known = organisationCache.get(file);
  if (known && known.version === version) return known.envelope as DataEnvelope<T> | undefined;
  const envelope = readOrganisationData(dir, name, topic);
  organisationCache.set(file, { version, envelope });
  return envelope as DataEnvelope<T> | undefined;
}
