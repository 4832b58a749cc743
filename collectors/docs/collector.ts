// The docs collector: follows each entity's backstage.io/techdocs-ref to its docs (mkdocs.yml or a
// folder), reads the default branch and the newest release tags, and writes one DocsRecord per
// entity plus content-addressed images under src/content/generated/docs/. Runs after `catalog`.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Collector, CollectorContext } from '../types.ts';
import type { EntityRecord } from '../../lib/content/records.ts';
import { DOCS_DEFAULTS, type DocsConfig } from './config.ts';
import type { DocsProblem, DocsRecord, DocsVersion } from '../../lib/docs/records.ts';
import { DOCS_ASSETS_DIR, DOCS_ENTITIES_DIR } from '../../lib/docs/records.ts';
import { entityRecordPath } from '../catalog/content-store.ts';
import { currentBranch, gitTopLevel, lastCommits, releaseTags } from './git-history.ts';
import { editBase, readDocsSite } from './site.ts';
import { folderTree, gitRefTree, insideRepository, type RepositoryTree } from './tree.ts';
import type { RequestCounters } from '../github/client.ts';
import type { RepositoryFacts } from '../github/facts.ts';
import type { Octokit } from 'octokit';

/** What reading docs through GitHub needs: one client for the run, the catalog's repository facts. */
export interface GithubDocsContext {
  octokit: Octokit;
  counters: RequestCounters;
  /** `<content>/github/repositories/`: the facts the catalog's run wrote (pushed_at, default branch). */
  factsDir: string;
  cacheDir: string;
  /** Repositories whose docs were read this run / taken unchanged from the cache. */
  read: number;
  unchanged: number;
}

async function readGithubEntityDocs(record: EntityRecord, location: { repository?: string; dir: string }, options: { config: DocsConfig; assets: Assets; collectedAt: string; github: GithubDocsContext }): Promise<DocsRecord> {
  const [owner, ownName] = record.repository!.split('/');
  const name = location.repository ?? ownName;
  const fail = (message: string): DocsRecord => ({ ref: record.ref, versions: [], problems: [{ severity: 'error', file: record.source.file, line: record.source.line, message }], collectedAt: options.collectedAt });
  let facts: RepositoryFacts;
  try {
    facts = JSON.parse(await readFile(path.join(options.github.factsDir, `${name}.json`), 'utf8')) as RepositoryFacts;
  } catch {
    return fail(`${TECHDOCS_REF}: repository "${name}" was not read by the catalog (not in the organisation, or filtered out)`);
  }
  // dir: is relative to the descriptor's folder in its repository (from its blob URL).
  const descriptorPath = /\/blob\/[^/]+\/(.*)$/.exec(record.source.file)?.[1] ?? '';
  const base = location.repository ? '' : path.posix.dirname(descriptorPath).replace(/^\.$/, '');
  const dir = insideRepository(base ? `${base}/${location.dir}` : location.dir);
  if (dir === undefined) return fail(`${TECHDOCS_REF}: "${location.dir}" leaves the repository; refused`);
  // Loaded when a GitHub repository is read: a local run (and `docs preview`) never loads octokit.
  const { collectGithubDocs } = await import('./github-docs.ts');
  const { record: docs, requests, unchanged } = await collectGithubDocs({
    ref: record.ref, owner, repo: name, dir: dir || '.', defaultBranch: facts.defaultBranch, pushedAt: facts.pushedAt, webUrl: facts.url,
    octokit: options.github.octokit, cacheDir: options.github.cacheDir, config: options.config, collectedAt: options.collectedAt, assets: options.assets,
  });
  if (unchanged) options.github.unchanged++;
  else options.github.read++;
  void requests;
  return docs;
}

export const TECHDOCS_REF = 'backstage.io/techdocs-ref';
export const TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';

export function docsConfig(config: { docs?: Partial<DocsConfig> }): DocsConfig {
  return { ...DOCS_DEFAULTS, ...config.docs, versions: { ...DOCS_DEFAULTS.versions, ...config.docs?.versions } };
}

/** Where a techdocs-ref points: a folder of this repository, or of another repository by name. */
export type DocsLocation = { repository?: string; dir: string } | { error: string };

/** Parses `dir:<path>` and `url:https://github.com/<org>/<repo>/tree/<branch>/<path>`. */
export function parseTechdocsRef(value: string): DocsLocation {
  const [scheme, ...rest] = value.split(':');
  const target = rest.join(':').trim();
  if (scheme === 'dir') {
    return { dir: target || '.' };
  }
  if (scheme === 'url') {
    const match = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?(?:\/(?:tree|blob)\/[^/]+(?:\/(.*))?)?\/?$/.exec(target);
    if (!match) return { error: `${TECHDOCS_REF}: "${value}" is not a repository URL like url:https://github.com/<org>/<repo>/tree/main/docs` };
    return { repository: match[2], dir: match[3] ?? '.' };
  }
  return { error: `${TECHDOCS_REF}: "${value}" must start with dir: or url:` };
}

function slugOf(label: string, taken: Set<string>): string {
  let slug = label.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'version';
  while (taken.has(slug)) slug += '-';
  taken.add(slug);
  return slug;
}

interface Assets {
  write(file: string, bytes: Buffer): Promise<void>;
}

/** Reads every version of one entity's docs from a local repository folder. */
export async function collectLocalDocs(options: {
  ref: string;
  repositoryRoot: string;
  dir: string;
  config: DocsConfig;
  assets: Assets;
  collectedAt: string;
  descriptorFile: string;
  /** The repository's web URL when mkdocs.yml has no repo_url (from the entity's annotations). */
  repoUrl?: string;
}): Promise<DocsRecord> {
  const { repositoryRoot, config } = options;
  const problems: DocsProblem[] = [];
  const dir = insideRepository(options.dir);
  if (dir === undefined) {
    problems.push({ severity: 'error', file: options.descriptorFile, line: 1, message: `${TECHDOCS_REF}: "${options.dir}" leaves the repository; refused` });
    return { ref: options.ref, versions: [], problems, collectedAt: options.collectedAt };
  }
  const top = await gitTopLevel(repositoryRoot);
  const ownRepository = top !== undefined && path.resolve(top) === path.resolve(repositoryRoot);
  const branch = top ? await currentBranch(top) : 'main';
  const taken = new Set<string>();
  const versions: DocsVersion[] = [];

  const readVersion = async (tree: RepositoryTree, label: string, isDefault: boolean, gitRef?: string) => {
    const commits = top ? await lastCommits(top, path.join(repositoryRoot, dir), repositoryRoot, gitRef ?? 'HEAD') : new Map();
    const site = await readDocsSite(tree, dir, (repoPath) => commits.get(repoPath));
    const assets: DocsVersion['assets'] = {};
    for (const [rel, asset] of site.assets) {
      await options.assets.write(asset.file, asset.bytes);
      assets[rel] = { file: asset.file, bytes: asset.bytes.length };
    }
    versions.push({
      slug: isDefault ? '' : slugOf(label, taken),
      label: isDefault && !ownRepository ? 'latest' : label,
      isDefault,
      siteName: site.siteName ?? '',
      nav: site.nav,
      pages: site.pages,
      assets,
      problems: site.problems,
      editBase: isDefault ? editBase(site.repoUrl ?? options.repoUrl, site.editUri, site.docsDir, ownRepository ? branch : 'main') : undefined,
      lastUpdatedFrom: top ? `git log ${gitRef ?? branch}` : 'not a git repository',
    });
  };

  await readVersion(folderTree(repositoryRoot), branch, true);
  if (ownRepository) {
    for (const tag of await releaseTags(top!, config.versions.tags, config.versions.last)) {
      await readVersion(gitRefTree(top!, tag), tag, false, tag);
    }
  }
  return { ref: options.ref, versions, problems, collectedAt: options.collectedAt };
}

/**
 * The repository an entity's descriptor lives in, for the local source: the git work tree holding
 * it when that lies inside the catalog's folder, otherwise the descriptor's own folder.
 */
async function localRepositoryRoot(descriptorFolder: string, catalogRoots: string[]): Promise<string> {
  const top = await gitTopLevel(descriptorFolder);
  if (top && catalogRoots.some((root) => path.resolve(top) === root || path.resolve(top).startsWith(root + path.sep))) return path.resolve(top);
  return descriptorFolder;
}

export const docsCollector: Collector = {
  name: 'docs',
  async collect(context: CollectorContext) {
    const { logger, root } = context;
    const config = docsConfig(context.config);
    const records = await context.catalog.entities();
    const staging = `${context.outDir}.writing-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(path.join(staging, DOCS_ASSETS_DIR), { recursive: true });
    const written = new Set<string>();
    const assets: Assets = {
      async write(file, bytes) {
        if (written.has(file)) return;
        written.add(file);
        await writeFile(path.join(staging, DOCS_ASSETS_DIR, file), bytes);
      },
    };
    const catalogRoots = context.config.catalog.locations.map((l) => path.resolve(root, path.dirname(l)));
    let github: GithubDocsContext | undefined;
    let githubUnavailable: string | undefined;
    if (context.config.source === 'github' && context.config.github) {
      // The client every collector shares: authentication, retries, rate-limit waits, redaction.
      const { GithubUnavailable, openGithubApi } = await import('../github/api.ts');
      try {
        const api = await openGithubApi(context);
        github = { octokit: api.octokit, counters: api.counters, factsDir: path.join(path.dirname(context.outDir), 'github', 'repositories'), cacheDir: context.cacheDir, read: 0, unchanged: 0 };
      } catch (error) {
        if (!(error instanceof GithubUnavailable)) throw error;
        githubUnavailable = `GitHub cannot be read: ${error.message}. ${error.fix}`;
      }
    }
    const failures: { item: string; message: string }[] = [];
    let items = 0;
    let pages = 0;
    const collectedAt = context.now.toISOString();
    await logger.time('docs: read', async () => {
      for (const record of records.sort((a, b) => a.ref.localeCompare(b.ref))) {
        const annotations = record.entity.metadata.annotations ?? {};
        const techdocsRef = annotations[TECHDOCS_REF];
        const sharedFrom = annotations[TECHDOCS_ENTITY];
        if (!techdocsRef && !sharedFrom) continue;
        const out = path.join(staging, DOCS_ENTITIES_DIR, entityRecordPath(record).replace(/^entities[/\\]/, ''));
        await mkdir(path.dirname(out), { recursive: true });
        let docs: DocsRecord;
        try {
          // Without GitHub, an entity read from it keeps its last good docs (marked stale) below.
          if (githubUnavailable && record.repository && techdocsRef) throw new Error(githubUnavailable);
          docs = sharedFrom && !techdocsRef ? { ref: record.ref, versions: [], problems: [], collectedAt, sharedFrom: sharedFrom.toLowerCase() } : await readEntityDocs(record, techdocsRef!, { root, config, assets, collectedAt, catalogRoots, github });
        } catch (error) {
          const message = (error as Error).message;
          failures.push({ item: record.ref, message });
          const previous = await readPrevious(context.outDir, record);
          if (!previous) continue;
          docs = { ...previous, stale: { error: message, failedAt: collectedAt, lastSuccessAt: previous.stale?.lastSuccessAt ?? previous.collectedAt } };
          for (const version of docs.versions) for (const asset of Object.values(version.assets)) await copyAsset(context.outDir, staging, asset.file);
        }
        items++;
        pages += docs.versions.reduce((n, v) => n + v.pages.length, 0);
        await writeFile(out, JSON.stringify(docs));
      }
    }, () => `${items} entities with docs, ${pages} pages`);
    await rm(context.outDir, { recursive: true, force: true });
    await rename(staging, context.outDir);
    const githubStats: Record<string, number> = github ? { githubRequests: github.counters.requests, repositoriesRead: github.read, repositoriesUnchanged: github.unchanged } : {};
    return { items, failures, stats: { pages, images: written.size, ...githubStats }, partial: failures.length > 0 };
  },
};

async function readPrevious(outDir: string, record: EntityRecord): Promise<DocsRecord | undefined> {
  try {
    return JSON.parse(await readFile(path.join(outDir, DOCS_ENTITIES_DIR, entityRecordPath(record).replace(/^entities[/\\]/, '')), 'utf8')) as DocsRecord;
  } catch {
    return undefined;
  }
}

async function copyAsset(from: string, to: string, file: string) {
  const source = path.join(from, DOCS_ASSETS_DIR, file);
  if (existsSync(source)) await writeFile(path.join(to, DOCS_ASSETS_DIR, file), await readFile(source));
}

export async function readEntityDocs(
  record: Pick<EntityRecord, 'ref' | 'entity' | 'source' | 'repository'>,
  techdocsRef: string,
  options: { root: string; config: DocsConfig; assets: Assets; collectedAt: string; catalogRoots: string[]; github?: GithubDocsContext },
): Promise<DocsRecord> {
  const location = parseTechdocsRef(techdocsRef);
  const descriptorFile = record.source.file;
  if ('error' in location) return { ref: record.ref, versions: [], problems: [{ severity: 'error', file: descriptorFile, line: record.source.line, message: location.error }], collectedAt: options.collectedAt };
  if (options.github && record.repository) return readGithubEntityDocs(record as EntityRecord, location, options as Required<Pick<typeof options, 'github'>> & typeof options);
  const descriptorFolder = path.resolve(options.root, path.dirname(descriptorFile));
  let repositoryRoot = await localRepositoryRoot(descriptorFolder, options.catalogRoots);
  let dir = path.relative(repositoryRoot, path.resolve(descriptorFolder, location.dir)).split(path.sep).join('/');
  if (location.repository) {
    // A repository of the organisation, found beside this one in the local folder.
    repositoryRoot = path.join(path.dirname(repositoryRoot), location.repository);
    dir = location.dir;
    if (!existsSync(repositoryRoot)) {
      return { ref: record.ref, versions: [], problems: [{ severity: 'error', file: descriptorFile, line: record.source.line, message: `${TECHDOCS_REF}: repository "${location.repository}" is not in the local source` }], collectedAt: options.collectedAt };
    }
  }
  const repoUrl = repositoryUrl(location.repository ? techdocsRef.slice(4) : record.entity.metadata.annotations?.['backstage.io/source-location']?.replace(/^url:/, ''));
  const docs = await collectLocalDocs({ ref: record.ref, repositoryRoot, dir, config: options.config, assets: options.assets, collectedAt: options.collectedAt, descriptorFile, repoUrl });
  // Problems are reported with paths a person can open from the project root.
  const relative = path.relative(options.root, repositoryRoot);
  const shown = (relative.startsWith('..') ? repositoryRoot : relative).split(path.sep).join('/');
  const prefix = (file: string) => (file === descriptorFile ? file : shown ? `${shown}/${file}` : file);
  for (const version of docs.versions) for (const problem of version.problems) problem.file = prefix(problem.file);
  docs.source = shown || '.';
  return docs;
}

/** `https://host/org/repo` from a URL into the repository (`…/tree/main/docs`), for edit links. */
export function repositoryUrl(url: string | undefined): string | undefined {
  return url ? /^(https?:\/\/[^/]+\/[^/]+\/[^/]+?)(?:\.git)?(?:\/|$)/.exec(url.trim())?.[1] : undefined;
}
