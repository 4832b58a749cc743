// Reads the parts of mkdocs.yml the portal honours (site_name, docs_dir, nav, repo_url, edit_uri,
// INHERIT) so TechDocs repositories work unchanged. Plugins and themes are ignored: the portal
// renders. Every mistake is a problem with file and line; a broken file still gives a folder site.
import path from 'node:path';
import { parseYamlDocuments, positionOf, type Positions } from '../../lib/catalog/yaml.ts';
import type { DocsProblem, NavItem } from '../../lib/docs/records.ts';
import { insideRepository, type RepositoryTree } from './tree.ts';

export interface MkdocsConfig {
  /** Repository-relative path of the mkdocs.yml read. */
  file: string;
  siteName?: string;
  /** Repository-relative docs folder. */
  docsDir: string;
  nav?: NavItem[];
  repoUrl?: string;
  editUri?: string;
}

/** Nav entries whose line is known, so unknown pages can be reported where they are named. */
export interface NavLines {
  [page: string]: number;
}

const MAX_INHERIT_DEPTH = 5;

async function readYaml(tree: RepositoryTree, file: string, problems: DocsProblem[]): Promise<{ value: Record<string, unknown>; positions: Positions } | undefined> {
  const bytes = await tree.read(file);
  if (!bytes) return undefined;
  const [doc] = parseYamlDocuments(bytes.toString('utf8'));
  if (!doc) return { value: {}, positions: {} };
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 1)) problems.push({ severity: 'error', file, line: e.line, message: `mkdocs.yml is not valid YAML: ${e.message}; the folder's own order is used instead of its nav` });
    return undefined;
  }
  if (doc.value !== undefined && (typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value))) {
    problems.push({ severity: 'error', file, line: doc.start.line, message: 'mkdocs.yml must be a mapping (site_name: …, nav: …)' });
    return undefined;
  }
  return { value: (doc.value ?? {}) as Record<string, unknown>, positions: doc.positions };
}

/**
 * Reads `<dir>/mkdocs.yml` (or `.yaml`) with its INHERIT chain. `undefined` when there is none or
 * it cannot be used (then `problems` says why).
 */
export async function readMkdocsConfig(tree: RepositoryTree, dir: string, problems: DocsProblem[]): Promise<{ config: MkdocsConfig; navLines: NavLines } | undefined> {
  const join = (a: string, b: string) => insideRepository(a ? `${a}/${b}` : b);
  let file = join(dir, 'mkdocs.yml')!;
  let read = await readYaml(tree, file, problems);
  if (!read && !problems.some((p) => p.file === file)) {
    file = join(dir, 'mkdocs.yaml')!;
    read = await readYaml(tree, file, problems);
  }
  if (!read) return undefined;
  let merged = read.value;
  const navPositions = read.positions;
  // INHERIT: the named file is the base, this file's keys win (MkDocs merges mappings deeply).
  let current = file;
  let inherit = merged.INHERIT;
  for (let depth = 0; inherit !== undefined && depth < MAX_INHERIT_DEPTH; depth++) {
    const line = depth === 0 ? (read.positions.INHERIT?.line ?? 1) : 1;
    const parent = typeof inherit === 'string' ? insideRepository(path.posix.join(path.posix.dirname(current), inherit)) : undefined;
    if (!parent) {
      problems.push({ severity: 'error', file: current, line, message: `INHERIT: "${String(inherit)}" leaves the repository; it is ignored` });
      break;
    }
    const base = await readYaml(tree, parent, problems);
    if (!base) {
      if (!problems.some((p) => p.file === parent)) problems.push({ severity: 'error', file: current, line, message: `INHERIT: ${parent} does not exist; it is ignored` });
      break;
    }
    merged = deepMerge(base.value, merged);
    current = parent;
    inherit = base.value.INHERIT;
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const docsDirSetting = str(merged.docs_dir) ?? 'docs';
  const docsDir = join(dir, docsDirSetting);
  if (docsDir === undefined) {
    problems.push({ severity: 'error', file, line: read.positions.docs_dir?.line ?? 1, message: `docs_dir: "${docsDirSetting}" leaves the repository; refused` });
    return undefined;
  }
  const navLines: NavLines = {};
  const nav = merged.nav === undefined ? undefined : readNav(merged.nav, 'nav', navPositions, file, problems, navLines);
  return {
    config: { file, siteName: str(merged.site_name), docsDir, nav, repoUrl: str(merged.repo_url), editUri: typeof merged.edit_uri === 'string' ? merged.edit_uri : undefined },
    navLines,
  };
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === 'INHERIT' || key === '__proto__') continue;
    const prior = out[key];
    out[key] = isRecord(prior) && isRecord(value) ? deepMerge(prior, value) : value;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** MkDocs' nav: `- page.md`, `- Title: page.md`, `- Title: https://…`, `- Section: [ … ]`. */
function readNav(value: unknown, at: string, positions: Positions, file: string, problems: DocsProblem[], navLines: NavLines): NavItem[] {
  const line = (p: string) => positionOf(positions, p, { line: 1, column: 1 }).line;
  if (!Array.isArray(value)) {
    problems.push({ severity: 'error', file, line: line(at), message: 'nav must be a list of pages and sections' });
    return [];
  }
  const items: NavItem[] = [];
  value.forEach((entry, i) => {
    const here = `${at}.${i}`;
    if (typeof entry === 'string') {
      items.push(target(undefined, entry, here));
      return;
    }
    if (!isRecord(entry) || Object.keys(entry).length !== 1) {
      problems.push({ severity: 'error', file, line: line(here), message: 'a nav entry is a page path or one "Title: page" pair' });
      return;
    }
    const [title, child] = Object.entries(entry)[0];
    if (Array.isArray(child)) items.push({ title, children: readNav(child, `${here}.${title}`, positions, file, problems, navLines) });
    else if (typeof child === 'string') items.push(target(title, child, `${here}.${title}`));
    else problems.push({ severity: 'error', file, line: line(here), message: `nav entry "${title}" must name a page or a list` });
  });
  return items;

  function target(title: string | undefined, ref: string, p: string): NavItem {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      const safe = /^https?:/i.test(ref);
      if (!safe) problems.push({ severity: 'warning', file, line: line(p), message: `nav link "${ref}" is not http(s); left out` });
      return safe ? { title: title ?? ref, url: ref } : { title: title ?? ref };
    }
    const page = insideRepository(ref);
    if (page === undefined) {
      problems.push({ severity: 'error', file, line: line(p), message: `nav entry "${ref}" leaves the docs folder; refused` });
      return { title: title ?? ref };
    }
    navLines[page] = line(p);
    return { title: title ?? '', page };
  }
}
