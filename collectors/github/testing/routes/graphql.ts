// The stand-in's GraphQL endpoint: GitHub's real schema (@octokit/graphql-schema) executed with
// the `graphql` package over the same organisation as the REST routes, with GitHub's point
// accounting (`rateLimit { cost remaining resetAt }`), its validation limits (first/last 1–100,
// 500,000 nodes) and its error shapes (partial data beside `errors` with a `type`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  execute,
  getNamedType,
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, GraphQLSchema, OperationDefinitionNode, ResponsePath, SelectionSetNode, ValueNode } from 'graphql';
import type { StandInRepository } from '../github-stand-in.ts';
import { fileBytes } from './repositories.ts';
import type { Route, StandInWorld } from './route.ts';

let schema: GraphQLSchema | undefined;
/** GitHub's public schema, parsed once per process (about a second: large). */
function githubSchema(): GraphQLSchema {
  if (!schema) {
    // The package's entry point reads a 7 MB JSON copy on import; the SDL beside it is all that is needed.
    const entry = fileURLToPath(import.meta.resolve('@octokit/graphql-schema'));
    schema = buildSchema(readFileSync(path.join(path.dirname(entry), 'schema.graphql'), 'utf8'), { assumeValidSDL: true });
  }
  return schema;
}

const MAX_NODES = 500_000;

/** A GitHub-shaped error: `type` beside message, path and locations (GitHub puts it at the top level). */
interface GithubError {
  type?: string;
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
}

export const graphqlRoutes: Route[] = [
  {
    method: 'POST',
    path: '/graphql',
    resource: 'graphql',
    prepare: () => void githubSchema(),
    handle: (request, world) => {
      const body = (request.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
      if (typeof body.query !== 'string') return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' }, points: 0 };
      const account = world.rate('graphql');
      const limit = request.authenticated ? account.limit : 0;
      if (!request.authenticated) {
        return { status: 401, body: { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' }, points: 0 };
      }
      let document: DocumentNode;
      try {
        document = parse(body.query);
      } catch (error) {
        return { body: { errors: [toGithubError(error as GraphQLError)] }, points: 0 };
      }
      const invalid = validate(githubSchema(), document);
      if (invalid.length > 0) return { body: { errors: invalid.map(toGithubError) }, points: 0 };
      const measured = measure(githubSchema(), document, body.variables ?? {});
      if ('errors' in measured) return { body: { errors: measured.errors }, points: 0 };
      if (account.used + measured.cost > limit) {
        // GitHub answers a spent GraphQL budget with 200 and a RATE_LIMITED error (octokit's throttling plugin reads it so).
        return { body: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] }, points: 0, headers: { 'x-ratelimit-remaining': '0' } };
      }
      const errors: GithubError[] = [];
      const result = execute({
        schema: githubSchema(),
        document,
        variableValues: body.variables ?? {},
        rootValue: queryRoot(world, errors, { cost: measured.cost, nodeCount: measured.nodes }),
      });
      if (result instanceof Promise) throw new Error('the stand-in resolves synchronously');
      const allErrors = [...errors, ...(result.errors ?? []).filter((e) => !(e.originalError instanceof Handled)).map(toGithubError)];
      return {
        body: { data: result.data ?? null, ...(allErrors.length ? { errors: allErrors } : {}) },
        points: measured.cost,
      };
    },
  },
];

/** A resolver error already recorded in GitHub's shape (graphql-js's copy of it is dropped). */
class Handled extends Error {}

function toGithubError(error: GraphQLError): GithubError {
  return {
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

/** Points and nodes the way GitHub documents them: connections' requests / 100 (at least 1), and nodes as the product of `first`s. */
function measure(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): { cost: number; nodes: number } | { errors: GithubError[] } {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return { errors: [{ message: 'No operation given.' }] };
  const errors: GithubError[] = [];
  let requests = 0;
  let nodes = 0;
  const valueOf = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) return Number(variables[node.name.value]);
    return undefined;
  };
  // Walk with the type of each field, multiplying through connections.
  const walk = (selectionSet: SelectionSetNode, multiplier: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, multiplier);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, multiplier);
        continue;
      }
      if (!selection.selectionSet) continue;
      const named = fieldType(schema, document, selection);
      if (named?.endsWith('Connection')) {
        const first = valueOf(selection.arguments?.find((a) => a.name.value === 'first')?.value);
        const last = valueOf(selection.arguments?.find((a) => a.name.value === 'last')?.value);
        const size = first ?? last;
        const wantsItems = selection.selectionSet.selections.some((s) => s.kind === Kind.FIELD && (s.name.value === 'nodes' || s.name.value === 'edges'));
        if (size === undefined && wantsItems) {
          errors.push({ message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${selection.name.value}\` connection.`, locations: [{ line: selection.loc?.startToken.line ?? 1, column: selection.loc?.startToken.column ?? 1 }] });
          continue;
        }
        if (size !== undefined && (size < 1 || size > 100)) {
          errors.push({ type: 'EXCESSIVE_PAGINATION', message: `Requesting ${size} records on the \`${selection.name.value}\` connection exceeds the \`${first !== undefined ? 'first' : 'last'}\` limit of 100 records.` });
          continue;
        }
        requests += multiplier;
        const items = multiplier * (size ?? 0);
        nodes += items;
        walk(selection.selectionSet, Math.max(items, multiplier));
      } else {
        walk(selection.selectionSet, multiplier);
      }
    }
  };
  walk(operation.selectionSet, 1);
  if (errors.length) return { errors };
  if (nodes > MAX_NODES) {
    return { errors: [{ type: 'MAX_NODE_LIMIT_EXCEEDED', message: `This query requests up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.` }] };
  }
  return { cost: Math.max(1, Math.round(requests / 100)), nodes };
}

/** The named return type of a field selection, found by visiting the document with type info. */
const fieldTypes = new WeakMap<DocumentNode, Map<FieldNode, string>>();
function fieldType(schema: GraphQLSchema, document: DocumentNode, field: FieldNode): string | undefined {
  let map = fieldTypes.get(document);
  if (!map) {
    const found = new Map<FieldNode, string>();
    const info = new TypeInfo(schema);
    visit(document, visitWithTypeInfo(info, {
      Field(node) {
        const type = info.getType();
        if (type) found.set(node, getNamedType(type).name);
      },
    }));
    fieldTypes.set(document, found);
    map = found;
  }
  return map.get(field);
}

/** The root of a query over the organisation: repository(owner, name), organization(login), rateLimit. */
function queryRoot(world: StandInWorld, errors: GithubError[], spent: { cost: number; nodeCount: number }) {
  const notFound = (message: string, info: GraphQLResolveInfo) => {
    const path: Array<string | number> = [];
    for (let p: ResponsePath | undefined = info.path; p; p = p.prev) path.unshift(p.key);
    const node = info.fieldNodes[0];
    errors.push({ type: 'NOT_FOUND', path, locations: node?.loc ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] : [], message });
    return null;
  };
  return {
    rateLimit: () => {
      const account = world.rate('graphql');
      // This query's cost is charged when it is answered; GitHub's figures already include it.
      const used = account.used + spent.cost;
      return { cost: spent.cost, limit: account.limit, nodeCount: spent.nodeCount, remaining: Math.max(0, account.limit - used), used, resetAt: new Date(account.resetAt).toISOString() };
    },
    repository: (args: { owner: string; name: string }, _context: unknown, info: GraphQLResolveInfo) => {
      const repository = args.owner.toLowerCase() === world.org.toLowerCase() ? [...world.repositories.values()].find((r) => r.name.toLowerCase() === args.name.toLowerCase()) : undefined;
      return repository ? repositoryNode(world, repository) : notFound(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`, info);
    },
    organization: (args: { login: string }, _context: unknown, info: GraphQLResolveInfo) => {
      if (args.login.toLowerCase() !== world.org.toLowerCase()) return notFound(`Could not resolve to an Organization with the login of '${args.login}'.`, info);
      return {
        login: world.org,
        name: world.org,
        repository: (a: { name: string }) => {
          const repository = world.repositories.get(a.name);
          return repository ? repositoryNode(world, repository) : null;
        },
        repositories: (a: { first?: number; after?: string }) => {
          const all = [...world.repositories.values()];
          const start = a.after ? Number(Buffer.from(a.after, 'base64').toString('utf8').replace('cursor:', '')) : 0;
          const page = all.slice(start, start + (a.first ?? 100));
          const end = start + page.length;
          return {
            totalCount: all.length,
            nodes: page.map((r) => repositoryNode(world, r)),
            edges: page.map((r, i) => ({ cursor: cursor(start + i + 1), node: repositoryNode(world, r) })),
            pageInfo: { hasNextPage: end < all.length, hasPreviousPage: start > 0, endCursor: page.length ? cursor(end) : null, startCursor: page.length ? cursor(start + 1) : null },
          };
        },
      };
    },
  };
}

const cursor = (n: number) => Buffer.from(`cursor:${n}`).toString('base64');

/** A repository as GraphQL resolves it (only the fields Backlot and its tests read; others resolve to null). */
function repositoryNode(world: StandInWorld, repository: StandInRepository) {
  const rest = world.repositoryBody(repository);
  const branch = String(rest.default_branch);
  const languages = Object.entries(repository.languages ?? {}).sort(([, a], [, b]) => b - a);
  return {
    __typename: 'Repository',
    id: rest.node_id,
    name: repository.name,
    nameWithOwner: `${world.org}/${repository.name}`,
    url: rest.html_url,
    description: repository.description ?? null,
    isArchived: repository.archived ?? false,
    isFork: repository.fork ?? false,
    isPrivate: rest.private,
    visibility: String(rest.visibility).toUpperCase(),
    pushedAt: rest.pushed_at,
    defaultBranchRef: { name: branch, prefix: 'refs/heads/' },
    object: (args: { expression?: string }) => {
      const expression = args.expression ?? '';
      const colon = expression.indexOf(':');
      if (colon < 0) return null;
      const ref = expression.slice(0, colon);
      if (ref !== 'HEAD' && ref !== branch) return null;
      const bytes = fileBytes(repository, expression.slice(colon + 1));
      return bytes === undefined ? null : blobNode(bytes);
    },
    languages: (args: { first?: number }) => {
      const page = languages.slice(0, args.first ?? 100);
      return {
        totalCount: languages.length,
        totalSize: languages.reduce((sum, [, size]) => sum + size, 0),
        edges: page.map(([name, size], i) => ({ cursor: cursor(i + 1), size, node: { name, color: null, id: name } })),
        nodes: page.map(([name]) => ({ name, color: null, id: name })),
        pageInfo: { hasNextPage: page.length < languages.length, hasPreviousPage: false, endCursor: null, startCursor: null },
      };
    },
    pullRequests: (args: { states?: string[] }) => {
      const open = repository.openPullRequests ?? 0;
      const count = !args.states || args.states.includes('OPEN') ? open : 0;
      return { totalCount: count, nodes: [], edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null, startCursor: null } };
    },
  };
}

/** GitHub's Blob: `text` is null for binary content (bytes that are not UTF-8 text), and above 512 KiB truncated. */
function blobNode(bytes: Buffer) {
  let text: string | null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  const truncated = text !== null && bytes.length > 512 * 1024;
  const oid = createOid(bytes);
  return {
    __typename: 'Blob',
    oid,
    abbreviatedOid: oid.slice(0, 7),
    byteSize: bytes.length,
    isBinary: text === null,
    isTruncated: truncated,
    text: truncated ? text!.slice(0, 512 * 1024) : text,
  };
}

const createOid = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
