// Copies the GitHub response examples the scaffolding stand-in answers with out of @octokit/openapi
// (MIT) into recordings/, so shapes come from GitHub's own description, not from memory.
// Run once by hand: `node scaffolder/testing/extract-recordings.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const spec = JSON.parse(readFileSync(path.resolve(here, '../../node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  components: { examples: Record<string, { value: unknown }> };
};
const names = [
  'full-repository', // POST /orgs/{org}/repos, GET /repos/{owner}/{repo}
  'short-blob', // POST /repos/{owner}/{repo}/git/blobs
  'git-tree', // POST /repos/{owner}/{repo}/git/trees
  'git-commit', // POST /repos/{owner}/{repo}/git/commits
  'git-commit-2', // GET /repos/{owner}/{repo}/git/commits/{sha}
  'git-ref', // GET/POST/PATCH refs
  'pull-request', // POST /repos/{owner}/{repo}/pulls
  'branch-protection-update', // PUT /repos/{owner}/{repo}/branches/{branch}/protection
  'topic', // PUT /repos/{owner}/{repo}/topics
  'workflow-run-paginated', // GET /repos/{owner}/{repo}/actions/workflows/{id}/runs
];
const out = Object.fromEntries(names.map((n) => [n, spec.components.examples[n]!.value]));
writeFileSync(path.join(here, 'recordings/openapi-write-examples.json'), JSON.stringify(out, null, 2) + '\n');
