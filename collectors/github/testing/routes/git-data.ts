// The stand-in's Git database endpoints the docs collector reads: a recursive tree of the default
// branch and blobs by SHA (git's own blob hashing, so a changed file gets a new SHA and an unchanged
// one keeps it). Shapes from GitHub's OpenAPI examples `git-tree-response-recursively-retrieving-a-tree`
// and `blob`, copied into recordings/git-data.json with:
//   node -e "const ex=require('./node_modules/@octokit/openapi/generated/api.github.com.json').components.examples; console.log(JSON.stringify({ tree: ex['git-tree-response-recursively-retrieving-a-tree'].value, blob: ex.blob.value }, null, 2))"
// A repository's symbolic links are `extra['git-symlinks']` (path → target), listed with mode 120000.
// Its tags are `extra['git-tags']` (name → the files at that tag), listed by `GET …/tags` (shape of the
// `tag-items` example) with a commit SHA derived from the tag's files; that SHA reads the tag's tree.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StandInRepository } from '../github-stand-in.ts';
import { branchOf, fileBytes } from './repositories.ts';
import type { Route, StandInWorld } from './route.ts';

const recorded = JSON.parse(readFileSync(path.join(import.meta.dirname, '../recordings/git-data.json'), 'utf8')) as {
  tree: { tree: Record<string, unknown>[] };
  blob: Record<string, unknown>;
  tag: Record<string, unknown>;
};

/** A tag of a stand-in repository: the files (path → text) at that tag. */
export interface StandInTag {
  files: Record<string, string>;
  binaryFiles?: Record<string, Uint8Array>;
}

function tagsOf(repository: StandInRepository): [string, StandInTag][] {
  return Object.entries((repository.extra?.['git-tags'] as Record<string, StandInTag> | undefined) ?? {});
}

/** The commit a tag points at: derived from its name and files, so a moved tag gets a new SHA. */
export function tagCommitSha(name: string, tag: StandInTag): string {
  const files = Object.entries({ ...tag.files, ...tag.binaryFiles }).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha1').update(`commit ${name}\n${files.map(([p, t]) => `${p}:${gitBlobSha(Buffer.from(t))}`).join('\n')}`).digest('hex');
}

/** The repository as of one tag: its files, nothing else. */
function atTag(repository: StandInRepository, tag: StandInTag): StandInRepository {
  return { name: repository.name, files: tag.files, binaryFiles: tag.binaryFiles };
}

/** Git's blob id: sha1 of `blob <size>\0<bytes>`. */
export function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function symlinks(repository: StandInRepository): Record<string, string> {
  return (repository.extra?.['git-symlinks'] as Record<string, string> | undefined) ?? {};
}

function blobs(repository: StandInRepository): Map<string, { path: string; bytes: Buffer; mode: string }> {
  const out = new Map<string, { path: string; bytes: Buffer; mode: string }>();
  const paths = new Set([...Object.keys(repository.files ?? {}), ...Object.keys(repository.binaryFiles ?? {})]);
  for (const p of [...paths].sort()) {
    const bytes = fileBytes(repository, p)!;
    out.set(p, { path: p, bytes, mode: '100644' });
  }
  for (const [p, target] of Object.entries(symlinks(repository))) out.set(p, { path: p, bytes: Buffer.from(target), mode: '120000' });
  return out;
}

function treeBody(world: StandInWorld, repository: StandInRepository) {
  const api = `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/git`;
  const entries: Record<string, unknown>[] = [];
  const folders = new Set<string>();
  const example = recorded.tree.tree.find((e) => e.type === 'blob')!;
  for (const blob of blobs(repository).values()) {
    const parts = blob.path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    const sha = gitBlobSha(blob.bytes);
    entries.push({ ...example, path: blob.path, mode: blob.mode, type: 'blob', sha, size: blob.bytes.length, url: `${api}/blobs/${sha}` });
  }
  for (const folder of folders) {
    const sha = createHash('sha1').update(`tree ${folder}`).digest('hex');
    entries.push({ path: folder, mode: '040000', type: 'tree', sha, url: `${api}/trees/${sha}` });
  }
  entries.sort((a, b) => String(a.path).localeCompare(String(b.path)));
  const sha = createHash('sha1').update(entries.map((e) => `${e.path}:${e.sha}`).join('\n')).digest('hex');
  return { ...recorded.tree, sha, url: `${api}/trees/${sha}`, tree: entries, truncated: false };
}

export const gitDataRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/trees/:ref',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      if (request.params.ref === branchOf(repository)) return { body: treeBody(world, repository) };
      const tag = tagsOf(repository).find(([name, t]) => request.params.ref === tagCommitSha(name, t) || request.params.ref === name);
      return tag ? { body: treeBody(world, atTag(repository, tag[1])) } : null;
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/blobs/:sha',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const snapshots = [repository, ...tagsOf(repository).map(([, t]) => atTag(repository, t))];
      const blob = snapshots.flatMap((r) => [...blobs(r).values()]).find((b) => gitBlobSha(b.bytes) === request.params.sha);
      if (!blob) return null;
      const url = `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/git/blobs/${request.params.sha}`;
      return { body: { ...recorded.blob, content: blob.bytes.toString('base64'), encoding: 'base64', url, sha: request.params.sha, size: blob.bytes.length, node_id: Buffer.from(`Blob${request.params.sha}`).toString('base64') } };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/tags',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const perPage = Math.min(100, Number(request.query.get('per_page') ?? 30) || 30);
      const page = Math.max(1, Number(request.query.get('page') ?? 1) || 1);
      const all = tagsOf(repository);
      const web = `https://github.com/${world.org}/${repository.name}`;
      const body = all.slice((page - 1) * perPage, page * perPage).map(([name, tag]) => {
        const sha = tagCommitSha(name, tag);
        return { ...recorded.tag, name, commit: { sha, url: `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/commits/${sha}` }, zipball_url: `${web}/zipball/${name}`, tarball_url: `${web}/tarball/${name}`, node_id: Buffer.from(`Tag${name}`).toString('base64') };
      });
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = page < last ? `<${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/tags?per_page=${perPage}&page=${page + 1}>; rel="next"` : undefined;
      return { body, ...(link ? { headers: { link } } : {}) };
    },
  },
];
