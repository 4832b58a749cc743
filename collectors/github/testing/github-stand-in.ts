// A stand-in for GitHub's API on 127.0.0.1, so the GitHub source is tested against real response
// shapes (recordings/, copied from @octokit/openapi and @octokit/fixtures) without the network: an
// organisation of generated repositories, a route table that each concern extends from its own
// file (routes/), ETags and 304s, Link pagination, rate-limit accounts, injectable faults, and a
// log of every request for tests to count.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { routes as builtInRoutes } from './routes/index.ts';
import { matchRoute } from './routes/route.ts';
import type { RateResource, Route, RouteAnswer, RouteRequest, StandInWorld } from './routes/route.ts';

export type { Route, RouteAnswer, RouteRequest, StandInWorld } from './routes/route.ts';

const recordings = path.join(import.meta.dirname, 'recordings');
const readRecording = (name: string) => JSON.parse(readFileSync(path.join(recordings, name), 'utf8')) as Record<string, unknown>;
const examples = readRecording('openapi-examples.json') as { repository: Record<string, unknown> };
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
  /** Files whose bytes are not UTF-8 text (Latin-1, UTF-16): path → bytes; they win over `files`. */
  binaryFiles?: Record<string, Uint8Array>;
  /** Data of the concerns added in routes/ (Actions runs, deployments …), under the concern's name. */
  extra?: Record<string, unknown>;
}

/** A fault injected on the requests whose path (without the API prefix) matches. */
export interface Fault {
  path: string | RegExp;
  /**
   * `server-error`: 500; `secondary-rate-limit`: 403 + retry-after; `primary-rate-limit`: 403 +
   * remaining 0; `slow`: delays the real answer; `bad-request`: 422 validation failed; `unauthorized`: 401.
   */
  kind: 'server-error' | 'secondary-rate-limit' | 'primary-rate-limit' | 'slow' | 'bad-request' | 'unauthorized';
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
  /** Path and query, without the API prefix (`/graphql` for GraphQL on every host). */
  path: string;
  status: number;
  /** Request headers, `authorization` left out. */
  headers: Record<string, string>;
  /** An authorization header was sent (its value is never kept). */
  authenticated: boolean;
  /** When it arrived (ms since the epoch), so tests can measure waits. */
  at: number;
  /** The JSON body of a POST/PUT/PATCH (a GraphQL query and its variables). */
  body?: unknown;
  /** Rate-limit points the answer cost, and on which account. */
  points: number;
  resource: RateResource;
}

export interface StandInOptions {
  org: string;
  repositories: StandInRepository[];
  /** API path prefix: '' like api.github.com, or '/api/v3' like GitHub Enterprise Server (GraphQL then at /api/graphql). */
  prefix?: string;
  /** Files larger than this come without content (`encoding: "none"`), as GitHub does above 1 MB. */
  largeFileBytes?: number;
  /** When set, a request with another token gets GitHub's 401 "Bad credentials". */
  token?: string;
  /** Points per window of each account (GitHub: 5,000 core and 5,000 GraphQL an hour for a token). */
  rateLimit?: Partial<Record<RateResource, number>>;
  /** Length of a rate-limit window in seconds (default 3600); accounts refill when it ends. */
  rateWindowSeconds?: number;
  /** Routes a test adds for itself, matched before the built-in ones. */
  routes?: Route[];
}

export interface GithubStandIn {
  /** The octokit `baseUrl`. */
  baseUrl: string;
  /** Where blob URLs of this host start (`http://127.0.0.1:<port>`). */
  webUrl: string;
  /** The GraphQL endpoint (`<baseUrl>/graphql`, or `/api/graphql` under an Enterprise prefix). */
  graphqlUrl: string;
  requests: RecordedRequest[];
  repositories: Map<string, StandInRepository>;
  addFault(fault: Fault): void;
  /** Removes every injected fault. */
  clearFaults(): void;
  /** Changes a repository and moves its push time forward, as a push would. */
  push(name: string, files: Record<string, string | null>): void;
  /** A rate-limit account (mutable: a test may spend or refill it). */
  rate(resource: RateResource): { limit: number; used: number; resetAt: number };
  /** Points spent per account since `requests` was last emptied, for tests and the bench. */
  points(): Record<RateResource, number>;
  /** A concern's own state (what its routes keep), for tests to read back. */
  state<T>(key: string, create: () => T): T;
  close(): Promise<void>;
}

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

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export async function startGithubStandIn(options: StandInOptions): Promise<GithubStandIn> {
  const prefix = options.prefix ?? '';
  const repositories = new Map(options.repositories.map((r) => [r.name, structuredClone(r)]));
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const routes = [...(options.routes ?? []), ...builtInRoutes];
  const windowMs = (options.rateWindowSeconds ?? 3600) * 1000;
  const accounts = new Map<RateResource, { limit: number; used: number; resetAt: number }>();
  const concernState = new Map<string, unknown>();
  let origin = '';

  /** The account of a resource, refilled when its window has ended. */
  function rate(resource: RateResource) {
    let account = accounts.get(resource);
    const now = Date.now();
    if (!account) {
      const limit = options.rateLimit?.[resource] ?? (resource === 'search' ? 30 : 5000);
      account = { limit, used: 0, resetAt: now + windowMs };
      accounts.set(resource, account);
    }
    if (now >= account.resetAt) {
      account.used = 0;
      account.resetAt = now + windowMs;
    }
    return account;
  }

  const repositoryBodies = new Map<string, { version: string; body: Record<string, unknown> }>();
  const ids = new Map<string, number>();
  const world: StandInWorld = {
    org: options.org,
    options,
    get origin() {
      return origin;
    },
    prefix,
    repositories,
    repository: (params) => (params.owner === options.org ? repositories.get(params.repo ?? '') : undefined),
    /** Memoised: lists are read often. */
    repositoryBody(repository) {
      const version = JSON.stringify(repository, (_, v: unknown) => (v instanceof Uint8Array ? sha1(Buffer.from(v).toString('base64')) : v));
      const memo = repositoryBodies.get(repository.name);
      if (memo?.version === version) return memo.body;
      const body = buildRepositoryBody(repository);
      repositoryBodies.set(repository.name, { version, body });
      return body;
    },
    paginate,
    state<T>(key: string, create: () => T): T {
      if (!concernState.has(key)) concernState.set(key, create());
      return concernState.get(key) as T;
    },
    rate,
    errors,
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (chunks.length === 0) return undefined;
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    let apiPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    // GitHub Enterprise Server serves REST under /api/v3 and GraphQL at /api/graphql.
    if (prefix === '/api/v3' && url.pathname === '/api/graphql') apiPath = '/graphql';
    const authenticated = typeof request.headers.authorization === 'string';
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([k]) => k !== 'authorization').map(([k, v]) => [k, String(v)]),
    );
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request);
    const matched = routes.map((route) => ({ route, params: route.method === method ? matchRoute(route.path, apiPath) : null })).find((m) => m.params);
    const resource: RateResource = matched?.route.resource ?? 'core';
    const record: RecordedRequest = {
      method,
      path: apiPath + url.search,
      status: 0,
      headers,
      authenticated,
      at: Date.now(),
      ...(body === undefined ? {} : { body }),
      points: 0,
      resource,
    };
    requests.push(record);
    const account = rate(resource);
    const limit = authenticated ? account.limit : Math.min(60, account.limit);

    const send = (status: number, payload: unknown, extra: Record<string, string> = {}, points = status === 304 ? 0 : 1) => {
      record.status = status;
      record.points = points;
      account.used += points;
      const text = status === 304 ? '' : JSON.stringify(payload);
      response.writeHead(status, {
        ...pick(recordedHeaders, ['access-control-expose-headers', 'cache-control', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'x-github-media-type']),
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': `0000:${requests.length}`,
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - account.used)),
        'x-ratelimit-reset': String(Math.ceil(account.resetAt / 1000)),
        'x-ratelimit-used': String(account.used),
        'x-ratelimit-resource': resource,
        ...extra,
      });
      response.end(text);
    };
    const primaryLimit = (resetAtSeconds: number) => {
      record.status = 403;
      response.writeHead(403, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(resetAtSeconds),
        'x-ratelimit-used': String(limit),
        'x-ratelimit-resource': resource,
      });
      response.end(JSON.stringify(errors.primaryRateLimit!.body));
    };

    if (options.token && authenticated && request.headers.authorization!.replace(/^(token|bearer)\s+/i, '') !== options.token) {
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }

    const fault = faults.find((f) => f.times > 0 && (typeof f.path === 'string' ? f.path === apiPath : f.path.test(apiPath)));
    if (fault) {
      fault.times -= 1;
      if (fault.kind === 'server-error') return send(500, errors.serverError!.body);
      if (fault.kind === 'bad-request') {
        return send(422, { message: 'Validation Failed', errors: [{ resource: 'Search', field: 'q', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest', status: '422' });
      }
      if (fault.kind === 'unauthorized') return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      if (fault.kind === 'secondary-rate-limit') {
        return send(403, errors.secondaryRateLimit!.body, { 'retry-after': String(fault.retryAfterSeconds ?? 1) });
      }
      if (fault.kind === 'primary-rate-limit') return primaryLimit(Math.floor(Date.now() / 1000) + (fault.resetInSeconds ?? 1));
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
      if (response.destroyed || request.destroyed) return;
    }

    // The account is spent: GitHub refuses until the window's reset (a 304 would still be free).
    if (resource !== 'graphql' && account.used >= limit && !(request.headers['if-none-match'] && method === 'GET')) return primaryLimit(Math.ceil(account.resetAt / 1000));

    const routeRequest: RouteRequest = {
      method,
      path: apiPath,
      params: matched?.params ?? {},
      query: url.searchParams,
      body,
      headers,
      authenticated,
    };
    const answer: RouteAnswer | null = matched ? await matched.route.handle(routeRequest, world) : null;
    if (!answer) return send(errors.notFound!.status, errors.notFound!.body);
    const points = answer.points ?? 1;
    if (answer.raw !== undefined && /vnd\.github\.raw/.test(String(request.headers.accept))) {
      record.status = answer.status ?? 200;
      record.points = points;
      account.used += points;
      response.writeHead(record.status, {
        'content-type': 'application/vnd.github.raw; charset=utf-8',
        'x-github-media-type': 'github.v3; param=raw',
        'x-ratelimit-remaining': String(Math.max(0, limit - account.used)),
        'x-ratelimit-reset': String(Math.ceil(account.resetAt / 1000)),
        ...answer.headers,
      });
      return response.end(answer.raw);
    }
    const extra: Record<string, string> = { ...(answer.link ? { link: answer.link } : {}), ...answer.headers };
    if (method !== 'GET') return send(answer.status ?? 200, answer.body, extra, points);
    const etag = `W/"${sha1(JSON.stringify(answer.body))}"`;
    if (request.headers['if-none-match'] === etag) return send(304, null, { etag, ...extra }, 0);
    return send(answer.status ?? 200, answer.body, { etag, ...extra }, points);
  }

  function paginate(items: unknown[], request: RouteRequest) {
    const { query } = request;
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const pageUrl = (n: number) => {
      const q = new URLSearchParams(query);
      q.set('per_page', String(perPage));
      q.set('page', String(n));
      return `<${origin}${prefix}${request.path}?${q}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${pageUrl(page - 1)}; rel="prev"`);
    if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(last)}; rel="last"`);
    if (page > 1) links.push(`${pageUrl(1)}; rel="first"`);
    return { body: items.slice((page - 1) * perPage, page * perPage), ...(links.length ? { link: links.join(', ') } : {}) };
  }

  /** The recorded repository, renamed into this organisation and host. */
  function buildRepositoryBody(repository: StandInRepository): Record<string, unknown> {
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
      default_branch: repository.defaultBranch ?? 'main',
      pushed_at: repository.pushedAt ?? '2026-01-01T00:00:00Z',
      open_issues_count: repository.openPullRequests ?? 0,
    };
  }

  for (const route of routes) route.prepare?.();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: origin + prefix,
    webUrl: origin,
    graphqlUrl: prefix === '/api/v3' ? `${origin}/api/graphql` : `${origin}${prefix}/graphql`,
    requests,
    repositories,
    addFault: (fault) => faults.push({ ...fault }),
    clearFaults: () => void faults.splice(0),
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
    rate,
    points() {
      const spent: Record<RateResource, number> = { core: 0, graphql: 0, search: 0 };
      for (const r of requests) spent[r.resource] += r.points;
      return spent;
    },
    state: (key, create) => world.state(key, create),
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
