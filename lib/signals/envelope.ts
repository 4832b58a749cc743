// The hand-off of every service signal: one file per entity and concern,
// `<concern>/entities/<namespace>/<kind>/<name>.json`, carrying when and from where the data was
// collected, and a stale mark when the latest read failed and this is the last good data.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StaleMark } from '../content/records.ts';
import { parseJsonInput } from '../parse/json.ts';
import { MAX_STORED_DEPTH } from '../parse/keys.ts';

export interface SignalEnvelope<T> {
  ref: string;
  /** ISO time of the run that read this data (for stale data: of the last successful read). */
  collectedAt: string;
  /** Where it came from: `name` as a person would say it (`GitHub Actions of acme/shipment-service`), `url` (http/https) links to it. */
  source: DataSource;
  stale?: StaleMark;
  /** Problems met while reading it (a report skipped, an alert list not available), shown with the data. */
  notes?: string[];
  data: T;
}

/** The shape of the portal's data envelopes' `source`: shown by name, linked when it has a URL. */
export interface DataSource {
  name: string;
  url?: string;
}

const SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

/** `entities/<namespace>/<kind>/<name>.json`, or undefined for a ref whose parts are not safe file names. */
export function envelopePath(ref: string): string | undefined {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!match) return undefined;
  const [, kind, namespace, name] = match as unknown as [string, string, string, string];
  if (![kind, namespace, name].every((p) => SEGMENT.test(p))) return undefined;
  return path.join('entities', namespace, kind, `${name}.json`);
}

export async function readEnvelope<T>(outDir: string, ref: string): Promise<SignalEnvelope<T> | undefined> {
  const relative = envelopePath(ref);
  if (!relative) return undefined;
  try {
    return parseJsonInput(await readFile(path.join(outDir, relative), 'utf8'), relative, MAX_STORED_DEPTH) as SignalEnvelope<T>;
  } catch {
    return undefined;
  }
}

/** The previous envelope marked stale with why the latest read failed; undefined when there is none. */
export function keptAsStale<T>(previous: SignalEnvelope<T> | undefined, error: string, now: Date): SignalEnvelope<T> | undefined {
  if (!previous) return undefined;
  return { ...previous, stale: { error, failedAt: now.toISOString(), lastSuccessAt: previous.stale?.lastSuccessAt ?? previous.collectedAt } };
}

/** Writes this run's envelopes and removes those of entities no longer reported on. */
export async function writeEnvelopes(outDir: string, envelopes: SignalEnvelope<unknown>[]): Promise<number> {
  const written = new Set<string>();
  for (const envelope of envelopes) {
    const relative = envelopePath(envelope.ref);
    if (!relative) continue;
    const file = path.join(outDir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(envelope, null, 2) + '\n');
    written.add(path.resolve(file));
  }
  const root = path.join(outDir, 'entities');
  if (existsSync(root)) {
    for (const file of (await readdir(root, { recursive: true, encoding: 'utf8' })) as string[]) {
      const absolute = path.resolve(root, file);
      if (file.endsWith('.json') && !written.has(absolute)) await rm(absolute);
    }
  }
  return written.size;
}
