// The hand-off of a signal collector's data (CI, metrics, cost, an organisation's own …): one JSON
// file per entity, or per organisation-wide topic, in one envelope saying when and where it came
// from and whether it is last good data kept after a failed read. Collectors write with these
// helpers; the portal reads with `readEntityData` / `readOrganisationData`.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaleMark } from './records.ts';
import { entitySegments } from './paths.ts';

/** Where the data came from, for a person: `name` is shown, `url` (http/https) links to it. */
export interface DataSource {
  name: string;
  url?: string;
}

/** Every data file a collector writes for the portal. */
export interface DataEnvelope<T = unknown> {
  /** The entity's full ref, for per-entity data (the signal collectors' readers key on it). */
  ref?: string;
  /** ISO time of the read that produced `data` (the last successful one when `stale`). */
  collectedAt: string;
  source: DataSource;
  /** Set when `data` is last good data kept because the latest read failed. */
  stale?: StaleMark;
  /** Problems met while reading it, shown with the data. */
  notes?: string[];
  data: T;
}

/** Collector names and topic names become folder and file names: only these are accepted. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkName(what: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`${what} "${name}" must be lower-case letters, digits and -, starting with a letter or digit`);
}

/** `<content>/<collector>/entities/<namespace>/<kind>/<name>.json`. */
export function entityDataFile(contentDir: string, collector: string, ref: string): string {
  checkName('collector name', collector);
  return path.join(contentDir, collector, 'entities', `${entitySegments(ref)}.json`);
}

/** `<content>/<collector>/organisation/<topic>.json`: data about the whole organisation (roll-ups, /cost/). */
export function organisationDataFile(contentDir: string, collector: string, topic: string): string {
  checkName('collector name', collector);
  checkName('topic', topic);
  return path.join(contentDir, collector, 'organisation', `${topic}.json`);
}

/** The previous envelope as `stale`: its data kept, the failure recorded, the last success remembered. */
export function markStale<T>(previous: DataEnvelope<T>, error: string, failedAt: Date): DataEnvelope<T> {
  return {
    ...previous,
    stale: { error, failedAt: failedAt.toISOString(), lastSuccessAt: previous.stale?.lastSuccessAt ?? previous.collectedAt },
  };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Written beside and renamed, so the portal never reads half a file.
  const partial = `${file}.writing-${process.pid}`;
  await writeFile(partial, JSON.stringify(value, null, 2) + '\n');
  await rename(partial, file);
}

async function readJsonIfAny<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined; // none yet, or damaged: there is no last good data to keep
  }
}

/**
 * A collector's writer, bound to its name and the run's time (handed over as `context.data`).
 * `…Failed` keeps the last good data, marked stale, and says whether there was any.
 */
export interface DataWriter {
  writeEntity<T>(ref: string, value: { source: DataSource; data: T }): Promise<void>;
  entityFailed(ref: string, error: string): Promise<boolean>;
  writeOrganisation<T>(topic: string, value: { source: DataSource; data: T }): Promise<void>;
  organisationFailed(topic: string, error: string): Promise<boolean>;
}

export function createDataWriter(contentDir: string, collector: string, now: Date): DataWriter {
  checkName('collector name', collector);
  const write = (file: string, value: { source: DataSource; data: unknown }, ref?: string) =>
    writeJson(file, { ...(ref ? { ref } : {}), collectedAt: now.toISOString(), source: value.source, data: value.data } satisfies DataEnvelope);
  const failed = async (file: string, error: string) => {
    const previous = await readJsonIfAny<DataEnvelope>(file);
    if (!previous || typeof previous.collectedAt !== 'string') return false;
    await writeJson(file, markStale(previous, error, now));
    return true;
  };
  return {
    writeEntity: (ref, value) => write(entityDataFile(contentDir, collector, ref), value, ref.toLowerCase()),
    entityFailed: (ref, error) => failed(entityDataFile(contentDir, collector, ref), error),
    writeOrganisation: (topic, value) => write(organisationDataFile(contentDir, collector, topic), value),
    organisationFailed: (topic, error) => failed(organisationDataFile(contentDir, collector, topic), error),
  };
}

/** Reads one envelope for the portal; a damaged or foreign file fails the build naming it. */
export function readEnvelope(file: string): DataEnvelope | undefined {
  if (!existsSync(file)) return undefined;
  let value: Partial<DataEnvelope>;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as Partial<DataEnvelope>;
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}); run \`backlot collect\` again`, { cause: error });
  }
  if (!value || typeof value.collectedAt !== 'string' || typeof value.source?.name !== 'string' || !('data' in value)) {
    throw new Error(`${file}: not a data envelope { collectedAt, source: { name }, data }; write it with createDataWriter (lib/content/entity-data.ts) and run \`backlot collect\``);
  }
  return value as DataEnvelope;
}

/** One collector's data for one entity, or undefined when it wrote none. */
export function readEntityData(contentDir: string, collector: string, ref: string): DataEnvelope | undefined {
  return readEnvelope(entityDataFile(contentDir, collector, ref));
}

/** One collector's organisation-wide data on `topic`, or undefined. */
export function readOrganisationData(contentDir: string, collector: string, topic: string): DataEnvelope | undefined {
  return readEnvelope(organisationDataFile(contentDir, collector, topic));
}
