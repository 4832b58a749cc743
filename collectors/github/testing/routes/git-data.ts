// The stand-in's Git database endpoints the docs collector reads: a recursive tree of the default
// branch and blobs by SHA (git's own blob hashing, so a changed file gets a new SHA and an unchanged
// one keeps it). Shapes from GitHub's OpenAPI examples `git-tree-response-recursively-retrieving-a-tree`
// and `blob`, copied into recordings/git-data.json with:
//   node -e "const ex=require('./node_modules/@octokit/openapi/generated/api.github.com.json').components.examples; console.log(JSON.stringify({ tree: ex['git-tree-response-recursively-retrieving-a-tree'].value, blob: ex.blob.value }, null, 2))"
// A repository's symbolic links are `extra['git-symlinks']` (path → target), listed with mode 120000.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StandInRepository } from '../github-stand-in.ts';
import { branchOf, fileBytes } from './repositories.ts';
import type { Route, StandInWorld } from './route.ts';

const recorded = JSON.parse(readFileSync(path.join(import.meta.dirname, '../recordings/git-data.json'), 'utf8')) as {
  tree: { tree: Record<string, unknown>[] };
  blob: Record<string, unknown>;
};

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
      if (!repository || request.params.ref !== branchOf(repository)) return null;
      return { body: treeBody(world, repository) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/blobs/:sha',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const blob = [...blobs(repository).values()].find((b) => gitBlobSha(b.bytes) === request.params.sha);
      if (!blob) return null;
      const url = `${world.origin}${world.prefix}/repos/${world.org}/${repository.name}/git/blobs/${request.params.sha}`;
      return { body: { ...recorded.blob, content: blob.bytes.toString('base64'), encoding: 'base64', url, sha: request.params.sha, size: blob.bytes.length, node_id: Buffer.from(`Blob${request.params.sha}`).toString('base64') } };
    },
  },
];
