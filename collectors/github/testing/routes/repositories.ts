// The stand-in's repository endpoints the catalog source reads: the organisation's repository list,
// one repository, its languages, open pull requests and file contents (real shapes from recordings/).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StandInRepository } from '../github-stand-in.ts';
import type { Route, RouteAnswer, StandInWorld } from './route.ts';

const examples = JSON.parse(readFileSync(path.join(import.meta.dirname, '../recordings/openapi-examples.json'), 'utf8')) as {
  contentFile: Record<string, unknown>;
  languages: Record<string, number>;
  pullRequest: Record<string, unknown>;
};

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
export const branchOf = (repository: StandInRepository) => repository.defaultBranch ?? 'main';

export const repositoryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/orgs/:org/repos',
    handle: (request, world) =>
      request.params.org === world.org ? world.paginate([...world.repositories.values()].map(world.repositoryBody), request) : null,
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      return repository ? { body: world.repositoryBody(repository) } : null;
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/languages',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      return repository ? { body: repository.languages ?? examples.languages } : null;
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/pulls',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const state = request.query.get('state') ?? 'open';
      const count = state === 'closed' ? 0 : (repository.openPullRequests ?? 0);
      return world.paginate(Array.from({ length: count }, (_, i) => pullBody(world, repository, count - i)), request);
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/contents/*path',
    handle: (request, world) => {
      const repository = world.repository(request.params);
      if (!repository) return null;
      const ref = request.query.get('ref');
      if (ref && ref !== branchOf(repository)) return null;
      return contentsAnswer(world, repository, request.params.path ?? '');
    },
  },
];

function pullBody(world: StandInWorld, repository: StandInRepository, number: number) {
  const text = JSON.stringify(examples.pullRequest)
    .replaceAll('https://api.github.com', world.origin + world.prefix)
    .replaceAll('https://github.com', world.origin)
    .replaceAll('octocat/Hello-World', `${world.org}/${repository.name}`);
  return { ...(JSON.parse(text) as object), number, id: number, state: 'open' };
}

/** A file's bytes: `binaryFiles` (bytes that are not UTF-8 text) before `files`. */
export function fileBytes(repository: StandInRepository, filePath: string): Buffer | undefined {
  const binary = repository.binaryFiles?.[filePath];
  if (binary !== undefined) return Buffer.from(binary);
  const text = repository.files?.[filePath];
  return text === undefined ? undefined : Buffer.from(text);
}

function contentsAnswer(world: StandInWorld, repository: StandInRepository, filePath: string): RouteAnswer | null {
  const files = { ...repository.files, ...repository.binaryFiles };
  const ref = branchOf(repository);
  const bytes = fileBytes(repository, filePath);
  const { origin, prefix, org } = world;
  const base = `${origin}${prefix}/repos/${org}/${repository.name}/contents`;
  const html = `${origin}/${org}/${repository.name}/blob/${ref}`;
  const entry = (p: string, type: 'file' | 'dir', bytes?: Buffer) => {
    const sha = bytes === undefined ? sha1(p) : createHash('sha1').update(bytes).digest('hex');
    return {
      type,
      size: bytes === undefined ? 0 : bytes.length,
      name: p.split('/').pop(),
      path: p,
      sha,
      url: `${base}/${p}?ref=${ref}`,
      git_url: `${origin}${prefix}/repos/${org}/${repository.name}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`,
      html_url: `${html}/${p}`,
      download_url: type === 'dir' ? null : `${origin}/raw/${org}/${repository.name}/${ref}/${p}`,
      _links: { self: `${base}/${p}?ref=${ref}`, git: `${origin}/git/${sha}`, html: `${html}/${p}` },
    };
  };
  if (bytes !== undefined) {
    // Recorded shape (content-file example); content wrapped at 60 characters as GitHub does.
    if (bytes.length > (world.options.largeFileBytes ?? 1024 * 1024)) {
      return { body: { ...examples.contentFile, ...entry(filePath, 'file', bytes), encoding: 'none', content: '' }, raw: bytes };
    }
    const encoded = bytes.toString('base64').replace(/(.{60})/g, '$1\n') + '\n';
    return { body: { ...examples.contentFile, ...entry(filePath, 'file', bytes), encoding: 'base64', content: encoded }, raw: bytes };
  }
  const dir = filePath.replace(/\/$/, '');
  const children = new Map<string, 'file' | 'dir'>();
  for (const p of Object.keys(files)) {
    if (dir && !p.startsWith(dir + '/')) continue;
    const rest = dir ? p.slice(dir.length + 1) : p;
    const [head, ...tail] = rest.split('/');
    children.set(dir ? `${dir}/${head}` : head!, tail.length ? 'dir' : 'file');
  }
  if (children.size === 0) return null;
  return { body: [...children].map(([p, type]) => entry(p, type, type === 'file' ? fileBytes(repository, p) : undefined)) };
}
