// Unites folders that split one whole between them: shards of a collection (by repository) or
// parts of a render (by entity). Most files are written by one folder only and are taken as they
// are; a file several folders wrote (a site-wide page every render part renders) must be the same
// bytes in each — a difference means they did not work from the same input, which cannot be
// merged by copying: it is reported, never silently overwritten.
import { copyFile, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';

export interface TreeConflict {
  /** Path relative to the folder. */
  file: string;
  /** The folders that wrote different bytes for it. */
  shards: string[];
}

export interface MergeOptions {
  /** Files (relative paths, with `/`) left out. */
  skip: (file: string) => boolean;
  /** Move files instead of copying them (the folders are consumed): what a 100,000-page site needs. */
  move?: boolean;
}

async function filesOf(dir: string, skip: (file: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => !skip(f));
}

/**
 * Writes every file of `dirs` into `outDir`. Only files that more than one folder holds are
 * compared (byte for byte); the first folder's copy is kept, and differing ones are returned as
 * conflicts so the caller can refuse the result.
 */
export async function mergeTrees(dirs: string[], outDir: string, options: MergeOptions | ((file: string) => boolean)): Promise<{ files: number; conflicts: TreeConflict[] }> {
  const { skip, move = false } = typeof options === 'function' ? { skip: options } : options;
  const owners = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const file of await filesOf(dir, skip)) {
      const list = owners.get(file);
      if (list) list.push(dir);
      else owners.set(file, [dir]);
    }
  }
  const conflicts: TreeConflict[] = [];
  const made = new Set<string>();
  for (const [file, [first, ...others]] of owners) {
    if (others.length > 0) {
      const bytes = await readFile(path.join(first!, file));
      const differing: string[] = [];
      for (const other of others) if (!bytes.equals(await readFile(path.join(other, file)))) differing.push(other);
      if (differing.length > 0) conflicts.push({ file, shards: [first!, ...differing] });
    }
    const target = path.join(outDir, file);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await (move ? rename : copyFile)(path.join(first!, file), target);
  }
  return { files: owners.size, conflicts };
}
