// The stand-in's write endpoints that scaffolding uses: repository creation, the Git data API
// (blobs, trees, commits, refs), topics, team access, branch protection, pull requests, and the
// runs of a workflow. Pushing to a default branch rewrites the repository's files, so the catalog
// source reads what a scaffold run created. Shapes: @octokit/openapi examples (recordings/).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StandInRepository } from '../github-stand-in.ts';
import type { Route, RouteAnswer, StandInWorld } from './route.ts';

const examples = JSON.parse(readFileSync(path.join(import.meta.dirname, '../recordings/openapi-write-examples.json'), 'utf8')) as Record<string, Record<string, unknown>>;

const sha1 = (text: string | Buffer) => createHash('sha1').update(text).digest('hex');

type Tree = Record<string, { mode: string; sha: string }>;

export interface StandInCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

/** What scaffolding wrote, for tests to read back (`standIn.state('scaffolding', …)`). */
export interface ScaffoldingState {
  blobs: Map<string, Buffer>;
  trees: Map<string, Tree>;
  commits: Map<string, StandInCommit>;
  /** repository → branch → commit */
  refs: Map<string, Map<string, string>>;
  /** Team slugs that exist in the organisation. */
  teams: Set<string>;
  /** repository → team slug → permission */
  teamAccess: Map<string, Record<string, string>>;
  /** repository → branch → the protection body sent */
  protection: Map<string, Record<string, unknown>>;
  pulls: Map<string, { number: number; title: string; head: string; base: string; body: string }[]>;
  /** repository → workflow file → runs (recorded shape) */
  workflowRuns: Map<string, Record<string, Record<string, unknown>[]>>;
}

export function scaffoldingState(world: Pick<StandInWorld, 'state'>): ScaffoldingState {
  return world.state<ScaffoldingState>('scaffolding', () => ({
    blobs: new Map(),
    trees: new Map(),
    commits: new Map(),
    refs: new Map(),
    teams: new Set(),
    teamAccess: new Map(),
    protection: new Map(),
    pulls: new Map(),
    workflowRuns: new Map(),
  }));
}

/** Files (path → text) of a branch, read through its commit's tree. */
export function filesOfBranch(state: ScaffoldingState, repository: string, branch: string): Record<string, string> {
  const commit = state.commits.get(state.refs.get(repository)?.get(branch) ?? '');
  if (!commit) return {};
  return Object.fromEntries(Object.entries(state.trees.get(commit.tree) ?? {}).map(([p, e]) => [p, state.blobs.get(e.sha)!.toString('utf8')]));
}

const branchOf = (repository: StandInRepository) => repository.defaultBranch ?? 'main';

function storeTree(state: ScaffoldingState, tree: Tree): string {
  const sha = sha1(JSON.stringify(Object.entries(tree).sort()));
  state.trees.set(sha, tree);
  return sha;
}

function storeCommit(state: ScaffoldingState, tree: string, parents: string[], message: string): string {
  const sha = sha1(`${tree}|${parents.join(',')}|${message}|${state.commits.size}`);
  state.commits.set(sha, { sha, tree, parents, message });
  return sha;
}

/** The repository's refs; a repository the test created with files gets one commit holding them. */
function refsOf(state: ScaffoldingState, repository: StandInRepository): Map<string, string> {
  let refs = state.refs.get(repository.name);
  if (!refs) {
    refs = new Map();
    state.refs.set(repository.name, refs);
    const files = repository.files ?? {};
    if (Object.keys(files).length > 0) {
      const tree: Tree = {};
      for (const [p, text] of Object.entries(files)) {
        const sha = sha1(`blob ${text}`);
        state.blobs.set(sha, Buffer.from(text));
        tree[p] = { mode: '100644', sha };
      }
      refs.set(branchOf(repository), storeCommit(state, storeTree(state, tree), [], 'existing history'));
    }
  }
  return refs;
}

/** A new head of the default branch is what the contents API (and so the catalog source) reads. */
function moveBranch(world: StandInWorld, state: ScaffoldingState, repository: StandInRepository, branch: string, sha: string): void {
  refsOf(state, repository).set(branch, sha);
  if (branch === branchOf(repository)) {
    repository.files = filesOfBranch(state, repository.name, branch);
    repository.pushedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

const rewrite = (world: StandInWorld, value: unknown, repo: string) =>
  JSON.parse(
    JSON.stringify(value)
      .replaceAll('https://api.github.com', world.origin + world.prefix)
      .replaceAll('https://github.com', world.origin)
      .replaceAll('octocat/Hello-World', `${world.org}/${repo}`)
      .replaceAll('octocat/example', `${world.org}/${repo}`),
  ) as Record<string, unknown>;

const error = (world: StandInWorld, status: number, message: string): RouteAnswer => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
});

const body = (request: { body: unknown }) => (request.body ?? {}) as Record<string, unknown>;

/** A handler for routes on an existing repository of the organisation (404 otherwise). */
const onRepository = (handle: (repository: StandInRepository, state: ScaffoldingState, request: Parameters<Route['handle']>[0], world: StandInWorld) => RouteAnswer | null) =>
  (request: Parameters<Route['handle']>[0], world: StandInWorld) => {
    const repository = world.repository(request.params);
    return repository ? handle(repository, scaffoldingState(world), request, world) : null;
  };

function refAnswer(world: StandInWorld, repository: StandInRepository, branch: string, sha: string, status = 200): RouteAnswer {
  return { status, body: { ...rewrite(world, examples['git-ref'], repository.name), ref: `refs/heads/${branch}`, object: { type: 'commit', sha, url: '' } } };
}

export const scaffoldingRoutes: Route[] = [
  {
    method: 'POST',
    path: '/orgs/:org/repos',
    handle: (request, world) => {
      if (request.params.org !== world.org) return null;
      const input = body(request);
      const name = String(input.name ?? '');
      if (world.repositories.has(name)) {
        return { status: 422, body: { message: 'Repository creation failed.', errors: [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }], documentation_url: 'https://docs.github.com/rest/repos/repos#create-an-organization-repository', status: '422' } };
      }
      const repository: StandInRepository = {
        name,
        description: typeof input.description === 'string' ? input.description : null,
        visibility: (input.visibility as StandInRepository['visibility']) ?? (input.private ? 'private' : 'public'),
        defaultBranch: 'main',
        topics: [],
        files: input.auto_init ? { 'README.md': `# ${name}\n` } : {},
        pushedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      world.repositories.set(name, repository);
      refsOf(scaffoldingState(world), repository);
      return { status: 201, body: { ...rewrite(world, examples['full-repository'], name), ...world.repositoryBody(repository) } };
    },
  },
  {
    method: 'PATCH',
    path: '/repos/:owner/:repo',
    handle: onRepository((repository, state, request, world) => {
      const input = body(request);
      if (typeof input.default_branch === 'string') {
        if (!refsOf(state, repository).has(input.default_branch)) return error(world, 422, `Branch ${input.default_branch} does not exist`);
        repository.defaultBranch = input.default_branch;
        repository.files = filesOfBranch(state, repository.name, input.default_branch);
      }
      if (typeof input.description === 'string') repository.description = input.description;
      return { body: world.repositoryBody(repository) };
    }),
  },
  {
    method: 'PUT',
    path: '/repos/:owner/:repo/topics',
    handle: onRepository((repository, _state, request) => {
      repository.topics = ((body(request).names as string[]) ?? []).map(String);
      return { body: { ...examples.topic, names: repository.topics } };
    }),
  },
  {
    method: 'PUT',
    path: '/orgs/:org/teams/:team/repos/:owner/:repo',
    handle: (request, world) => {
      const state = scaffoldingState(world);
      const repository = world.repository(request.params);
      if (request.params.org !== world.org || !repository || !state.teams.has(request.params.team!)) return null;
      const access = state.teamAccess.get(repository.name) ?? {};
      access[request.params.team!] = String(body(request).permission ?? 'push');
      state.teamAccess.set(repository.name, access);
      return { status: 204 };
    },
  },
  {
    method: 'PUT',
    path: '/repos/:owner/:repo/branches/:branch/protection',
    handle: onRepository((repository, state, request, world) => {
      if (!refsOf(state, repository).has(request.params.branch!)) return error(world, 404, 'Branch not found');
      const protection = state.protection.get(repository.name) ?? {};
      protection[request.params.branch!] = body(request);
      state.protection.set(repository.name, protection);
      return { body: rewrite(world, examples['branch-protection-update'], repository.name) };
    }),
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/git/blobs',
    handle: onRepository((repository, state, request, world) => {
      if (refsOf(state, repository).size === 0) return error(world, 409, 'Git Repository is empty.');
      const input = body(request);
      const content = Buffer.from(String(input.content ?? ''), input.encoding === 'base64' ? 'base64' : 'utf8');
      const sha = sha1(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]));
      state.blobs.set(sha, content);
      return { status: 201, body: { ...rewrite(world, examples['short-blob'], repository.name), sha } };
    }),
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/git/trees',
    handle: onRepository((repository, state, request, world) => {
      const input = body(request);
      const base = typeof input.base_tree === 'string' ? state.trees.get(input.base_tree) : {};
      if (!base) return error(world, 422, 'base_tree is not a tree');
      const tree: Tree = { ...base };
      for (const entry of (input.tree as { path: string; mode: string; sha?: string; content?: string }[]) ?? []) {
        let sha = entry.sha;
        if (typeof entry.content === 'string') {
          sha = sha1(`blob ${entry.content}`);
          state.blobs.set(sha, Buffer.from(entry.content, 'utf8'));
        }
        if (!sha || !state.blobs.has(sha)) return error(world, 422, `sha ${String(sha)} is not a blob`);
        tree[entry.path] = { mode: entry.mode, sha };
      }
      const sha = storeTree(state, tree);
      return {
        status: 201,
        body: { ...rewrite(world, examples['git-tree'], repository.name), sha, truncated: false, tree: Object.entries(tree).map(([p, e]) => ({ path: p, mode: e.mode, type: 'blob', sha: e.sha, size: state.blobs.get(e.sha)!.length })) },
      };
    }),
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/git/commits',
    handle: onRepository((repository, state, request, world) => {
      const input = body(request);
      if (!state.trees.has(String(input.tree))) return error(world, 422, 'tree is not a tree');
      const parents = ((input.parents as string[]) ?? []).map(String);
      if (parents.some((p) => !state.commits.has(p))) return error(world, 422, 'a parent is not a commit');
      const sha = storeCommit(state, String(input.tree), parents, String(input.message));
      const example = rewrite(world, examples['git-commit'], repository.name);
      return { status: 201, body: { ...example, sha, message: input.message, tree: { ...(example.tree as object), sha: input.tree }, parents: parents.map((p) => ({ sha: p, url: '', html_url: '' })) } };
    }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/commits/:sha',
    handle: onRepository((repository, state, request, world) => {
      const commit = state.commits.get(request.params.sha!);
      if (!commit) return null;
      const example = rewrite(world, examples['git-commit-2'], repository.name);
      return { body: { ...example, sha: commit.sha, message: commit.message, tree: { ...(example.tree as object), sha: commit.tree }, parents: commit.parents.map((p) => ({ sha: p })) } };
    }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/ref/*ref',
    handle: onRepository((repository, state, request, world) => {
      const refs = refsOf(state, repository);
      if (refs.size === 0) return error(world, 409, 'Git Repository is empty.');
      const branch = (request.params.ref ?? '').replace(/^heads\//, '');
      const sha = refs.get(branch);
      return sha ? refAnswer(world, repository, branch, sha) : null;
    }),
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/git/refs',
    handle: onRepository((repository, state, request, world) => {
      const input = body(request);
      const ref = String(input.ref ?? '');
      if (!ref.startsWith('refs/heads/')) return error(world, 422, 'Reference name must start with refs/heads/');
      const branch = ref.slice('refs/heads/'.length);
      if (refsOf(state, repository).has(branch)) return error(world, 422, 'Reference already exists');
      if (!state.commits.has(String(input.sha))) return error(world, 422, 'Object does not exist');
      moveBranch(world, state, repository, branch, String(input.sha));
      return refAnswer(world, repository, branch, String(input.sha), 201);
    }),
  },
  {
    method: 'PATCH',
    path: '/repos/:owner/:repo/git/refs/*ref',
    handle: onRepository((repository, state, request, world) => {
      const branch = (request.params.ref ?? '').replace(/^heads\//, '');
      const current = refsOf(state, repository).get(branch);
      if (!current) return error(world, 422, 'Reference does not exist');
      const input = body(request);
      const target = String(input.sha);
      const commit = state.commits.get(target);
      if (!commit) return error(world, 422, 'Object does not exist');
      if (!input.force && !commit.parents.includes(current)) return error(world, 422, 'Update is not a fast forward');
      moveBranch(world, state, repository, branch, target);
      return refAnswer(world, repository, branch, target);
    }),
  },
  {
    method: 'DELETE',
    path: '/repos/:owner/:repo/git/refs/*ref',
    handle: onRepository((repository, state, request, world) => {
      const branch = (request.params.ref ?? '').replace(/^heads\//, '');
      const refs = refsOf(state, repository);
      if (!refs.has(branch)) return error(world, 422, 'Reference does not exist');
      refs.delete(branch);
      return { status: 204 };
    }),
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/pulls',
    handle: onRepository((repository, state, request, world) => {
      const input = body(request);
      const refs = refsOf(state, repository);
      const head = String(input.head ?? '');
      const base = String(input.base ?? '');
      if (!refs.has(head) || !refs.has(base)) return error(world, 422, 'Validation Failed');
      const pulls = state.pulls.get(repository.name) ?? [];
      const number = pulls.length + 1;
      pulls.push({ number, title: String(input.title), head, base, body: String(input.body ?? '') });
      state.pulls.set(repository.name, pulls);
      return { status: 201, body: { ...rewrite(world, examples['pull-request'], repository.name), number, title: input.title, body: input.body, state: 'open', html_url: `${world.origin}/${world.org}/${repository.name}/pull/${number}` } };
    }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/actions/workflows/:workflow/runs',
    handle: onRepository((repository, state, request, world) => {
      const runs = state.workflowRuns.get(repository.name)?.[request.params.workflow!];
      if (!runs) return null;
      const page = world.paginate(runs, request);
      return { body: { total_count: runs.length, workflow_runs: page.body }, ...(page.link ? { link: page.link } : {}) };
    }),
  },
];
