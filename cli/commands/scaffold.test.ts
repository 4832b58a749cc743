// `backlot scaffold` end to end: dry runs of the shipped templates and of Backstage's own published
// template, values refused with the field and the rule, hostile values kept as data, and real runs
// against the GitHub stand-in (repository + one commit, pull request, job summary, no second create).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { runScaffold } from './scaffold.ts';
import { runLint } from './lint.ts';
import { checkWorkflow } from '../../lib/workflows/check.ts';
import { startGithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import type { GithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import { filesOfBranch, scaffoldingState } from '../../collectors/github/testing/routes/scaffolding.ts';
import type { ScaffoldingState } from '../../collectors/github/testing/routes/scaffolding.ts';
import { createTestContext, githubConfig } from '../../collectors/github/testing/test-context.ts';
import { readGithubCatalog } from '../../collectors/github/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const templates = path.join(root, 'templates');
/** Backstage's example template as published in @backstage/create-app (Apache-2.0), unchanged. */
const backstageExample = path.join(root, 'node_modules/@backstage/create-app/templates/default-app/examples/template/template.yaml');

function io(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env, cwd },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listTree(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

let work: string;
before(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'backlot-scaffold-cli-'));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('backlot scaffold --dry-run', () => {
  test('renders the TypeScript service: descriptor with techdocs-ref, docs, CI and the catalog-lint caller, and the descriptor lints clean', async () => {
    const out = path.join(work, 'ts');
    const run = io(root);
    const code = await runScaffold(['typescript-service', '--set', 'name=parcel-weighing', '--set', 'description=Weighs parcels', '--set', 'owner=group:default/team-a', '--dry-run', '--out', out, '--templates', templates], run.io);
    assert.equal(code, 0, run.stderr());
    assert.deepEqual(await listTree(out), [
      '.github/workflows/catalog-lint.yml', '.github/workflows/ci.yml', 'README.md', 'catalog-info.yaml', 'docs/index.md', 'mkdocs.yml', 'package.json', 'src/index.test.ts', 'src/index.ts',
    ]);
    const entity = parse(await readFile(path.join(out, 'catalog-info.yaml'), 'utf8'));
    assert.equal(entity.metadata.name, 'parcel-weighing');
    assert.equal(entity.metadata.annotations['backstage.io/techdocs-ref'], 'dir:.');
    assert.equal(entity.spec.lifecycle, 'experimental', 'the default of an omitted parameter is filled in');
    const lint = parse(await readFile(path.join(out, '.github/workflows/catalog-lint.yml'), 'utf8'));
    assert.match(lint.jobs.lint.uses, /\/\.github\/workflows\/catalog-lint\.yml@[0-9a-f]{40}$/, 'pinned to the portal commit');
    assert.match(run.stdout(), /would create internal repository acme-freight\/parcel-weighing/);
    assert.match(run.stdout(), /would give team team-a admin access/);
    assert.equal(JSON.parse(await readFile(path.join(out, 'package.json'), 'utf8')).name, 'parcel-weighing');
    const lintRun = await lintInFolder(out);
    assert.equal(lintRun.code, 0, lintRun.output);
    for (const name of ['ci.yml', 'catalog-lint.yml']) {
      const file = path.join(out, '.github/workflows', name);
      assert.deepEqual(await checkWorkflow(await readFile(file, 'utf8'), name), [], `${name} passes the workflow lint (pinned, least permissions)`);
    }
  });

  test('renders the docs addition with its optional runbook page only when asked', async () => {
    const withRunbook = path.join(work, 'docs-1');
    const without = path.join(work, 'docs-2');
    const base = ['docs-addition', '--set', 'repository=invoicing-service', '--set', 'siteName=Invoicing', '--dry-run', '--templates', templates];
    assert.equal(await runScaffold([...base, '--set', 'sections=overview-and-runbook', '--out', withRunbook], io(root).io), 0);
    assert.equal(await runScaffold([...base, '--out', without], io(root).io), 0);
    assert.deepEqual(await listTree(withRunbook), ['docs/index.md', 'docs/runbook.md', 'mkdocs.yml']);
    assert.deepEqual(await listTree(without), ['docs/index.md', 'mkdocs.yml']);
    assert.deepEqual(parse(await readFile(path.join(withRunbook, 'mkdocs.yml'), 'utf8')).nav, [{ Overview: 'index.md' }, { Runbook: 'runbook.md' }]);
  });

  test("Backstage's own published example template (@backstage/create-app) loads and renders unchanged", async () => {
    const out = path.join(work, 'backstage');
    const run = io(root);
    const code = await runScaffold([backstageExample, '--set', 'name=demo-service', '--set', 'repoUrl=github.com?owner=acme&repo=demo-service', '--dry-run', '--out', out], run.io);
    assert.equal(code, 0, run.stderr());
    assert.deepEqual(await listTree(out), ['catalog-info.yaml', 'index.js', 'package.json']);
    assert.equal(parse(await readFile(path.join(out, 'catalog-info.yaml'), 'utf8')).metadata.name, 'demo-service');
    assert.equal(await readFile(path.join(out, 'index.js'), 'utf8'), "console.log('Hello from demo-service!');\n");
    assert.match(run.stdout(), /Repository: https:\/\/github\.com\/acme\/demo-service/);
    assert.match(run.stdout(), /Open in catalog: component:default\/demo-service/);
    assert.match(run.stdout(), /notification \(not sent/);
  });

  test('values that do not fit are refused, naming the field and the rule, before anything is written', async () => {
    const out = path.join(work, 'refused');
    const run = io(root);
    const code = await runScaffold(['typescript-service', '--set', 'name=Not Valid', '--set', 'lifecycle=retired', '--set', 'protect=maybe', '--set', 'colour=red', '--dry-run', '--out', out, '--templates', templates], run.io);
    assert.equal(code, 2);
    const err = run.stderr();
    assert.match(err, /name \(Name\) must match the pattern \^\[a-z\]\[a-z0-9-\]\{2,40\}\$ \[pattern\]/);
    assert.match(err, /description \(Description\) is required \[required\]/);
    assert.match(err, /lifecycle \(Lifecycle\) must be one of "experimental", "production" \[enum\]/);
    assert.match(err, /protect must be true or false/);
    assert.match(err, /"colour" is not a parameter of typescript-service/);
    await assert.rejects(readdir(out), 'no workspace was created');
  });

  test('a values file with a __proto__ key is refused, and the key never becomes structure', async () => {
    const file = path.join(work, 'proto.yaml');
    await writeFile(file, '__proto__: { polluted: true }\nname: parcel-weighing\ndescription: x\nowner: team-a\n');
    const run = io(root);
    const code = await runScaffold(['typescript-service', '--values', file, '--dry-run', '--out', path.join(work, 'proto'), '--templates', templates], run.io);
    assert.equal(code, 2);
    assert.match(run.stderr(), /"__proto__" is not a parameter/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('hostile values stay text inside their folder: ../, $(…), backticks, newlines and template syntax', async () => {
    const out = path.join(work, 'hostile');
    const description = 'Evil $(touch /tmp/pwned) `id`\nkind: Group\n${{ 7 * 7 }} {% raw %}{{ values.name }}';
    const run = io(root);
    const code = await runScaffold(['typescript-service', '--set', 'name=safe-name', '--set', `description=${description}`, '--set', 'owner=../../etc', '--dry-run', '--out', out, '--templates', templates], run.io);
    assert.equal(code, 0, run.stderr());
    const entity = parse(await readFile(path.join(out, 'catalog-info.yaml'), 'utf8'));
    assert.equal(entity.metadata.description, description, 'the description is one YAML string, exactly as given');
    assert.equal(entity.kind, 'Component');
    assert.equal(entity.spec.owner, '../../etc');
    const docs = await readFile(path.join(out, 'docs/index.md'), 'utf8');
    assert.ok(docs.includes('${{ 7 * 7 }} {% raw %}{{ values.name }}'), 'template syntax in a value is not evaluated');
    assert.ok(!docs.includes('49'));
  });

  test('a name with ../ is refused by the pattern; a template without one cannot write outside its folder either', async () => {
    const run = io(root);
    const code = await runScaffold(['docs-addition', '--set', 'repository=../../escape', '--set', 'siteName=x', '--dry-run', '--out', path.join(work, 'escape'), '--templates', templates], run.io);
    assert.equal(code, 2);
    assert.match(run.stderr(), /repository \(Repository\) must match the pattern/);

    const loose = path.join(work, 'loose');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(loose, 'skeleton'), { recursive: true });
    await writeFile(path.join(loose, 'skeleton', '${{ values.file }}'), 'x');
    await writeFile(path.join(loose, 'template.yaml'), [
      'apiVersion: scaffolder.backstage.io/v1beta3', 'kind: Template', 'metadata: { name: loose }', 'spec:',
      '  parameters: [{ properties: { file: { type: string } } }]',
      '  steps: [{ id: f, action: "fetch:template", input: { url: ./skeleton, values: { file: "${{ parameters.file }}" } } }]', '',
    ].join('\n'));
    const looseRun = io(root);
    const looseCode = await runScaffold([path.join(loose, 'template.yaml'), '--set', 'file=../../outside.txt', '--dry-run', '--out', path.join(work, 'loose-out')], looseRun.io);
    assert.equal(looseCode, 1);
    assert.match(looseRun.stderr(), /template\.yaml:6: step f \(fetch:template\) failed: the name of \$\{\{ values\.file \}\} renders to "\.\.\/\.\.\/outside\.txt", which is not a single file or folder name/);
    await assert.rejects(readFile(path.join(work, 'outside.txt')));
  });

  test('an unknown action is refused with the template file and line, before anything runs', async () => {
    const dir = path.join(work, 'unknown-action');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'template.yaml'), [
      'apiVersion: scaffolder.backstage.io/v1beta3', 'kind: Template', 'metadata: { name: unknown-action }', 'spec:', '  steps:',
      '    - id: deploy', '      action: kubernetes:apply', '',
    ].join('\n'));
    const run = io(root);
    assert.equal(await runScaffold([path.join(dir, 'template.yaml'), '--dry-run', '--out', path.join(work, 'ua-out')], run.io), 2);
    assert.match(run.stderr(), /unknown-action\/template\.yaml:7:15: error: unknown action "kubernetes:apply" in step "deploy" \(unknown-action\)/);
    await assert.rejects(readdir(path.join(work, 'ua-out')));
  });
});

describe('backlot scaffold against the GitHub stand-in', () => {
  let github: GithubStandIn;
  let state: ScaffoldingState;
  let cwd: string;
  before(async () => {
    github = await startGithubStandIn({ org: 'acme-freight', repositories: [{ name: 'invoicing-service', files: { 'catalog-info.yaml': 'kind: Component\n', 'src/main.ts': 'x\n' } }] });
    state = scaffoldingState(github);
    state.teams.add('team-a');
    cwd = await mkdtemp(path.join(tmpdir(), 'backlot-scaffold-gh-'));
    await writeFile(path.join(cwd, 'backlot.config.yaml'), `source: github\ngithub:\n  org: acme-freight\n  baseUrl: ${github.baseUrl}\n  retries: 0\n`);
  });
  after(async () => {
    await github.close();
    await rm(cwd, { recursive: true, force: true });
  });
  const env = (summary: string) => ({ GITHUB_TOKEN: 'ghs_test', GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: 'acme-freight/backlot', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567', GITHUB_ACTOR: 'octo' });

  test('creates the repository, pushes every rendered file in one commit, sets topics, team access and protection, and writes the summary', async () => {
    const summary = path.join(cwd, 'summary.md');
    const run = io(cwd, env(summary));
    const out = path.join(cwd, 'ws-1');
    const code = await runScaffold(['typescript-service', '--set', 'name=parcel-weighing', '--set', 'description=Weighs parcels', '--set', 'owner=group:default/team-a', '--out', out, '--templates', templates], run.io);
    assert.equal(code, 0, run.stderr());
    const repo = github.repositories.get('parcel-weighing')!;
    assert.equal(repo.visibility, 'internal');
    assert.equal(repo.description, 'Weighs parcels');
    assert.deepEqual(repo.topics, ['typescript', 'service']);
    assert.deepEqual(state.teamAccess.get('parcel-weighing'), { 'team-a': 'admin' });
    assert.equal((state.protection.get('parcel-weighing')!.main as { required_pull_request_reviews: { required_approving_review_count: number } }).required_pull_request_reviews.required_approving_review_count, 1);
    const head = state.commits.get(state.refs.get('parcel-weighing')!.get('main')!)!;
    assert.deepEqual(head.parents, [], 'the history is one commit');
    assert.equal(head.message, 'Create parcel-weighing from the typescript-service template');
    const files = filesOfBranch(state, 'parcel-weighing', 'main');
    assert.deepEqual(repo.files, files, 'the contents API (what the catalog source reads) serves the pushed files');
    assert.deepEqual(Object.keys(files).sort(), (await listTree(out)));
    assert.equal(files['catalog-info.yaml'], await readFile(path.join(out, 'catalog-info.yaml'), 'utf8'));
    assert.match(files['.github/workflows/catalog-lint.yml']!, /uses: acme-freight\/backlot\/\.github\/workflows\/catalog-lint\.yml@0123456789abcdef0123456789abcdef01234567 /);
    const written = await readFile(summary, 'utf8');
    assert.match(written, /Created repository \[acme-freight\/parcel-weighing\]\(http:\/\/127\.0\.0\.1:\d+\/acme-freight\/parcel-weighing\)/);
    assert.match(written, /\[Repository\]\(<http:\/\/127\.0\.0\.1:\d+\/acme-freight\/parcel-weighing>\)/);
    assert.match(written, /component:default\/parcel-weighing/);
  });

  test('catalog:register holds: the next collection through the GitHub source finds the new component', async () => {
    const t = await createTestContext({ GITHUB_TOKEN: 'ghs_test' });
    try {
      const read = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { org: 'acme-freight', retries: 0 }));
      const found = read.entities.find((e) => e.located.ref === 'component:default/parcel-weighing');
      assert.ok(found, `found: ${read.entities.map((e) => e.located.ref).join(', ')}`);
      assert.equal(found.repository, 'acme-freight/parcel-weighing');
      assert.equal(found.located.entity.metadata.annotations?.['backstage.io/techdocs-ref'], 'dir:.');
      assert.equal(found.located.entity.spec?.owner, 'group:default/team-a');
    } finally {
      await t.remove();
    }
  });

  test('a second run with the same name fails clearly and sends no write request', async () => {
    const before = github.requests.length;
    const head = state.refs.get('parcel-weighing')!.get('main');
    const run = io(cwd, env(path.join(cwd, 'summary-2.md')));
    const code = await runScaffold(['typescript-service', '--set', 'name=parcel-weighing', '--set', 'description=Again', '--set', 'owner=team-a', '--out', path.join(cwd, 'ws-2'), '--templates', templates], run.io);
    assert.equal(code, 1);
    assert.match(run.stderr(), /repository acme-freight\/parcel-weighing already exists; nothing was changed/);
    const made = github.requests.slice(before);
    assert.deepEqual(made.map((r) => `${r.method} ${r.path}`), ['GET /repos/acme-freight/parcel-weighing']);
    assert.equal(state.refs.get('parcel-weighing')!.get('main'), head);
    assert.equal(github.repositories.get('parcel-weighing')!.description, 'Weighs parcels');
  });

  test('the docs addition opens a pull request with the files on a new branch over the existing tree', async () => {
    const summary = path.join(cwd, 'summary-pr.md');
    const run = io(cwd, env(summary));
    const code = await runScaffold(['docs-addition', '--set', 'repository=invoicing-service', '--set', 'siteName=Invoicing', '--out', path.join(cwd, 'ws-pr'), '--templates', templates], run.io);
    assert.equal(code, 0, run.stderr());
    const pulls = () => state.pulls.get('invoicing-service') ?? [];
    assert.deepEqual(pulls().map((p) => [p.number, p.title, p.head, p.base]), [[1, 'Add TechDocs documentation', 'backlot/add-docs', 'main']]);
    assert.deepEqual(Object.keys(filesOfBranch(state, 'invoicing-service', 'backlot/add-docs')).sort(), ['catalog-info.yaml', 'docs/index.md', 'mkdocs.yml', 'src/main.ts']);
    assert.deepEqual(Object.keys(filesOfBranch(state, 'invoicing-service', 'main')).sort(), ['catalog-info.yaml', 'src/main.ts'], 'the default branch is untouched');
    assert.match(await readFile(summary, 'utf8'), /Opened pull request \[acme-freight\/invoicing-service#1\]/);

    const again = io(cwd, env(path.join(cwd, 'summary-pr-2.md')));
    assert.equal(await runScaffold(['docs-addition', '--set', 'repository=invoicing-service', '--set', 'siteName=Invoicing', '--out', path.join(cwd, 'ws-pr-2'), '--templates', templates], again.io), 1);
    assert.match(again.stderr(), /branch backlot\/add-docs already exists in acme-freight\/invoicing-service; nothing was changed/);
    assert.equal(pulls().length, 1);
  });

  test('a real run without a token says which variable to set', async () => {
    const run = io(cwd, {});
    assert.equal(await runScaffold(['docs-addition', '--set', 'repository=x', '--set', 'siteName=x', '--out', path.join(cwd, 'ws-nt'), '--templates', templates], run.io), 2);
    assert.match(run.stderr(), /needs a token in \$GITHUB_TOKEN/);
  });
});

async function lintInFolder(folder: string): Promise<{ code: number; output: string }> {
  const output: string[] = [];
  const previous = process.cwd();
  process.chdir(folder);
  try {
    const code = await runLint(['catalog-info.yaml'], { stdout: { write: (s) => output.push(s) }, stderr: { write: (s) => output.push(s) }, env: {} });
    return { code, output: output.join('') };
  } finally {
    process.chdir(previous);
  }
}
