// What git knows about a local repository's docs: the last commit that touched each file (the
// "last updated" of a page — a file's modification time says when it was checked out, not when it
// changed) and the release tags to publish as versions.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The git work tree containing `folder`, or `undefined` when it is not in one (or git is missing). */
export async function gitTopLevel(folder: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', folder, 'rev-parse', '--show-toplevel']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Last commit per file under `folder` (absolute) at `ref`, keyed by path relative to `relativeTo`.
 * One `git log` for the whole folder, newest first, so the first mention of a file is its last change.
 */
export async function lastCommits(topLevel: string, folder: string, relativeTo: string, ref = 'HEAD'): Promise<Map<string, { at: string; commit: string }>> {
  const result = new Map<string, { at: string; commit: string }>();
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['-C', topLevel, 'log', ref, '--format=%x00%H %cI', '--name-only', '--no-renames', '--', path.relative(topLevel, folder) || '.'], { maxBuffer: 256 * 1024 * 1024 }));
  } catch {
    return result;
  }
  for (const chunk of stdout.split('\0').slice(1)) {
    const [head, ...files] = chunk.split('\n');
    const [commit, at] = head.split(' ');
    for (const file of files) {
      if (!file) continue;
      const key = path.relative(relativeTo, path.join(topLevel, file)).split(path.sep).join('/');
      if (!result.has(key)) result.set(key, { at, commit });
    }
  }
  return result;
}

/** Tags matching `pattern` (git's glob), newest version first, at most `last`. */
export async function releaseTags(topLevel: string, pattern: string, last: number): Promise<string[]> {
  if (last <= 0) return [];
  try {
    const { stdout } = await run('git', ['-C', topLevel, 'tag', '--list', pattern, '--sort=-v:refname']);
    return stdout.split('\n').map((t) => t.trim()).filter(Boolean).slice(0, last);
  } catch {
    return [];
  }
}

/** The branch checked out (the default branch's docs), or `main` when detached. */
export async function currentBranch(topLevel: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', topLevel, 'symbolic-ref', '--short', 'HEAD']);
    return stdout.trim() || 'main';
  } catch {
    return 'main';
  }
}
