// Unites the content folders that shards of one collection wrote. Shards split the organisation by
// repository, so their per-entity and per-repository files are disjoint; a file two shards wrote
// differently means a collector wrote organisation-wide data in a shard, which cannot be merged
// by copying — it is reported, never silently overwritten.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface TreeConflict {
  /** Path relative to the content folder. */
  file: string;
  /** The shard folders that wrote different bytes for it. */
  shards: string[];
}

const digest = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/**
 * Copies every file of `shardDirs` into `outDir` except those `skip` accepts (relative paths,
 * with `/`); identical copies are written once, different ones are returned as conflicts (the
 * first shard's copy is kept so the rest of the merge is usable).
 */
export async function mergeTrees(shardDirs: string[], outDir: string, skip: (file: string) => boolean): Promise<{ files: number; conflicts: TreeConflict[] }> {
  const seen = new Map<string, { digest: string; shard: string }>();
  const conflicts = new Map<string, TreeConflict>();
  for (const shard of shardDirs) {
    const entries = await readdir(shard, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const source = path.join(entry.parentPath, entry.name);
      const file = path.relative(shard, source).split(path.sep).join('/');
      if (skip(file)) continue;
      const hash = await digest(source);
      const earlier = seen.get(file);
      if (earlier) {
        if (earlier.digest !== hash) {
          const conflict = conflicts.get(file) ?? { file, shards: [earlier.shard] };
          conflict.shards.push(shard);
          conflicts.set(file, conflict);
        }
        continue;
      }
      seen.set(file, { digest: hash, shard });
      const target = path.join(outDir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(source, target);
    }
  }
  return { files: seen.size, conflicts: [...conflicts.values()] };
}
