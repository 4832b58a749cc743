// The loop every signal collector (CI, test reports, deployments, security) shares: read each
// catalog target, a few at a time; a target that fails keeps its last good envelope, marked
// stale, and is reported by ref; at the end the envelopes, the collector's own store and the
// GitHub cache are written, and the report carries the GitHub counters. Each collector keeps
// only what is its own: how one target is read.
import { mkdir, writeFile } from 'node:fs/promises';
import { mapWithConcurrency } from '../../collectors/github/concurrency.ts';
import type { CollectorContext, CollectorReport } from '../../collectors/types.ts';
import { keptAsStale, readEnvelope, writeEnvelopes, type SignalEnvelope } from './envelope.ts';
import { githubStats, type GithubSession } from './github-session.ts';
import type { SignalTarget } from './targets.ts';

export interface SignalRun<T> {
  envelopes: SignalEnvelope<T>[];
  failures: { item: string; message: string }[];
}

/** Reads every target with `read` (undefined: nothing to show for it); failures keep last good data. */
export async function readEachTarget<T>(
  context: CollectorContext,
  targets: SignalTarget[],
  session: GithubSession | undefined,
  read: (target: SignalTarget) => Promise<SignalEnvelope<T> | undefined>,
): Promise<SignalRun<T>> {
  const run: SignalRun<T> = { envelopes: [], failures: [] };
  await mapWithConcurrency(targets, session?.concurrency ?? 4, async (target) => {
    try {
      const envelope = await read(target);
      if (envelope) run.envelopes.push(envelope);
    } catch (error) {
      const message = (error as Error).message;
      run.failures.push({ item: target.ref, message });
      const kept = keptAsStale(await readEnvelope<T>(context.outDir, target.ref), message, context.now);
      if (kept) run.envelopes.push(kept);
    }
  });
  return run;
}

export interface FinishOptions {
  /** Problems in the inputs (a report too large, a line that did not parse), logged as warnings. */
  problems?: string[];
  session?: GithubSession | undefined;
  /** The collector's own state kept between runs (`<cacheDir>/<file>`). */
  store?: { file: string; value: unknown };
  stats?: Record<string, number | string>;
}

/** Writes what the run read and returns the collector's report. */
export async function finishSignalRun<T>(context: CollectorContext, name: string, run: SignalRun<T>, options: FinishOptions = {}): Promise<CollectorReport> {
  for (const line of options.problems ?? []) context.logger.warn(`${name}: ${line}`);
  const items = await writeEnvelopes(context.outDir, run.envelopes.sort((a, b) => a.ref.localeCompare(b.ref)));
  if (options.store) {
    await mkdir(context.cacheDir, { recursive: true });
    await writeFile(options.store.file, JSON.stringify(options.store.value) + '\n');
  }
  await options.session?.save();
  return { items, failures: run.failures, partial: run.failures.length > 0, stats: { ...(options.stats ?? {}), ...githubStats(options.session) } };
}
