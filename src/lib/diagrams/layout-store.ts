// Diagram layouts kept between builds. dagre is the largest single cost of rendering the portal
// (~13 s CPU of a 10,000-entity build, ~10 ms per distinct shape), and a scheduled build mostly
// sees the shapes the last one drew. The store is one JSON file in the build cache folder (the
// `.cache/` the workflow restores): read at the first layout, rewritten when the process exits with
// only the shapes this build used, so it never grows past one build's worth. The version is a hash
// of the layout code and dagre's version: a layout never outlives the code that made it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LayoutStore<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** Writes the shapes used since the store was opened (also done when the process exits). */
  flush(): void;
}

interface StoreFile<T> {
  version: string;
  shapes: Record<string, T>;
}

/** The layout code's version: its sources and dagre's package version. */
export function layoutCodeVersion(root = process.env.BACKLOT_ROOT ?? process.cwd()): string | null {
  const hash = createHash('sha256');
  try {
    for (const file of ['layout.ts', 'layout-store.ts']) hash.update(readFileSync(path.join(root, 'src', 'lib', 'diagrams', file))).update('\0');
    hash.update(JSON.parse(readFileSync(path.join(root, 'node_modules', '@dagrejs', 'dagre', 'package.json'), 'utf8')).version as string);
  } catch {
    return null; // sources not found where expected: keep nothing rather than risk a stale layout
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Opens the store at `file`; with a null version it remembers nothing (every layout is computed).
 * An unreadable or foreign file is ignored and replaced.
 */
export function openLayoutStore<T>(file: string, version: string | null): LayoutStore<T> {
  const loaded = new Map<string, T>();
  if (version && existsSync(file)) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreFile<T>>;
      if (parsed.version === version && parsed.shapes && typeof parsed.shapes === 'object') {
        for (const [key, value] of Object.entries(parsed.shapes)) loaded.set(key, value);
      }
    } catch {
      /* a broken cache costs one cold build, nothing else */
    }
  }
  const used = new Map<string, T>();
  let dirty = false;
  const flush = () => {
    if (!version || !dirty) return;
    dirty = false;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      // Keys are layout shapes; fromEntries defines each as an own property, so none acts as structure.
      const shapes = Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      const partial = `${file}.writing-${process.pid}`;
      writeFileSync(partial, JSON.stringify({ version, shapes } satisfies StoreFile<T>));
      renameSync(partial, file);
    } catch {
      /* a cache that cannot be written only makes the next build slower */
    }
  };
  if (version) process.once('exit', flush);
  return {
    get(key) {
      const value = used.get(key) ?? loaded.get(key);
      if (value !== undefined && !used.has(key)) {
        used.set(key, value);
        // Writing again is only worth it when the set of shapes changes.
        if (used.size > loaded.size || !loaded.has(key)) dirty = true;
      }
      return value;
    },
    set(key, value) {
      used.set(key, value);
      dirty = true;
    },
    flush,
  };
}
