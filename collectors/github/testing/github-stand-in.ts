// A stand-in for GitHub's REST API on 127.0.0.1, so the GitHub source is tested against real
// response shapes (recordings/, copied from @octokit/openapi and @octokit/fixtures) without the
// network: an organisation of generated repositories, Link pagination, ETags and 304s, rate-limit
// headers, injectable faults, and a log of every request for tests to count.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const recordings = path.join(import.meta.dirname, 'recordings');
const readRecording = (name: string) => JSON.parse(readFileSync(path.join(recordings, name), 'utf8')) as Record<string, unknown>;
const examples = readRecording('openapi-examples.json') as {
  repository: Record<string, unknown>;
  contentFile: Record<string, unknown>;
  languages: Record<string, number>;
  pullRequest: Record<string, unknown>;
};
const recordedHeaders = (readRecording('fixtures-headers.json') as { jsonHeaders: Record<string, string> }).jsonHeaders;
const errors = readRecording('errors.json') as Record<string, { status: number; body: Record<string, unknown> }>;

/** One repository of the stand-in organisation. Everything but the name has a default. */
export interface StandInRepository {
  name: string;
  description?: string | null;
  topics?: string[];
  archived?: boolean;
  fork?: boolean;
  visibility?: 'public' | 'private' | 'internal';
  defaultBranch?: string;
  /** ISO time of the last push; changing it is how a test says "this repository changed". */
  pushedAt?: string;
  languages?: Record<string, number>;
  openPullRequests?: number;
  /** Files on the default branch: path → text. */
  files?: Record<string, string>;
}

/** A fault injected on the requests whose path (without the API prefix) matches. */
export interface Fault {
  path: string | RegExp;
  /** `server-error`: 500; `secondary-rate-limit`: 403 + retry-after; `primary-rate-limit`: 403 + remaining 0; `slow`: delays the real answer. */
  kind: 'server-error' | 'secondary-rate-limit' | 'primary-rate-limit' | 'slow';
  /** How many matching requests it affects (Infinity for all). */
  times: number;
  /** `slow`: milliseconds before answering. */
  delayMs?: number;
  /** `secondary-rate-limit`: the retry-after header, in seconds. */
  retryAfterSeconds?: number;
  /** `primary-rate-limit`: seconds from now to x-ratelimit-reset. */
  resetInSeconds?: number;
}

/** What the stand-in saw of a request (never the authorization header's value). */
export interface RecordedRequest {
  method: string;
  /** Path and query, without the API prefix. */
  path: string;
  status: number;
  /** Request headers, `authorization` left out. */
  headers: Record<string, string>;
  /** An authorization header was sent (its value is never kept). */
  authenticated: boolean;
  /** When it arrived (ms since the epoch), so tests can measure waits. */
  at: number;
}

export interface StandInOptions {
  org: string;
  repositories: StandInRepository[];
  /** API path prefix: '' like api.github.com, or '/api/v3' like GitHub Enterprise Server. */
  prefix?: string;
  /** Files larger than this come without content (`encoding: "none"`), as GitHub does above 1 MB. */
  largeFileBytes?: number;
}

export interface GithubStandIn {
  /** The octokit `baseUrl`. */
  baseUrl: string;
  /** Where blob URLs of this host start (`http://127.0.0.1:<port>`). */
  webUrl: string;
  requests: RecordedRequest[];
  repositories: Map<string, StandInRepository>;
  addFault(fault: Fault): void;
  /** Changes a repository and moves its push time forward, as a push would. */
  push(name: string, files: Record<string, string | null>): void;
  close(): Promise<void>;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** N repositories named `service-001` …, each with a descriptor, spread over three push times. */
export function generateRepositories(count: number, org: string): StandInRepository[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `service-${String(index + 1).padStart(3, '0')}`;
    return {
      name,
      description: `Service number ${index + 1}`,
      topics: index % 2 === 0 ? ['backend'] : ['frontend'],
      pushedAt: new Date(Date.UTC(2026, 0, 1 + (index % 28))).toISOString().replace('.000Z', 'Z'),
      languages: { TypeScript: 1000 + index, Shell: 10 },
      openPullRequests: index % 4,
      files: {
        'catalog-info.yaml': [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Component',
          'metadata:',
          `  name: ${name}`,
          `  description: Service number ${index + 1}`,
          'spec:',
          '  type: service',
          '  lifecycle: production',
          `  owner: group:default/team-${index % 5}`,
          '',
        ].join('\n'),
        '.github/CODEOWNERS': `* @${org}/team-${index % 5}\n`,
      },
    };
  });
}

export async function startGithubStandIn(options: StandInOptions): Promise<GithubStandIn> {
  const prefix = options.prefix ?? '';
  const repositories = new Map(options.repositories.map((r) => [r.name, structuredClone(r)]));
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const rate = { limit: 5000, used: 0 };
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    const apiPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const pathAndQuery = apiPath + url.search;
    const authenticated = typeof request.headers.authorization === 'string';
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([k]) => k !== 'authorization').map(([k, v]) => [k, String(v)]),
    );
    const record: RecordedRequest = { method: request.method ?? 'GET', path: pathAndQuery, status: 0, headers, authenticated, at: Date.now() };
    requests.push(record);

    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      const text = status === 304 ? '' : JSON.stringify(body);
      if (status !== 304) rate.used += 1;
      const limit = authenticated ? rate.limit : 60;
      response.writeHead(status, {
        ...pick(recordedHeaders, ['access-control-expose-headers', 'cache-control', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'x-github-media-type']),
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': `0000:${requests.length}`,
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - rate.used)),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-used': String(rate.used),
        'x-ratelimit-resource': 'core',
        ...extra,
      });
      response.end(text);
    };

    const fault = faults.find((f) => f.times > 0 && (typeof f.path === 'string' ? f.path === apiPath : f.path.test(apiPath)));
    if (fault) {
      fault.times -= 1;
      if (fault.kind === 'server-error') return send(500, errors.serverError!.body);
      if (fault.kind === 'secondary-rate-limit') {
        return send(403, errors.secondaryRateLimit!.body, { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
      }
      if (fault.kind === 'primary-rate-limit') {
        record.status = 403;
        const reset = Math.floor(Date.now() / 1000) + (fault.resetInSeconds ?? 1);
        response.writeHead(403, {
          'content-type': 'application/json; charset=utf-8',
          'x-ratelimit-limit': String(rate.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-used': String(rate.limit),
          'x-ratelimit-resource': 'core',
        });
        return response.end(JSON.stringify(errors.primaryRateLimit!.body));
      }
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
      if (response.destroyed || request.destroyed) return;
    }

    const answer = route(request.method ?? 'GET', apiPath, url.searchParams);
    if (!answer) return send(errors.notFound!.status, errors.notFound!.body);
    if (answer.raw !== undefined && /vnd\.github\.raw/.test(String(request.headers.accept))) {
      record.status = 200;
      rate.used += 1;
      response.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8', 'x-github-media-type': 'github.v3; param=raw', 'x-ratelimit-remaining': String(rate.limit - rate.used) });
      return response.end(answer.raw);
    }
    const etag = `W/"${sha1(JSON.stringify(answer.body))}"`;
    const link: Record<string, string> = answer.link ? { link: answer.link } : {};
    if (request.headers['if-none-match'] === etag) return send(304, null, { etag, ...link });
    return send(200, answer.body, { etag, ...link });
  }

  function route(method: string, apiPath: string, query: URLSearchParams): { body: unknown; link?: string; raw?: string } | null {
    if (method !== 'GET') return null;
    const parts = apiPath.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'orgs' && parts[1] === options.org && parts[2] === 'repos' && parts.length === 3) {
      return paginate([...repositories.values()].map(repositoryBody), apiPath, query);
    }
    if (parts[0] !== 'repos' || parts[1] !== options.org) return null;
    const repository = repositories.get(parts[2] ?? '');
    if (!repository) return null;
    const rest = parts.slice(3);
    if (rest.length === 0) return { body: repositoryBody(repository) };
    if (rest[0] === 'languages' && rest.length === 1) return { body: repository.languages ?? examples.languages };
    if (rest[0] === 'pulls' && rest.length === 1) {
      const state = query.get('state') ?? 'open';
      const count = state === 'closed' ? 0 : (repository.openPullRequests ?? 0);
      const pulls = Array.from({ length: count }, (_, i) => pullBody(repository, count - i));
      return paginate(pulls, apiPath, query);
    }
    if (rest[0] === 'contents') {
      const ref = query.get('ref');
      if (ref && ref !== branchOf(repository)) return null;
      return contentsBody(repository, rest.slice(1).join('/'));
    }
    return null;
  }

  function paginate(items: unknown[], apiPath: string, query: URLSearchParams) {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const pageUrl = (n: number) => {
      const q = new URLSearchParams(query);
      q.set('per_page', String(perPage));
      q.set('page', String(n));
      return `<${origin}${prefix}${apiPath}?${q}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${pageUrl(page - 1)}; rel="prev"`);
    if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
    if (page > 1) links.push(`${pageUrl(1)}; rel="first"`);
    return { body: items.slice((page - 1) * perPage, page * perPage), link: links.length ? links.join(', ') : undefined };
  }

  const branchOf = (repository: StandInRepository) => repository.defaultBranch ?? 'main';

  const repositoryBodies = new Map<string, { version: string; body: unknown }>();
  const ids = new Map<string, number>();
  /** The recorded repository, renamed into this organisation and host (memoised: lists are read often). */
  function repositoryBody(repository: StandInRepository) {
    const version = JSON.stringify(repository);
    const memo = repositoryBodies.get(repository.name);
    if (memo?.version === version) return memo.body;
    const body = buildRepositoryBody(repository);
    repositoryBodies.set(repository.name, { version, body });
    return body;
  }

  function buildRepositoryBody(repository: StandInRepository) {
    const text = JSON.stringify(examples.repository)
      .replaceAll('https://api.github.com', origin + prefix)
      .replaceAll('https://github.com', origin)
      .replaceAll('octocat/Hello-World', `${options.org}/${repository.name}`)
      .replaceAll('/users/octocat', `/users/${options.org}`);
    const body = JSON.parse(text) as Record<string, unknown>;
    if (!ids.has(repository.name)) ids.set(repository.name, 1000 + ids.size);
    const id = ids.get(repository.name)!;
    return {
      ...body,
      id,
      node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
      name: repository.name,
      full_name: `${options.org}/${repository.name}`,
      owner: { ...(body.owner as object), login: options.org, type: 'Organization', html_url: `${origin}/${options.org}` },
      description: repository.description ?? null,
      fork: repository.fork ?? false,
      archived: repository.archived ?? false,
      topics: repository.topics ?? [],
      visibility: repository.visibility ?? 'internal',
      private: (repository.visibility ?? 'internal') !== 'public',
      default_branch: branchOf(repository),
      pushed_at: repository.pushedAt ?? '2026-01-01T00:00:00Z',
      open_issues_count: repository.openPullRequests ?? 0,
    };
  }

  function pullBody(repository: StandInRepository, number: number) {
    const text = JSON.stringify(examples.pullRequest)
      .replaceAll('https://api.github.com', origin + prefix)
      .replaceAll('https://github.com', origin)
      .replaceAll('octocat/Hello-World', `${options.org}/${repository.name}`);
    return { ...(JSON.parse(text) as object), number, id: number, state: 'open' };
  }

  function contentsBody(repository: StandInRepository, filePath: string): { body: unknown; raw?: string } | null {
    const files = repository.files ?? {};
    const ref = branchOf(repository);
    const text = files[filePath];
    const base = `${origin}${prefix}/repos/${options.org}/${repository.name}/contents`;
    const html = `${origin}/${options.org}/${repository.name}/blob/${ref}`;
    const entry = (p: string, type: 'file' | 'dir', content?: string) => {
      const sha = sha1(content ?? p);
      return {
        type,
        size: content === undefined ? 0 : Buffer.byteLength(content),
        name: p.split('/').pop(),
        path: p,
        sha,
        url: `${base}/${p}?ref=${ref}`,
        git_url: `${origin}${prefix}/repos/${options.org}/${repository.name}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`,
        html_url: `${html}/${p}`,
        download_url: type === 'dir' ? null : `${origin}/raw/${options.org}/${repository.name}/${ref}/${p}`,
        _links: { self: `${base}/${p}?ref=${ref}`, git: `${origin}/git/${sha}`, html: `${html}/${p}` },
      };
    };
    if (text !== undefined) {
      // Recorded shape (content-file example); content wrapped at 60 characters as GitHub does.
      if (Buffer.byteLength(text) > (options.largeFileBytes ?? 1024 * 1024)) {
        return { body: { ...examples.contentFile, ...entry(filePath, 'file', text), encoding: 'none', content: '' }, raw: text };
      }
      const content = Buffer.from(text).toString('base64').replace(/(.{60})/g, '$1\n') + '\n';
      return { body: { ...examples.contentFile, ...entry(filePath, 'file', text), encoding: 'base64', content }, raw: text };
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
    return { body: [...children].map(([p, type]) => entry(p, type, type === 'file' ? files[p] : undefined)) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: origin + prefix,
    webUrl: origin,
    requests,
    repositories,
    addFault: (fault) => faults.push({ ...fault }),
    push(name, changes) {
      const repository = repositories.get(name);
      if (!repository) throw new Error(`no repository ${name}`);
      const files = { ...(repository.files ?? {}) };
      for (const [p, text] of Object.entries(changes)) {
        if (text === null) delete files[p];
        else files[p] = text;
      }
      repository.files = files;
      const previous = Date.parse(repository.pushedAt ?? '2026-01-01T00:00:00Z');
      repository.pushedAt = new Date(Math.max(Date.now(), previous + 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function pick(source: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, String(source[k])]));
}
