// Picks what the service-signal browser test expects from the collected content itself (the
// envelopes the signal collectors wrote), so the test follows examples/exports/ as it changes.
import { readSignalsContent } from '../../../src/lib/signals-content.ts';
import { rollUp } from '../../../src/lib/signal-rollups.ts';
import type { CollectedCatalog } from './collected-content.ts';
import { ownerOf } from './catalog-expectations.ts';

export function pickSignalExpectations(contentDir: string, catalog: CollectedCatalog) {
  const signals = readSignalsContent(contentDir);
  const full = [...signals.ci.keys()].filter((ref) => signals.testReports.has(ref) && signals.deployments.has(ref) && signals.security.has(ref)).sort();
  const service = full[0];
  if (!service) throw new Error(`no entity has all four signals in ${contentDir}; examples/exports/ should give at least one`);
  const failing = [...signals.ci.values()].find((e) => e.data.failing);
  if (!failing) throw new Error('no entity has a failing default branch in the example exports');
  const failingRecord = catalog.entities.find((e) => e.ref === failing.ref)!;
  const team = ownerOf(failingRecord);
  if (!team) throw new Error(`${failing.ref} has no owner`);
  const teamRecord = catalog.entities.find((e) => e.ref === team)!;
  const owned = catalog.entities.filter((e) => ownerOf(e) === team).map((e) => e.ref);
  return {
    service,
    ci: signals.ci.get(service)!,
    tests: signals.testReports.get(service)!,
    deployments: signals.deployments.get(service)!,
    security: signals.security.get(service)!,
    team: teamRecord,
    teamRollup: rollUp(owned, signals),
    failingRef: failing.ref,
  };
}
