// The contract between the stand-in's core and the files that add endpoints to it, so each concern
// (repositories, GraphQL, Actions, deployments …) lives in its own file and shares one server, one
// request log, one fault list and one rate-limit account.
import type { StandInOptions, StandInRepository } from '../github-stand-in.ts';

/** A rate-limit account of the stand-in; REST answers count against `core`, GraphQL against `graphql`. */
export type RateResource = 'core' | 'graphql' | 'search';

/** What a route handler sees of a request. */
export interface RouteRequest {
  method: string;
  /** The API path without the prefix (`/repos/acme/x/languages`). */
  path: string;
  /** Values of the route's `:name` and `*name` segments, URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The request body parsed as JSON (undefined without one). */
  body: unknown;
  /** Request headers, lower-case names, `authorization` left out. */
  headers: Record<string, string>;
  /** An authorization header was sent. */
  authenticated: boolean;
}

/** What a handler answers; `null` is GitHub's 404 body. GET answers get an ETag and 304s on their own. */
export interface RouteAnswer {
  /** Default 200. */
  status?: number;
  body?: unknown;
  /** A `Link` header (use `world.paginate`). */
  link?: string;
  /** Sent instead of the JSON body when the request accepts `application/vnd.github.raw`. */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Rate-limit points this answer costs (default 1 on `core`, 0 for a 304). */
  points?: number;
}

/** The shared state and helpers every route gets. */
export interface StandInWorld {
  org: string;
  /** The options the stand-in was started with. */
  options: StandInOptions;
  /** `http://127.0.0.1:<port>`: where web (html_url) and raw URLs start. */
  origin: string;
  /** The REST API prefix: '' like api.github.com or '/api/v3' like GitHub Enterprise Server. */
  prefix: string;
  repositories: Map<string, StandInRepository>;
  /** The repository named by `params.owner`/`params.repo` when the owner is the organisation. */
  repository(params: Record<string, string>): StandInRepository | undefined;
  /** A repository as the REST API returns it (the recorded example, renamed into this host). */
  repositoryBody(repository: StandInRepository): Record<string, unknown>;
  /** One page of `items` by `per_page`/`page`, with GitHub's Link header. */
  paginate(items: unknown[], request: RouteRequest): { body: unknown[]; link?: string };
  /** A concern's own state, created on first use (e.g. `world.state('actions', () => new Map())`). */
  state<T>(key: string, create: () => T): T;
  /** The rate-limit account of a resource (mutable: a route may spend points). */
  rate(resource: RateResource): { limit: number; used: number; resetAt: number };
  /** GitHub's error bodies (recordings/errors.json): notFound, primaryRateLimit, … */
  errors: Record<string, { status: number; body: Record<string, unknown> }>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/repos/:owner/:repo/contents/*path`: `:x` one segment, `*x` the rest (may be empty). */
  path: string;
  /** Which rate-limit account it spends (default `core`). */
  resource?: RateResource;
  handle(request: RouteRequest, world: StandInWorld): RouteAnswer | null | Promise<RouteAnswer | null>;
  /** Expensive set-up done when the stand-in starts, not inside the first request's time-out. */
  prepare?(): void;
}

/** Matches `path` against a route pattern; the params, or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    if (segment.startsWith('*')) {
      params[segment.slice(1)] = got.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const value = got[i];
    if (value === undefined) return null;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return null;
  }
  return got.length === want.length ? params : null;
}
