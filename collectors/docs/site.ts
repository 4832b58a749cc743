// One docs site (one version of one repository's docs) read from a repository tree: mkdocs.yml or
// the folder, pages and images with size and safety limits, navigation checked against the pages.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DocsPage, DocsProblem, NavItem } from '../../lib/docs/records.ts';
import { ASSET_TYPES } from '../../lib/docs/records.ts';
import { readMkdocsConfig } from './mkdocs-config.ts';
import { insideRepository, type RepositoryTree } from './tree.ts';

/** Pages above this are not published: a docs page is prose, and one page must not stall a build. */
export const MAX_PAGE_BYTES = 1024 * 1024;
export const MAX_ASSET_BYTES = 5 * 1024 * 1024;

export interface SiteRead {
  siteName?: string;
  docsDir: string;
  nav: NavItem[];
  pages: DocsPage[];
  /** Docs-relative path → bytes and content-addressed file name. */
  assets: Map<string, { file: string; bytes: Buffer }>;
  problems: DocsProblem[];
  repoUrl?: string;
  editUri?: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

/** An SVG that could run code when opened on its own; such files are not published. */
export function unsafeSvg(text: string): string | undefined {
  if (/<script\b/i.test(text)) return 'it contains a <script> element';
  if (/\son[a-z]+\s*=/i.test(text)) return 'it contains an event handler attribute';
  if (/<foreignObject\b/i.test(text)) return 'it contains <foreignObject> (HTML inside SVG)';
  if (/(?:href|src)\s*=\s*["']?\s*(?:javascript|data:text\/html)/i.test(text)) return 'it contains a javascript: link';
  if (/(?:xlink:)?href\s*=\s*["']\s*(?:https?:)?\/\//i.test(text)) return 'it loads something from another site';
  if (/<!ENTITY/i.test(text)) return 'it declares XML entities';
  return undefined;
}

/** A page's title: its first level-1 heading, else its file name. */
export function pageTitle(markdown: string, file: string): string {
  const heading = /^\s{0,3}#[ \t]+(.+?)[ \t#]*$/m.exec(markdown.slice(0, 20_000));
  if (heading) return heading[1].replace(/[*_`]/g, '');
  const base = path.posix.basename(file).replace(MARKDOWN, '');
  return base === 'index' || base.toLowerCase() === 'readme' ? 'Home' : base.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** Reads the site whose mkdocs.yml (or docs folder) is at repository-relative `dir`. */
export async function readDocsSite(tree: RepositoryTree, dir: string, lastUpdated: (repoPath: string) => DocsPage['lastUpdated']): Promise<SiteRead> {
  const problems: DocsProblem[] = [];
  const mkdocs = await readMkdocsConfig(tree, dir, problems);
  let docsDir = mkdocs?.config.docsDir;
  if (docsDir === undefined) {
    const nested = dir ? `${dir}/docs` : 'docs';
    docsDir = (await tree.list(nested)).files.some((f) => MARKDOWN.test(f.path)) ? nested : dir;
  }
  const listing = await tree.list(docsDir);
  for (const refused of listing.refused) problems.push({ severity: 'warning', file: refused.path, line: 1, message: `not published: ${refused.reason}` });
  const pages: DocsPage[] = [];
  const assets = new Map<string, { file: string; bytes: Buffer }>();
  const prefix = docsDir ? `${docsDir}/` : '';
  for (const file of listing.files) {
    const rel = file.path.slice(prefix.length);
    if (rel.split('/').some((segment) => segment.startsWith('.'))) continue;
    const ext = path.posix.extname(rel).slice(1).toLowerCase();
    if (MARKDOWN.test(rel)) {
      if (file.bytes > MAX_PAGE_BYTES) {
        problems.push({ severity: 'warning', file: file.path, line: 1, message: `not published: ${(file.bytes / 1024 / 1024).toFixed(1)} MB is over the ${MAX_PAGE_BYTES / 1024 / 1024} MB limit for a page; split it` });
        continue;
      }
      const bytes = await tree.read(file.path);
      if (!bytes) continue;
      pages.push({ path: rel, repoPath: file.path, markdown: bytes.toString('utf8'), lastUpdated: lastUpdated(file.path) });
    } else if (ASSET_TYPES[ext]) {
      if (file.bytes > MAX_ASSET_BYTES) {
        problems.push({ severity: 'warning', file: file.path, line: 1, message: `not published: ${(file.bytes / 1024 / 1024).toFixed(1)} MB is over the ${MAX_ASSET_BYTES / 1024 / 1024} MB limit for an image` });
        continue;
      }
      const bytes = await tree.read(file.path);
      if (!bytes) continue;
      if (ext === 'svg') {
        const reason = unsafeSvg(bytes.toString('utf8'));
        if (reason) {
          problems.push({ severity: 'warning', file: file.path, line: 1, message: `not published: ${reason}` });
          continue;
        }
      }
      assets.set(rel, { file: `${createHash('sha256').update(bytes).digest('hex')}.${ext}`, bytes });
    }
  }
  if (pages.length === 0) problems.push({ severity: 'warning', file: docsDir || '.', line: 1, message: 'no Markdown pages found' });
  const titles = new Map(pages.map((p) => [p.path, pageTitle(p.markdown, p.path)]));
  let nav: NavItem[];
  if (mkdocs?.config.nav) {
    nav = fillTitles(mkdocs.config.nav, titles);
    for (const [page, line] of Object.entries(mkdocs.navLines)) {
      if (!titles.has(page)) problems.push({ severity: 'error', file: mkdocs.config.file, line, message: `nav names "${page}", which is not a page in ${docsDir || 'the repository root'}` });
    }
  } else nav = folderNav(pages.map((p) => p.path), titles);
  return { siteName: mkdocs?.config.siteName, docsDir, nav, pages, assets, problems, repoUrl: mkdocs?.config.repoUrl, editUri: mkdocs?.config.editUri };
}

function fillTitles(items: NavItem[], titles: Map<string, string>): NavItem[] {
  return items.map((item) => ({
    ...item,
    title: item.title || (item.page ? (titles.get(item.page) ?? item.page) : ''),
    ...(item.children ? { children: fillTitles(item.children, titles) } : {}),
  }));
}

/** Without a nav: index/README first, then files, then folders as sections, alphabetically. */
export function folderNav(paths: string[], titles: Map<string, string>): NavItem[] {
  const build = (prefix: string): NavItem[] => {
    const here = paths.filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
    const folders = [...new Set(paths.filter((p) => p.startsWith(prefix) && p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length).split('/')[0]))].sort();
    const isIndex = (p: string) => /^(index|readme)\.(md|markdown)$/i.test(p.slice(prefix.length));
    const files = [...here.filter(isIndex), ...here.filter((p) => !isIndex(p)).sort()];
    return [
      ...files.map((p) => ({ title: titles.get(p) ?? p, page: p })),
      ...folders.map((folder) => ({ title: folder.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), children: build(`${prefix}${folder}/`) })),
    ];
  };
  return build('');
}

/** Edit URL base for pages of `docsDir`: mkdocs' repo_url + edit_uri, or GitHub's `edit/<branch>/<docsDir>/`. */
export function editBase(repoUrl: string | undefined, editUri: string | undefined, docsDir: string, branch: string): string | undefined {
  if (!repoUrl || !/^https?:\/\//i.test(repoUrl)) return undefined;
  const repo = repoUrl.replace(/\/+$/, '');
  if (editUri !== undefined) {
    if (editUri === '') return undefined;
    if (/^https?:\/\//i.test(editUri)) return editUri.endsWith('/') ? editUri : `${editUri}/`;
    const rel = editUri.replace(/^\/+/, '');
    return `${repo}/${rel.endsWith('/') ? rel : `${rel}/`}`;
  }
  return `${repo}/edit/${branch}/${docsDir ? `${docsDir}/` : ''}`;
}

export { insideRepository };
