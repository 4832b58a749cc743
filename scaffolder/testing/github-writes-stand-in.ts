// A stand-in for the GitHub write endpoints scaffolding uses (repository creation, Git data, refs,
// topics, team access, branch protection, pull requests, workflow runs), answering with the
// response examples of @octokit/openapi (recordings/) and keeping real state, so a test can read
// back exactly which repositories, commits and pull requests a run made. Every request is logged.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const examples = JSON.parse(readFileSync(path.join(import.meta.dirname, 'recordings/openapi-write-examples.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const notFoundBody = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };

export interface StandInCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export interface StandInRepo {
  name: string;
  description: string | null;
  visibility: string;
  defaultBranch: string;
  topics: string[];
  /** team slug → permission */
  teams: Record<string, string>;
  /** branch → the protection body sent */
  protection: Record<string, unknown>;
  /** branch name → commit sha */
  refs: Map<string, string>;
  pulls: { number: number; title: string; head: string; base: string; body: string }[];
  /** workflow file name → runs (GET …/actions/workflows/{id}/runs) */
  workflowRuns: Record<string, Record<string, unknown>[]>;
}

export interface WritesStandIn {
  baseUrl: string;
  webUrl: string;
  org: string;
  requests: { method: string; path: string; status: number; body?: unknown }[];
  repos: Map<string, StandInRepo>;
  commits: Map<string, StandInCommit>;
  /** Files (path → text) of a branch, read through its commit's tree. */
  filesOf(repo: string, branch?: string): Record<string, string>;
  /** Paths (without query) answered with a 500 while they are in this set. */
  failing: Set<string>;
  /** Adds an existing repository with files on its default branch (one commit). */
  addRepository(name: string, files: Record<string, string>, options?: { defaultBranch?: string }): void;
  close(): Promise<void>;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export async function startWritesStandIn(options: { org: string; teams?: string[] }): Promise<WritesStandIn> {
  const org = options.org;
  const teams = new Set(options.teams ?? []);
  const repos = new Map<string, StandInRepo>();
  const blobs = new Map<string, Buffer>();
  const trees = new Map<string, Record<string, { mode: string; sha: string }>>();
  const commits = new Map<string, StandInCommit>();
  const requests: WritesStandIn['requests'] = [];
  const failing = new Set<string>();
  let origin = '';
  let nextId = 5000;

  const rewrite = (value: unknown, repo: string) =>
    JSON.parse(
      JSON.stringify(value)
        .replaceAll('https://api.github.com', origin)
        .replaceAll('https://github.com', origin)
        .replaceAll('octocat/Hello-World', `${org}/${repo}`)
        .replaceAll('octocat/example', `${org}/${repo}`),
    ) as Record<string, unknown>;

  const repositoryBody = (r: StandInRepo) => ({
    ...rewrite(examples['full-repository'], r.name),
    id: nextId,
    name: r.name,
    full_name: `${org}/${r.name}`,
    html_url: `${origin}/${org}/${r.name}`,
    description: r.description,
    visibility: r.visibility,
    private: r.visibility !== 'public',
    default_branch: r.defaultBranch,
    topics: r.topics,
    owner: { ...(examples['full-repository']!.owner as object), login: org, type: 'Organization' },
  });

  const commitWith = (tree: Record<string, { mode: string; sha: string }>, parents: string[], message: string) => {
    const treeSha = sha1(JSON.stringify(Object.entries(tree).sort()));
    trees.set(treeSha, tree);
    const sha = sha1(`${treeSha}|${parents.join(',')}|${message}|${commits.size}`);
    commits.set(sha, { sha, tree: treeSha, parents, message });
    return sha;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const body = method === 'GET' || method === 'DELETE' ? {} : await readBody(request);
    const record: WritesStandIn['requests'][number] = { method, path: url.pathname + url.search, status: 0, ...(Object.keys(body).length ? { body } : {}) };
    requests.push(record);
    const send = (status: number, payload?: unknown) => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), 'x-ratelimit-resource': 'core' });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const fail = (status: number, message: string) => send(status, { message, documentation_url: 'https://docs.github.com/rest', status: String(status) });
    // octokit sends `heads/main` as one encoded segment; GitHub reads it as a path either way.
    if (failing.has(url.pathname)) return fail(500, 'Server Error');
    const parts = decodeURIComponent(url.pathname).split('/').filter(Boolean);

    // POST /orgs/{org}/repos
    if (method === 'POST' && parts[0] === 'orgs' && parts[1] === org && parts[2] === 'repos' && parts.length === 3) {
      const name = String(body.name ?? '');
      if (repos.has(name)) return send(422, { message: 'Repository creation failed.', errors: [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }], documentation_url: 'https://docs.github.com/rest/repos/repos#create-an-organization-repository', status: '422' });
      const repo: StandInRepo = { name, description: (body.description as string | undefined) ?? null, visibility: String(body.visibility ?? (body.private ? 'private' : 'public')), defaultBranch: 'main', topics: [], teams: {}, protection: {}, refs: new Map(), pulls: [], workflowRuns: {} };
      if (body.auto_init) {
        const readme = Buffer.from(`# ${name}\n`);
        const blob = sha1(readme.toString());
        blobs.set(blob, readme);
        repo.refs.set('main', commitWith({ 'README.md': { mode: '100644', sha: blob } }, [], 'Initial commit'));
      }
      repos.set(name, repo);
      return send(201, repositoryBody(repo));
    }
    // PUT /orgs/{org}/teams/{team}/repos/{owner}/{repo}
    if (method === 'PUT' && parts[0] === 'orgs' && parts[1] === org && parts[2] === 'teams' && parts[4] === 'repos' && parts.length === 7) {
      const repo = repos.get(parts[6]!);
      if (!teams.has(parts[3]!) || !repo) return send(404, notFoundBody);
      repo.teams[parts[3]!] = String(body.permission ?? 'push');
      return send(204);
    }
    if (parts[0] === 'repos' && parts[1] === org && parts.length >= 3) {
      const repo = repos.get(parts[2]!);
      if (!repo) return send(404, notFoundBody);
      const rest = parts.slice(3);
      const at = rest.join('/');
      if (rest.length === 0 && method === 'GET') return send(200, repositoryBody(repo));
      if (rest.length === 0 && method === 'PATCH') {
        if (typeof body.default_branch === 'string') {
          if (!repo.refs.has(body.default_branch)) return fail(422, `Branch ${body.default_branch} does not exist`);
          repo.defaultBranch = body.default_branch;
        }
        if (typeof body.description === 'string') repo.description = body.description;
        return send(200, repositoryBody(repo));
      }
      if (at === 'topics' && method === 'PUT') {
        repo.topics = (body.names as string[]) ?? [];
        return send(200, { ...examples.topic, names: repo.topics });
      }
      if (rest[0] === 'branches' && rest[2] === 'protection' && method === 'PUT') {
        if (!repo.refs.has(rest[1]!)) return send(404, { message: 'Branch not found', documentation_url: 'https://docs.github.com/rest', status: '404' });
        repo.protection[rest[1]!] = body;
        return send(200, rewrite(examples['branch-protection-update'], repo.name));
      }
      if (at === 'git/blobs' && method === 'POST') {
        if (repo.refs.size === 0) return fail(409, 'Git Repository is empty.');
        const content = Buffer.from(String(body.content ?? ''), body.encoding === 'base64' ? 'base64' : 'utf8');
        const sha = sha1(`blob ${content.length}\0${content.toString('binary')}`);
        blobs.set(sha, content);
        return send(201, { ...rewrite(examples['short-blob'], repo.name), sha, url: `${origin}/repos/${org}/${repo.name}/git/blobs/${sha}` });
      }
      if (at === 'git/trees' && method === 'POST') {
        const base = typeof body.base_tree === 'string' ? trees.get(body.base_tree) : {};
        if (!base) return fail(422, 'base_tree is not a tree');
        const tree = { ...base };
        for (const entry of (body.tree as { path: string; mode: string; sha?: string; content?: string }[]) ?? []) {
          let sha = entry.sha;
          if (typeof entry.content === 'string') {
            sha = sha1(`blob ${entry.content}`);
            blobs.set(sha, Buffer.from(entry.content, 'utf8'));
          }
          if (!sha || !blobs.has(sha)) return fail(422, `sha ${String(sha)} is not a blob`);
          tree[entry.path] = { mode: entry.mode, sha };
        }
        const sha = sha1(JSON.stringify(Object.entries(tree).sort()));
        trees.set(sha, tree);
        return send(201, { ...rewrite(examples['git-tree'], repo.name), sha, truncated: false, tree: Object.entries(tree).map(([p, e]) => ({ path: p, mode: e.mode, type: 'blob', sha: e.sha, size: blobs.get(e.sha)!.length })) });
      }
      if (at === 'git/commits' && method === 'POST') {
        if (!trees.has(String(body.tree))) return fail(422, 'tree is not a tree');
        const parents = (body.parents as string[]) ?? [];
        const sha = sha1(`${String(body.tree)}|${parents.join(',')}|${String(body.message)}|${commits.size}`);
        commits.set(sha, { sha, tree: String(body.tree), parents, message: String(body.message) });
        const example = rewrite(examples['git-commit'], repo.name);
        return send(201, { ...example, sha, message: body.message, tree: { ...(example.tree as object), sha: body.tree }, parents: parents.map((p) => ({ sha: p, url: '', html_url: '' })) });
      }
      if (rest[0] === 'git' && rest[1] === 'commits' && rest.length === 3 && method === 'GET') {
        const commit = commits.get(rest[2]!);
        if (!commit) return send(404, notFoundBody);
        const example = rewrite(examples['git-commit-2'], repo.name);
        return send(200, { ...example, sha: commit.sha, message: commit.message, tree: { ...(example.tree as object), sha: commit.tree }, parents: commit.parents.map((p) => ({ sha: p })) });
      }
      const refBody = (branch: string) => ({ ...rewrite(examples['git-ref'], repo.name), ref: `refs/heads/${branch}`, object: { type: 'commit', sha: repo.refs.get(branch), url: '' } });
      if (rest[0] === 'git' && rest[1] === 'ref' && rest[2] === 'heads' && method === 'GET') {
        const branch = rest.slice(3).join('/');
        if (repo.refs.size === 0) return fail(409, 'Git Repository is empty.');
        return repo.refs.has(branch) ? send(200, refBody(branch)) : send(404, notFoundBody);
      }
      if (at === 'git/refs' && method === 'POST') {
        const ref = String(body.ref ?? '');
        if (!ref.startsWith('refs/heads/')) return fail(422, 'Reference name must start with refs/heads/');
        const branch = ref.slice('refs/heads/'.length);
        if (repo.refs.has(branch)) return fail(422, 'Reference already exists');
        if (!commits.has(String(body.sha))) return fail(422, 'Object does not exist');
        repo.refs.set(branch, String(body.sha));
        return send(201, refBody(branch));
      }
      if (rest[0] === 'git' && rest[1] === 'refs' && rest[2] === 'heads' && (method === 'PATCH' || method === 'DELETE')) {
        const branch = rest.slice(3).join('/');
        if (!repo.refs.has(branch)) return fail(422, 'Reference does not exist');
        if (method === 'DELETE') {
          repo.refs.delete(branch);
          return send(204);
        }
        const current = repo.refs.get(branch)!;
        const target = String(body.sha);
        if (!commits.has(target)) return fail(422, 'Object does not exist');
        if (!body.force && !commits.get(target)!.parents.includes(current)) return fail(422, 'Update is not a fast forward');
        repo.refs.set(branch, target);
        return send(200, refBody(branch));
      }
      if (at === 'pulls' && method === 'POST') {
        const head = String(body.head ?? '');
        const base = String(body.base ?? '');
        if (!repo.refs.has(head) || !repo.refs.has(base)) return fail(422, 'Validation Failed');
        const number = repo.pulls.length + 1;
        repo.pulls.push({ number, title: String(body.title), head, base, body: String(body.body ?? '') });
        const example = rewrite(examples['pull-request'], repo.name);
        return send(201, { ...example, number, title: body.title, body: body.body, state: 'open', html_url: `${origin}/${org}/${repo.name}/pull/${number}` });
      }
      if (rest[0] === 'actions' && rest[1] === 'workflows' && rest[3] === 'runs' && rest.length === 4 && method === 'GET') {
        const runs = repo.workflowRuns[rest[2]!];
        if (!runs) return send(404, notFoundBody);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        return send(200, { total_count: runs.length, workflow_runs: runs.slice(0, perPage) });
      }
    }
    return send(404, notFoundBody);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const filesOf = (name: string, branch?: string) => {
    const repo = repos.get(name);
    if (!repo) throw new Error(`no repository ${name}`);
    const commit = commits.get(repo.refs.get(branch ?? repo.defaultBranch) ?? '');
    if (!commit) return {};
    return Object.fromEntries(Object.entries(trees.get(commit.tree) ?? {}).map(([p, e]) => [p, blobs.get(e.sha)!.toString('utf8')]));
  };

  return {
    baseUrl: origin,
    webUrl: origin,
    org,
    requests,
    repos,
    commits,
    filesOf,
    failing,
    addRepository(name, files, opts = {}) {
      const tree: Record<string, { mode: string; sha: string }> = {};
      for (const [p, text] of Object.entries(files)) {
        const sha = sha1(`blob ${p} ${text}`);
        blobs.set(sha, Buffer.from(text));
        tree[p] = { mode: '100644', sha };
      }
      const branch = opts.defaultBranch ?? 'main';
      const repo: StandInRepo = { name, description: null, visibility: 'internal', defaultBranch: branch, topics: [], teams: {}, protection: {}, refs: new Map(), pulls: [], workflowRuns: {} };
      repo.refs.set(branch, commitWith(tree, [], 'existing history'));
      repos.set(name, repo);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
