// Docs of a repository read through the GitHub API, incrementally: an unchanged repository (its
// `pushed_at`, which the catalog's run already fetched, equals the one of our last read) costs no
// request at all; a changed one costs one recursive tree listing plus one blob request per docs
// file whose git SHA changed. Everything else comes from the cache folder. Release tags matching
// `docs.versions` are versions too: a changed repository costs one tag listing more, and each tag
// not read before its tree listing plus the blobs no earlier read fetched (a tag whose commit is
// unchanged costs nothing).
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Octokit } from 'octokit';
import type { DocsConfig } from './config.ts';
import type { DocsPage, DocsRecord, DocsVersion } from '../../lib/docs/records.ts';
import { editBase, readDocsSite } from './site.ts';
import { insideRepository, type RepositoryTree } from './tree.ts';

interface CachedFile {
  sha: string;
  /** Where the bytes are kept: `blobs/<sha>` under the cache folder. */
  stored: boolean;
  /** When the file was first seen with this SHA: the push that brought it. */
  since: string;
}

interface CachedRepository {
  pushedAt: string;
  dir: string;
  /** `docs.versions` the record was read with: other settings read the tags again. */
  versions?: string;
  files: Record<string, CachedFile>;
  record: DocsRecord;
  /** Release tags read: the commit each pointed at, and the version read from it. */
  tags?: Record<string, { commit: string; version: DocsVersion }>;
}

type TreeEntries = Map<string, { sha: string; size: number; mode: string }>;

export interface GithubDocsOptions {
  ref: string;
  owner: string;
  repo: string;
  dir: string;
  defaultBranch: string;
  pushedAt: string;
  /** The repository's web page, for edit links when mkdocs.yml has no repo_url. */
  webUrl: string;
  octokit: Octokit;
  cacheDir: string;
  config: DocsConfig;
  collectedAt: string;
  assets: { write(file: string, bytes: Buffer): Promise<void> };
}

const cacheFile = (options: GithubDocsOptions) => path.join(options.cacheDir, 'github', `${encodeURIComponent(options.owner)}__${encodeURIComponent(options.repo)}.json`);
const blobFile = (cacheDir: string, sha: string) => path.join(cacheDir, 'github', 'blobs', sha);

async function loadCached(options: GithubDocsOptions): Promise<CachedRepository | undefined> {
  try {
    return JSON.parse(await readFile(cacheFile(options), 'utf8')) as CachedRepository;
  } catch {
    return undefined;
  }
}

/** Reads the default branch's docs of one repository; `requests` counts what it cost. */
export async function collectGithubDocs(options: GithubDocsOptions): Promise<{ record: DocsRecord; requests: number; unchanged: boolean }> {
  const cached = await loadCached(options);
  const { octokit, owner, repo } = options;
  let requests = 0;
  const versionsKey = `${options.config.versions.tags}\u0000${options.config.versions.last}`;
  if (cached && cached.pushedAt === options.pushedAt && cached.dir === options.dir && (cached.versions ?? versionsKey) === versionsKey) {
    await writeAssets(options, cached.record);
    return { record: { ...cached.record, collectedAt: options.collectedAt }, requests: 0, unchanged: true };
  }
  requests++;
  const entries = await treeEntries(options, options.defaultBranch);
  const files: Record<string, CachedFile> = {};
  await mkdir(path.join(options.cacheDir, 'github', 'blobs'), { recursive: true });

  const source: RepositoryTree = {
    list: listOf(entries),
    async read(file) {
      const rel = insideRepository(file);
      const entry = rel === undefined ? undefined : entries.get(rel);
      if (!entry || entry.mode === '120000') return undefined;
      const previous = cached?.files[rel!];
      files[rel!] = { sha: entry.sha, stored: true, since: previous?.sha === entry.sha ? previous.since : options.pushedAt };
      const stored = blobFile(options.cacheDir, entry.sha);
      if (previous?.sha === entry.sha && existsSync(stored)) return readFile(stored);
      requests++;
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner, repo, file_sha: entry.sha });
      const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
      await writeFile(stored, bytes);
      return bytes;
    },
  };

  const lastUpdated = (repoPath: string): DocsPage['lastUpdated'] => {
    const at = files[repoPath]?.since;
    return at ? { at } : undefined;
  };
  const site = await readDocsSite(source, options.dir === '.' ? '' : options.dir, lastUpdated);
  // Pages' dates are known only once each page was read; readDocsSite asked before, so fill them in.
  for (const page of site.pages) page.lastUpdated = lastUpdated(page.repoPath);
  const assets: DocsRecord['versions'][number]['assets'] = {};
  for (const [rel, asset] of site.assets) {
    await options.assets.write(asset.file, asset.bytes);
    await writeFile(path.join(options.cacheDir, 'github', 'blobs', asset.file), asset.bytes);
    assets[rel] = { file: asset.file, bytes: asset.bytes.length };
  }
  const record: DocsRecord = {
    ref: options.ref,
    source: `${options.webUrl}`,
    versions: [{
      slug: '',
      label: options.defaultBranch,
      isDefault: true,
      siteName: site.siteName ?? '',
      nav: site.nav,
      pages: site.pages,
      assets,
      problems: site.problems,
      editBase: editBase(site.repoUrl ?? options.webUrl, site.editUri, site.docsDir, options.defaultBranch),
      lastUpdatedFrom: 'GitHub: the push in which the file last changed, as seen by the collector (first read: the repository\'s last push)',
    }],
    problems: [],
    collectedAt: options.collectedAt,
  };
  const tags: NonNullable<CachedRepository['tags']> = {};
  if (options.config.versions.last > 0) {
    const taken = new Set<string>(['']);
    const listed = await releaseTagsOf(options);
    requests += listed.requests;
    for (const { name, commit } of listed.tags) {
      const known = cached?.tags?.[name];
      if (known && known.commit === commit && cached?.dir === options.dir) {
        taken.add(known.version.slug);
        tags[name] = known;
        record.versions.push(known.version);
        continue;
      }
      const read = await readTagVersion(options, name, commit, taken);
      requests += read.requests;
      tags[name] = { commit, version: read.version };
      record.versions.push(read.version);
    }
  }
  const file = cacheFile(options);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify({ pushedAt: options.pushedAt, dir: options.dir, versions: versionsKey, files, record, tags } satisfies CachedRepository));
  await rename(`${file}.tmp`, file);
  return { record, requests, unchanged: false };
}

async function treeEntries(options: GithubDocsOptions, treeSha: string): Promise<TreeEntries> {
  const { data: tree } = await options.octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner: options.owner, repo: options.repo, tree_sha: treeSha, recursive: '1' });
  return new Map(tree.tree.filter((e) => e.type === 'blob' && e.path && e.sha).map((e) => [e.path!, { sha: e.sha!, size: e.size ?? 0, mode: e.mode ?? '100644' }]));
}

function listOf(entries: TreeEntries): RepositoryTree['list'] {
  return async (dir) => {
    const prefix = dir ? `${dir}/` : '';
    const listed = [...entries].filter(([p]) => p.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
    return {
      files: listed.filter(([, e]) => e.mode !== '120000').map(([p, e]) => ({ path: p, bytes: e.size })),
      // GitHub cannot tell where a link points without reading it; links are not followed.
      refused: listed.filter(([, e]) => e.mode === '120000').map(([p]) => ({ path: p, reason: 'a symbolic link (not followed through GitHub)' })),
    };
  };
}

/** git's tag glob (`v*`, `release-?.*`) as a regular expression: `*` and `?` are wildcards, nothing else is. */
export function tagPattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&'))).join('')}$`);
}

/**
 * The newest `last` tags matching the pattern, newest version first (`git tag --sort=-v:refname`
 * through the API, which lists tags without dates), and the requests the listing took.
 */
async function releaseTagsOf(options: GithubDocsOptions): Promise<{ tags: { name: string; commit: string }[]; requests: number }> {
  const matches = tagPattern(options.config.versions.tags);
  const all: { name: string; commit: string }[] = [];
  let requests = 0;
  for (let page = 1; ; page++) {
    requests++;
    const { data } = await options.octokit.request('GET /repos/{owner}/{repo}/tags', { owner: options.owner, repo: options.repo, per_page: 100, page });
    for (const tag of data) if (matches.test(tag.name)) all.push({ name: tag.name, commit: tag.commit.sha });
    if (data.length < 100) break;
  }
  all.sort((a, b) => b.name.localeCompare(a.name, 'en', { numeric: true }));
  return { tags: all.slice(0, options.config.versions.last), requests };
}

/** One release tag's docs: its tree listing, and only the blobs the cache does not hold (content-addressed by SHA). */
async function readTagVersion(options: GithubDocsOptions, name: string, commit: string, taken: Set<string>): Promise<{ version: DocsVersion; requests: number }> {
  let requests = 1;
  const entries = await treeEntries(options, commit);
  const source: RepositoryTree = {
    list: listOf(entries),
    async read(file) {
      const rel = insideRepository(file);
      const entry = rel === undefined ? undefined : entries.get(rel);
      if (!entry || entry.mode === '120000') return undefined;
      const stored = blobFile(options.cacheDir, entry.sha);
      if (existsSync(stored)) return readFile(stored);
      requests++;
      const { data } = await options.octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner: options.owner, repo: options.repo, file_sha: entry.sha });
      const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
      await writeFile(stored, bytes);
      return bytes;
    },
  };
  const site = await readDocsSite(source, options.dir === '.' ? '' : options.dir, () => undefined);
  const assets: DocsVersion['assets'] = {};
  for (const [rel, asset] of site.assets) {
    await options.assets.write(asset.file, asset.bytes);
    await writeFile(blobFile(options.cacheDir, asset.file), asset.bytes);
    assets[rel] = { file: asset.file, bytes: asset.bytes.length };
  }
  let slug = name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'version';
  while (taken.has(slug)) slug += '-';
  taken.add(slug);
  return {
    version: {
      slug,
      label: name,
      isDefault: false,
      siteName: site.siteName ?? '',
      nav: site.nav,
      pages: site.pages,
      assets,
      problems: site.problems,
      lastUpdatedFrom: `GitHub: release tag ${name} (per-file dates would cost one request per file)`,
    },
    requests,
  };
}

async function writeAssets(options: GithubDocsOptions, record: DocsRecord) {
  for (const version of record.versions) {
    for (const asset of Object.values(version.assets)) {
      const stored = path.join(options.cacheDir, 'github', 'blobs', asset.file);
      if (existsSync(stored)) await options.assets.write(asset.file, await readFile(stored));
    }
  }
}
