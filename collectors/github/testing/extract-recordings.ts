// Copies the few real GitHub API response shapes the stand-in needs out of @octokit/openapi and
// @octokit/fixtures (both MIT) into recordings/, so tests do not depend on those large packages.
// Run once by hand: `node collectors/github/testing/extract-recordings.ts` (needs both packages).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const modules = path.resolve(here, '../../../node_modules/@octokit');
const out = path.join(here, 'recordings');

const spec = JSON.parse(readFileSync(path.join(modules, 'openapi/generated/api.github.com.json'), 'utf8')) as {
  components: { examples: Record<string, { value: unknown }> };
};
const example = (name: string) => spec.components.examples[name]!.value;

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const openapi = {
  /** repos/list-for-org, example `minimal-repository-items`: one item, the shape of every generated repository. */
  repository: firstOf(example('minimal-repository-items')),
  /** repos/get-content, example `content-file-response-if-content-is-a-file`. */
  contentFile: example('content-file-response-if-content-is-a-file'),
  /** repos/list-languages, example `language`. */
  languages: example('language'),
  /** pulls/list, example `pull-request-simple-items`: one item. */
  pullRequest: firstOf(example('pull-request-simple-items')),
};
writeFileSync(path.join(out, 'openapi-examples.json'), JSON.stringify(openapi, null, 2) + '\n');

type Recording = { method: string; path: string; status: number; headers: Record<string, unknown> };
const scenario = (name: string) =>
  JSON.parse(readFileSync(path.join(modules, `fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`), 'utf8')) as Recording[];

// Recorded response headers (etag, link, x-ratelimit-*, x-github-media-type …) of a JSON GET, and a paginated one.
const getContent = scenario('get-content')[0]!;
const paginated = scenario('paginate-issues')[1]!;
const notFound = scenario('branch-protection').find((r) => r.status === 404)!;
const fixtures = {
  jsonHeaders: getContent.headers,
  paginatedLink: paginated.headers.link,
  notFound: { status: notFound.status, headers: notFound.headers, body: (notFound as unknown as { response: unknown }).response },
};
writeFileSync(path.join(out, 'fixtures-headers.json'), JSON.stringify(fixtures, null, 2) + '\n');

// The write endpoints scaffolding uses (routes/scaffolding.ts) and the runs of a workflow.
const writeExamples = ['full-repository', 'short-blob', 'git-tree', 'git-commit', 'git-commit-2', 'git-ref', 'pull-request', 'branch-protection-update', 'topic', 'workflow-run-paginated'];
writeFileSync(path.join(out, 'openapi-write-examples.json'), JSON.stringify(Object.fromEntries(writeExamples.map((n) => [n, example(n)])), null, 2) + '\n');
