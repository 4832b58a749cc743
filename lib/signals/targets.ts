// The entities a service-signal collector reports on, read from what the catalog collector wrote in
// this run (collectors run in order, catalog first): ref, annotations and repository, nothing more.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityRecord } from '../content/records.ts';
import { parseJsonInput } from '../parse/json.ts';
import { MAX_STORED_DEPTH } from '../parse/keys.ts';

export interface SignalTarget {
  ref: string;
  namespace: string;
  kind: string;
  name: string;
  /** `github.com/project-slug`, else the repository the GitHub source read the entity from. */
  repository?: string;
  annotations: Record<string, string>;
  /** The folder holding the entity's descriptor, relative to the project root, for a local source. */
  localFolder?: string;
}

/** Kinds that have CI, deployments, test reports and findings of their own. */
export const SIGNAL_KINDS = new Set(['component', 'resource']);

// The four signal collectors of one run read the same catalog: read it once per catalog run
// (keyed by the folder and the run's meta.json), not once per collector.
let memo: { key: string; targets: SignalTarget[] } | undefined;

export function readSignalTargets(contentDir: string): SignalTarget[] {
  const dir = path.join(contentDir, 'catalog', 'entities');
  if (!existsSync(dir)) return [];
  const metaFile = path.join(contentDir, 'catalog', 'meta.json');
  const key = `${dir}\u0000${existsSync(metaFile) ? readFileSync(metaFile, 'utf8') : ''}`;
  if (memo?.key === key && existsSync(metaFile)) return memo.targets;
  const targets = readTargets(dir);
  memo = { key, targets };
  return targets;
}

function readTargets(dir: string): SignalTarget[] {
  const files = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json')).sort();
  const targets: SignalTarget[] = [];
  for (const file of files) {
    const record = parseJsonInput(readFileSync(path.join(dir, file), 'utf8'), path.join(dir, file), MAX_STORED_DEPTH) as EntityRecord;
    if (!SIGNAL_KINDS.has(record.kind.toLowerCase())) continue;
    const annotations = (record.entity.metadata.annotations ?? {}) as Record<string, string>;
    const slug = annotations['github.com/project-slug'];
    const repository = typeof slug === 'string' && /^[\w.-]+\/[\w.-]+$/.test(slug) ? slug : record.repository;
    const local = record.source?.file && !/^[a-z]+:\/\//i.test(record.source.file) && !record.source.url ? path.dirname(record.source.file) : undefined;
    targets.push({ ref: record.ref, namespace: record.namespace, kind: record.kind, name: record.name, annotations, ...(repository ? { repository } : {}), ...(local ? { localFolder: local } : {}) });
  }
  return targets;
}
