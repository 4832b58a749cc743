// A repository's files as the docs reader sees them, from a folder on disk or from a git ref, with
// the same rules for both: paths are repository-relative, nothing outside the repository is ever
// read, symbolic links that point out of it are refused.
import { execFile } from 'node:child_process';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TreeFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  bytes: number;
}

export interface RepositoryTree {
  /** Every file under `dir` (repository-relative, `''` = root). */
  list(dir: string): Promise<{ files: TreeFile[]; refused: { path: string; reason: string }[] }>;
  read(file: string): Promise<Buffer | undefined>;
}

/** Normalises a repository-relative path; `undefined` when it leaves the repository or is absolute. */
export function insideRepository(p: string): string | undefined {
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\0')) return undefined;
  const normal = path.posix.normalize(p.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return normal === '.' ? '' : normal.replace(/\/$/, '');
}

export function folderTree(root: string): RepositoryTree {
  const rootReal = realpath(root);
  const within = async (absolute: string) => {
    const base = await rootReal;
    const real = await realpath(absolute).catch(() => undefined);
    return real !== undefined && (real === base || real.startsWith(base + path.sep));
  };
  return {
    async list(dir) {
      const files: TreeFile[] = [];
      const refused: { path: string; reason: string }[] = [];
      const walk = async (rel: string) => {
        const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
        for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
          const child = rel ? `${rel}/${entry.name}` : entry.name;
          const absolute = path.join(root, child);
          const info = await lstat(absolute);
          if (info.isSymbolicLink()) {
            if (!(await within(absolute))) {
              refused.push({ path: child, reason: 'a symbolic link that points outside the repository' });
              continue;
            }
            const target = await stat(absolute);
            if (target.isDirectory()) refused.push({ path: child, reason: 'a symbolic link to a folder (not followed)' });
            else files.push({ path: child, bytes: target.size });
          } else if (info.isDirectory()) {
            if (entry.name !== '.git') await walk(child);
          } else if (info.isFile()) files.push({ path: child, bytes: info.size });
        }
      };
      await walk(dir);
      return { files, refused };
    },
    async read(file) {
      const rel = insideRepository(file);
      if (rel === undefined) return undefined;
      const absolute = path.join(root, rel);
      if (!(await within(absolute))) return undefined;
      return readFile(absolute).catch(() => undefined);
    },
  };
}

/** The tree of `ref` in the git repository at `gitDir` (a tag), read with git itself. */
export function gitRefTree(gitDir: string, ref: string, prefix = ''): RepositoryTree {
  const at = (p: string) => (prefix ? `${prefix}/${p}` : p);
  return {
    async list(dir) {
      const { stdout } = await run('git', ['-C', gitDir, 'ls-tree', '-r', '-l', '-z', ref, '--', at(dir) || '.'], { maxBuffer: 256 * 1024 * 1024 });
      const files: TreeFile[] = [];
      const refused: { path: string; reason: string }[] = [];
      for (const line of stdout.split('\0')) {
        const match = /^(\d+) (\w+) \w+\s+(-|\d+)\t(.*)$/s.exec(line);
        if (!match) continue;
        const [, mode, type, size, full] = match;
        const rel = prefix ? full.slice(prefix.length + 1) : full;
        if (type !== 'blob') continue;
        if (mode === '120000') refused.push({ path: rel, reason: 'a symbolic link (not followed in a tagged version)' });
        else files.push({ path: rel, bytes: Number(size) });
      }
      return { files, refused };
    },
    async read(file) {
      const rel = insideRepository(file);
      if (rel === undefined) return undefined;
      try {
        const { stdout } = await run('git', ['-C', gitDir, 'cat-file', 'blob', `${ref}:${at(rel)}`], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
        return stdout as Buffer;
      } catch {
        return undefined;
      }
    },
  };
}
