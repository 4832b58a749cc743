// Rendered docs pages kept between runs, so an unchanged page is not parsed again: the portal's
// scheduled builds and a pull request's preview mostly see pages that did not change. The key is
// the page's Markdown, the render options and the renderer's own version (a hash of lib/markdown's
// sources and the versions of the packages it uses); an entry also records every link and image
// the page asked about and the answer it got, and is used only if the same questions get the same
// answers now (a page's HTML depends on which other pages and images exist).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, type LinkRequest, type LinkResolution, type RenderOptions, type RenderedMarkdown } from '../markdown/render.ts';

const PACKAGES = ['unified', 'remark-parse', 'remark-gfm', ...['autolink-literal', 'footnote', 'strikethrough', 'table', 'task-list-item'].flatMap((e) => [`micromark-extension-gfm-${e}`, `mdast-util-gfm-${e}`]), 'mdast-util-to-hast', 'hast-util-raw', 'hast-util-sanitize', 'hast-util-to-html', 'shiki', 'github-slugger'];

let rendererVersion: string | null | undefined;

/**
 * The project's folder: beside this file when run from source, BACKLOT_ROOT inside an Astro build
 * (whose bundled chunks live elsewhere).
 */
function projectRoot(): string | undefined {
  const candidates = [path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'), process.env.BACKLOT_ROOT, process.cwd()];
  return candidates.find((root): root is string => Boolean(root) && existsSync(path.join(root!, 'lib', 'markdown', 'render.ts')));
}

/**
 * Changes whenever the renderer's code or one of its packages changes; null when the sources are
 * not found (then nothing is cached: an entry must never outlive the code that made it).
 */
export function markdownRendererVersion(): string | null {
  if (rendererVersion !== undefined) return rendererVersion;
  const root = projectRoot();
  if (!root) return (rendererVersion = null);
  const MARKDOWN_DIR = path.join(root, 'lib', 'markdown');
  const hash = createHash('sha256');
  for (const file of readdirSync(MARKDOWN_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    hash.update(file).update('\0').update(readFileSync(path.join(MARKDOWN_DIR, file))).update('\0');
  }
  for (const name of PACKAGES) {
    let version = 'missing';
    try {
      version = (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      /* not installed where expected: the name alone still keys the entry */
    }
    hash.update(`${name}@${version}\0`);
  }
  rendererVersion = hash.digest('hex').slice(0, 16);
  return rendererVersion;
}

interface CacheEntry {
  links: { request: LinkRequest; answer: LinkResolution }[];
  result: RenderedMarkdown;
}

export interface RenderCacheStats {
  hits: number;
  misses: number;
}

export interface RenderCache {
  /**
   * `scope` names where the page is (e.g. its URL): the same Markdown in two versions of a site
   * gets different link answers, so each place keeps its own entry instead of replacing the other's.
   */
  render(source: string, options: RenderOptions, scope?: string, renderer?: (source: string, options: RenderOptions) => Promise<RenderedMarkdown>): Promise<RenderedMarkdown>;
  stats: RenderCacheStats;
}

/** A cache of rendered pages under `dir` (created on first write); entries are small JSON files. */
export function createRenderCache(dir: string): RenderCache {
  const stats: RenderCacheStats = { hits: 0, misses: 0 };
  return {
    stats,
    async render(source, options, scope = '', renderer = renderMarkdown) {
      const version = markdownRendererVersion();
      if (version === null) {
        stats.misses++;
        return renderer(source, options);
      }
      const key = createHash('sha256').update(version).update('\0').update(scope).update('\0').update(JSON.stringify(options.iframeHosts ?? [])).update('\0').update(source).digest('hex');
      const file = path.join(dir, key.slice(0, 2), `${key}.json`);
      const resolve = options.resolveLink;
      try {
        const entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
        const same = entry.links.every(({ request, answer }) => JSON.stringify(resolve ? resolve(request) : undefined) === JSON.stringify(answer));
        if (same) {
          stats.hits++;
          return entry.result;
        }
      } catch {
        /* no entry, or an unreadable one: render */
      }
      stats.misses++;
      const links: CacheEntry['links'] = [];
      const result = await renderer(source, {
        ...options,
        resolveLink: resolve
          ? (request) => {
              const answer = resolve(request);
              links.push({ request, answer });
              return answer;
            }
          : undefined,
      });
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ links, result } satisfies CacheEntry));
      await rename(temporary, file);
      return result;
    },
  };
}
