// What Backlot records about each repository besides its descriptors: the facts an entity page
// shows (languages, owners, open pull requests …), one JSON file per repository under
// src/content/generated/github/repositories/.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CollectorContext } from '../types.ts';
import type { StaleMark } from '../../lib/content/records.ts';
import type { CodeownersRule } from './codeowners.ts';

export interface RepositoryFacts {
  /** Repository name, e.g. `payments-api`. */
  name: string;
  /** `org/name`. */
  fullName: string;
  /** The repository's web page. */
  url: string;
  description: string | null;
  defaultBranch: string;
  /** `public`, `private` or `internal`. */
  visibility: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
  /** Bytes of code per language, as GitHub's linguist counts them. */
  languages: Record<string, number>;
  /** ISO time of the last push to any branch. */
  pushedAt: string;
  /** CODEOWNERS rules in file order (the last matching rule wins), and the file they came from. */
  codeowners: { path: string; rules: CodeownersRule[] } | null;
  /** Open pull requests when the repository was last read. */
  openPullRequests: number;
  /** The descriptor path when the repository has one, `null` when it has none. */
  descriptorPath: string | null;
  /** ISO time of the run that read these facts. */
  collectedAt: string;
  /** Set when the latest read failed and these are the last good facts. */
  stale?: StaleMark;
}

/** `<content dir>/github/repositories/`: beside the catalog collector's folder, so `--content-dir` moves both. */
export function repositoryFactsDir(context: Pick<CollectorContext, 'outDir'>): string {
  return path.join(path.dirname(context.outDir), 'github', 'repositories');
}

/** Writes one file per repository and removes the files of repositories no longer read. */
export async function writeRepositoryFacts(context: Pick<CollectorContext, 'outDir'>, facts: RepositoryFacts[]): Promise<void> {
  const dir = repositoryFactsDir(context);
  await mkdir(dir, { recursive: true });
  const keep = new Set(facts.map((f) => `${f.name}.json`));
  for (const file of await readdir(dir)) {
    if (file.endsWith('.json') && !keep.has(file)) await rm(path.join(dir, file));
  }
  for (const f of facts) await writeFile(path.join(dir, `${f.name}.json`), JSON.stringify(f, null, 2) + '\n');
}

/**
 * The organisation could not be listed: every facts file stays, with a stale mark saying why
 * (an earlier mark's lastSuccessAt is kept: the data is as old as its last good read).
 */
export async function markRepositoryFactsStale(context: Pick<CollectorContext, 'outDir'>, mark: { error: string; failedAt: string }): Promise<void> {
  const dir = repositoryFactsDir(context);
  const files = await readdir(dir).catch(() => [] as string[]);
  for (const file of files) {
    if (!file.endsWith('.json')) continue;
    try {
      const facts = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as RepositoryFacts;
      facts.stale = { ...mark, lastSuccessAt: facts.stale?.lastSuccessAt ?? facts.collectedAt };
      await writeFile(path.join(dir, file), JSON.stringify(facts, null, 2) + '\n');
    } catch {
      // A damaged file is left as it is.
    }
  }
}
