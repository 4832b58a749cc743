// The exports folder (`exports.dir`, default `examples/exports`): files other systems drop for the
// portal. Per-service reports sit in a folder named after the entity (`<exports>/<entity name>/`);
// organisation-wide exports (Kubernetes state) in a folder named after the concern.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_EXPORTS_DIR = 'examples/exports';

/** Files (recursively, sorted) under `<exports>/<folder>/`, relative to the exports folder; none when absent. */
export function exportFiles(exportsDir: string, folder: string): string[] {
  const dir = path.join(exportsDir, folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => !path.basename(file).startsWith('.') && statSync(path.join(dir, file)).isFile())
    .sort()
    .map((file) => path.join(folder, file));
}
