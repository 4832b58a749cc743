// The hand-off of every service signal: one file per entity and concern,
// `<concern>/entities/<namespace>/<kind>/<name>.json`, in the same envelope as `context.data`
// writes (lib/content/entity-data.ts). Signal collectors write a whole run at once, so an entity
// no longer reported on loses its file here.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { markStale, type DataEnvelope, type DataSource } from '../content/entity-data.ts';
import { parseJsonInput } from '../parse/json.ts';
import { MAX_STORED_DEPTH } from '../parse/keys.ts';

/** A signal's per-entity envelope: the portal's data envelope (lib/content/entity-data.ts), always with its ref. */
export interface SignalEnvelope<T> extends DataEnvelope<T> {
  ref: string;
}

export type { DataSource };

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
  return previous ? { ...markStale(previous, error, now), ref: previous.ref } : undefined;
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
