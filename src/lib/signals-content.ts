// The service signals of this build (CI, test reports, deployments, security), read once from the
// folders their collectors wrote and shared by every page, like the catalog index: one map per
// concern from entity ref to its envelope.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CiData } from '../../collectors/ci/records.ts';
import type { DeploymentsData } from '../../collectors/deployments/records.ts';
import type { SecurityData } from '../../collectors/security/records.ts';
import type { TestReportsData } from '../../collectors/test-reports/records.ts';
import type { SignalEnvelope } from '../../lib/signals/envelope.ts';
import { contentDir } from './portal-config.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

export interface SignalsContent {
  ci: Map<string, SignalEnvelope<CiData>>;
  testReports: Map<string, SignalEnvelope<TestReportsData>>;
  deployments: Map<string, SignalEnvelope<DeploymentsData>>;
  security: Map<string, SignalEnvelope<SecurityData>>;
}

function readConcern<T>(root: string, folder: string): Map<string, SignalEnvelope<T>> {
  const dir = path.join(root, folder, 'entities');
  const map = new Map<string, SignalEnvelope<T>>();
  if (!existsSync(dir)) return map;
  for (const file of (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.json')).sort()) {
    try {
      const envelope = parseJsonInput(readFileSync(path.join(dir, file), 'utf8'), path.join(dir, file), MAX_STORED_DEPTH) as SignalEnvelope<T>;
      if (typeof envelope.ref === 'string' && envelope.data) map.set(envelope.ref, envelope);
    } catch (error) {
      throw new Error(`${(error as Error).message}; run \`backlot collect\` again`, { cause: error });
    }
  }
  return map;
}

export function readSignalsContent(root: string): SignalsContent {
  return {
    ci: readConcern<CiData>(root, 'ci'),
    testReports: readConcern<TestReportsData>(root, 'test-reports'),
    deployments: readConcern<DeploymentsData>(root, 'deployments'),
    security: readConcern<SecurityData>(root, 'security'),
  };
}

let cached: { dir: string; content: SignalsContent } | undefined;
const ownConcerns = new Map<string, Map<string, SignalEnvelope<unknown>>>();

/**
 * The envelope a collector wrote for an entity (`<collector name>/entities/…`), for sections of an
 * organisation's own collectors: `envelopeFor<MyData>('oncall', record.ref)`. Read once per build.
 */
export function envelopeFor<T>(collector: string, ref: string): SignalEnvelope<T> | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(collector)) throw new Error(`envelopeFor: "${collector}" is not a collector name (kebab-case)`);
  const key = `${contentDir()}\u0000${collector}`;
  let map = ownConcerns.get(key);
  if (!map) ownConcerns.set(key, (map = readConcern<unknown>(contentDir(), collector)));
  return map.get(ref) as SignalEnvelope<T> | undefined;
}

/** The signals of the configured content folder, read once per build. */
export function signalsContent(): SignalsContent {
  const dir = contentDir();
  if (!cached || cached.dir !== dir) cached = { dir, content: readSignalsContent(dir) };
  return cached.content;
}
