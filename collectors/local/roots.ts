// The local source's root descriptors from `catalog.locations`: a file, or a folder holding
// catalog-info.yaml. Each root's folder confines what it may read, and is where its entities live.
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Absolute paths of the root descriptor files. */
export async function localRootFiles(root: string, locations: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const entry of locations) {
    const file = path.resolve(root, entry);
    const info = await stat(file).catch(() => null);
    files.push(info?.isDirectory() ? path.join(file, 'catalog-info.yaml') : file);
  }
  return files;
}

/** The folders descriptor paths in records are relative to (one per root descriptor). */
export async function localCatalogRoots(root: string, locations: string[]): Promise<string[]> {
  return (await localRootFiles(root, locations)).map((file) => path.dirname(file));
}
