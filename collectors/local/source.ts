// The local folder source: descriptors read from disk, confined to one root folder so a Location or
// `$text` in a descriptor cannot read the rest of the machine (no `../../etc/passwd`, no symlink out).
import { readFile, realpath, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CatalogSource, LocationSpec } from '../../lib/catalog/types.ts';
import { decodeUtf8 } from '../../lib/catalog/text.ts';

/** A root location for a file path (made absolute against the working directory). */
export function fileLocation(path: string): LocationSpec {
  return { type: 'file', target: resolve(path) };
}

const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** Never read more than this into memory, whatever limit the reader applies afterwards. */
export const MAX_READ_BYTES = 16 * 1024 * 1024;

export function createLocalSource(root: string): CatalogSource {
  const rootPath = resolve(root);
  const rootReal = safeRealpathSync(rootPath) ?? rootPath;
  const inside = (base: string, p: string) => {
    const rel = relative(base, p);
    return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
  };
  // The nearest existing ancestor's real path: catches a symlinked folder on the way to a missing file.
  const realOf = (p: string): string => {
    let current = p;
    let rest = '';
    for (;;) {
      const real = safeRealpathSync(current);
      if (real) return rest ? resolve(real, rest) : real;
      const parent = dirname(current);
      if (parent === current) return p;
      rest = rest ? `${current.slice(parent.length + 1)}${sep}${rest}` : current.slice(parent.length + 1);
      current = parent;
    }
  };
  const confinementError = (p: string): string | undefined => {
    if (!inside(rootPath, p)) return `${p} is outside the catalog root ${rootPath}: refused`;
    if (!inside(rootReal, realOf(p))) return `${p} leads outside the catalog root ${rootPath} through a symbolic link: refused`;
    return undefined;
  };

  return {
    async read(location) {
      if (location.type !== 'file') throw new Error(`The local source reads files only, not ${location.type} locations (${location.target})`);
      const error = confinementError(location.target);
      if (error) throw new Error(error);
      try {
        // Checked again at read time: the file may have been replaced by a symlink since resolve().
        const real = await realpath(location.target);
        if (!inside(rootReal, real)) throw new Error(`${location.target} leads outside the catalog root ${rootPath} through a symbolic link: refused`);
        const { size } = await stat(real);
        if (size > MAX_READ_BYTES) throw new Error(`${location.target} is ${size} bytes, over the ${MAX_READ_BYTES}-byte ceiling of the local source: not read`);
        return decodeUtf8(await readFile(real));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return null;
        if (code === 'EISDIR') throw new Error(`${location.target} is a folder, not a file`);
        throw e;
      }
    },
    resolve(base, target, type) {
      if (type === 'url' || URL_LIKE.test(target)) {
        return { error: `"${target}" is a URL target, not fetched: the local source reads files only; allow its host in catalog.allowedHosts, or use a relative path`, notFetched: true };
      }
      if (type !== undefined && type !== 'file') return { error: `Location type "${type}" is not supported by the local source (target "${target}")` };
      const path = isAbsolute(target) ? resolve(target) : resolve(dirname(base.target), target);
      const error = confinementError(path);
      return error ? { error } : { type: 'file', target: path };
    },
    display(location) {
      if (location.type !== 'file') return location.target;
      return relative(process.cwd(), location.target) || '.';
    },
  };
}

function safeRealpathSync(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}
