// Renders a skeleton folder into the workspace: file and folder names and contents are templated,
// and every rendered path is checked to stay inside its target, so no value can write elsewhere.
import { copyFile, lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Templater } from './templater.ts';

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

/** Resolves `relative` inside `root`, or throws naming both: the one guard every write goes through. */
export function insideFolder(root: string, relative: string, what: string): string {
  if (typeof relative !== 'string') throw new ScaffoldError(`${what} must be a path, got ${JSON.stringify(relative)}`);
  if (relative.includes('\0')) throw new ScaffoldError(`${what} ${JSON.stringify(relative)} contains a NUL character`);
  if (path.isAbsolute(relative)) throw new ScaffoldError(`${what} ${JSON.stringify(relative)} must be relative`);
  const resolved = path.resolve(root, relative);
  const rel = path.relative(root, resolved);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new ScaffoldError(`${what} ${JSON.stringify(relative)} leaves its folder`);
  }
  return resolved;
}

export interface RenderSkeletonOptions {
  /** The skeleton folder (already checked to be inside the template's folder). */
  source: string;
  /** Where rendered files go (already checked to be inside the workspace). */
  target: string;
  templater: Templater;
  /** The nunjucks context: `{ values }` as Backstage's fetch:template gives it. */
  context: Record<string, unknown>;
  /** Globs (relative to the skeleton) copied as they are: names and contents not rendered. */
  copyWithoutTemplating?: string[];
}

/** Renders the skeleton; returns the written files, relative to the target, in walk order. */
export async function renderSkeleton(options: RenderSkeletonOptions): Promise<string[]> {
  const written: string[] = [];
  const verbatim = (options.copyWithoutTemplating ?? []).map((g) => g.replace(/^\.\//, ''));
  const isVerbatim = (relative: string) => verbatim.some((g) => path.matchesGlob(relative, g) || relative.startsWith(g.replace(/\/?\*\*$/, '') + '/') && g.endsWith('**'));

  const walk = async (sourceDir: string, renderedDir: string, relativeSource: string) => {
    const entries = (await readdir(sourceDir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const sourcePath = path.join(sourceDir, entry.name);
      const relative = relativeSource ? `${relativeSource}/${entry.name}` : entry.name;
      const info = await lstat(sourcePath);
      if (info.isSymbolicLink()) throw new ScaffoldError(`skeleton entry ${relative} is a symbolic link; Backlot copies only files and folders`);
      const copyAsIs = isVerbatim(relative);
      const name = copyAsIs ? entry.name : renderName(options, entry.name, relative);
      // Backstage skips an entry whose name renders to nothing: that is how templates make files optional.
      if (name === '') continue;
      const renderedRelative = renderedDir ? `${renderedDir}/${name}` : name;
      const destination = insideFolder(options.target, renderedRelative, `rendered path (from ${relative})`);
      if (info.isDirectory()) {
        await mkdir(destination, { recursive: true });
        await walk(sourcePath, renderedRelative, relative);
      } else if (info.isFile()) {
        await mkdir(path.dirname(destination), { recursive: true });
        const bytes = await readFile(sourcePath);
        if (copyAsIs || bytes.includes(0)) await copyFile(sourcePath, destination);
        else await writeFile(destination, renderContent(options, bytes.toString('utf8'), relative));
        written.push(renderedRelative);
      }
    }
  };
  await walk(options.source, '', '');
  return written;
}

function renderName(options: RenderSkeletonOptions, name: string, relative: string): string {
  if (!name.includes('${{') && !name.includes('{%')) return name;
  let rendered: string;
  try {
    rendered = options.templater.renderString(name, options.context).trim();
  } catch (error) {
    throw new ScaffoldError(`cannot render the name of ${relative}: ${(error as Error).message}`);
  }
  // A rendered name is one path segment: a value cannot add folders or climb out of this one.
  if (rendered === '.' || rendered === '..' || /[/\\\0]/.test(rendered)) {
    throw new ScaffoldError(`the name of ${relative} renders to ${JSON.stringify(rendered)}, which is not a single file or folder name`);
  }
  return rendered;
}

function renderContent(options: RenderSkeletonOptions, text: string, relative: string): string {
  try {
    return options.templater.renderString(text, options.context);
  } catch (error) {
    throw new ScaffoldError(`cannot render ${relative}: ${(error as Error).message}`);
  }
}
