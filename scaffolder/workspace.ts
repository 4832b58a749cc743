// The files of a workspace folder, in a stable order: what publish actions push and dry runs list.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WorkspaceFile {
  /** Relative, with forward slashes. */
  path: string;
  absolute: string;
  executable: boolean;
}

export async function listFiles(root: string): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === '.git') continue;
        await walk(absolute, relative);
      } else if (entry.isFile()) {
        out.push({ path: relative, absolute, executable: ((await stat(absolute)).mode & 0o111) !== 0 });
      }
    }
  };
  await walk(root, '');
  return out;
}
