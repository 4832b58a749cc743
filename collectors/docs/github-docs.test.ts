// Docs through the GitHub source, against the API stand-in: what each run costs in requests.
// Unchanged repository → none beyond the catalog's; one file changed → the tree plus that file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogCollector } from '../catalog/collector.ts';
import { docsCollector } from './collector.ts';
import { startGithubStandIn, type GithubStandIn } from '../github/testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN, type TestContext } from '../github/testing/test-context.ts';
import { CONFIG_DEFAULTS } from '../../lib/config/schema.ts';
import type { CollectorContext } from '../types.ts';
import type { DocsRecord } from '../../lib/docs/records.ts';
import { PIXEL_PNG } from '../../tests/docs/docs-org.ts';

const descriptor = (name: string, annotations: string[]) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${name}`, '  annotations:', ...annotations.map((a) => `    ${a}`), 'spec:', '  type: service', '  lifecycle: production', '  owner: group:default/team-a', ''].join('\n');

let github: GithubStandIn;
let t: TestContext;
let catalog: CollectorContext;
let docs: CollectorContext;

before(async () => {
  github = await startGithubStandIn({
    org: 'acme',
    token: TEST_TOKEN,
    repositories: [
      {
        name: 'handbook',
        pushedAt: '2026-01-01T00:00:00Z',
        files: {
          'catalog-info.yaml': descriptor('handbook', ['backstage.io/techdocs-ref: dir:.']),
          'mkdocs.yml': 'site_name: Handbook\nnav:\n  - Home: index.md\n  - Guide: guide.md\n',
          'docs/index.md': '# Handbook\n\n![pixel](img/pixel.png) Read the [guide](guide.md).\n',
          'docs/guide.md': '# Guide\n\nFirst version.\n',
          'src/main.ts': 'export {};\n',
        },
        binaryFiles: { 'docs/img/pixel.png': PIXEL_PNG },
        extra: { 'git-symlinks': { 'docs/passwd.md': '/etc/passwd' } },
      },
      { name: 'tracker', pushedAt: '2026-01-01T00:00:00Z', files: { 'catalog-info.yaml': descriptor('tracker', ['backstage.io/techdocs-ref: url:https://github.com/acme/handbook/tree/main/']) } },
      { name: 'plain', pushedAt: '2026-01-01T00:00:00Z', files: { 'catalog-info.yaml': descriptor('plain', []) } },
    ],
  });
  t = await createTestContext({ GITHUB_TOKEN: TEST_TOKEN });
  const config = { ...CONFIG_DEFAULTS, source: 'github' as const, github: githubConfig(github.baseUrl) };
  catalog = { ...t.context, config };
  const content = path.dirname(t.context.outDir);
  docs = { ...t.context, config, outDir: path.join(content, 'docs'), cacheDir: path.join(t.dir, 'cache', 'docs') };
});
after(async () => {
  await github.close();
  await t.remove();
});

/** One portal run (catalog, then docs); the requests the docs collector made. */
async function run() {
  await catalogCollector.collect(catalog);
  const before = github.requests.length;
  const report = await docsCollector.collect(docs);
  return { report, requests: github.requests.slice(before).map((r) => `${r.method} ${r.path.split('?')[0]}`) };
}

const readDocs = async (name: string) => JSON.parse(await readFile(path.join(docs.outDir, 'entities/default/component', `${name}.json`), 'utf8')) as DocsRecord;

test('first run: one tree listing and one blob per docs file of the repository; url: reuses the same repository', async () => {
  const { report, requests } = await run();
  const trees = requests.filter((r) => r.includes('/git/trees/'));
  const blobs = requests.filter((r) => r.includes('/git/blobs/'));
  // handbook's own docs, then tracker's url: to handbook — a second read of the same repository from the cache.
  assert.deepEqual(trees, ['GET /repos/acme/handbook/git/trees/main']);
  assert.equal(blobs.length, 4, 'mkdocs.yml, two pages, one image — never src/ or the symlink');
  assert.deepEqual(requests.filter((r) => r.endsWith('/tags')), ['GET /repos/acme/handbook/tags'], 'one listing of release tags (none yet)');
  assert.equal(requests.length, 6);
  assert.equal(report.stats?.githubRequests, 6);
  const handbook = await readDocs('handbook');
  const [version] = handbook.versions;
  assert.deepEqual(version.pages.map((p) => p.path), ['guide.md', 'index.md']);
  assert.deepEqual(Object.keys(version.assets), ['img/pixel.png']);
  assert.equal(version.editBase, `${github.webUrl}/acme/handbook/edit/main/docs/`);
  assert.equal(version.pages[0].lastUpdated?.at, '2026-01-01T00:00:00Z');
  assert.ok(version.problems.some((p) => p.file === 'docs/passwd.md' && /symbolic link/.test(p.message)));
  assert.deepEqual((await readDocs('tracker')).versions[0].pages.map((p) => p.path), ['guide.md', 'index.md']);
});

test('second run, nothing pushed: the docs cost no request at all', async () => {
  const { report, requests } = await run();
  assert.deepEqual(requests, []);
  assert.equal(report.stats?.repositoriesUnchanged, 2);
  assert.equal((await readDocs('handbook')).versions[0].pages.length, 2);
});

test('one file changed: the tree listing plus that one file', async () => {
  github.push('handbook', { 'docs/guide.md': '# Guide\n\nSecond version.\n' });
  const { requests } = await run();
  assert.deepEqual(requests.filter((r) => r.includes('/git/')).map((r) => r.replace(/[0-9a-f]{40}$/, '<sha>')), [
    'GET /repos/acme/handbook/git/trees/main',
    'GET /repos/acme/handbook/git/blobs/<sha>',
  ]);
  assert.equal(requests.length, 3, 'and the tag listing; tracker, whose docs are in handbook, reads them from the cache of this run');
  const guide = (await readDocs('handbook')).versions[0].pages.find((p) => p.path === 'guide.md')!;
  assert.match(guide.markdown, /Second version/);
  assert.notEqual(guide.lastUpdated?.at, '2026-01-01T00:00:00Z', 'the date of the push that changed it');
  const index = (await readDocs('handbook')).versions[0].pages.find((p) => p.path === 'index.md')!;
  assert.equal(index.lastUpdated?.at, '2026-01-01T00:00:00Z', 'an unchanged page keeps its date');
});

test('release tags through the API: the newest matching ones become versions, each costs its tree plus the blobs not read before', async () => {
  const handbook = github.repositories.get('handbook')!;
  const files = { ...handbook.files! };
  handbook.extra = {
    ...handbook.extra,
    'git-tags': {
      'v1.9': { files: { ...files, 'docs/guide.md': '# Guide\n\nRelease 1.9.\n' } },
      'v1.10': { files, binaryFiles: { 'docs/img/pixel.png': PIXEL_PNG } },
      'v0.1': { files: { ...files, 'docs/guide.md': '# Guide\n\nAncient.\n' } },
      'nightly-2026': { files },
    },
  };
  github.push('handbook', {});
  const { requests } = await run();
  const shown = requests.map((r) => r.replace(/[0-9a-f]{40}$/, '<sha>'));
  // v1.10 sorts above v1.9 (version order, not text); `last: 3` keeps v1.10, v1.9, v0.1; nightly does not match v*.
  assert.deepEqual(shown, [
    'GET /repos/acme/handbook/git/trees/main',
    'GET /repos/acme/handbook/tags',
    'GET /repos/acme/handbook/git/trees/<sha>',
    'GET /repos/acme/handbook/git/trees/<sha>',
    'GET /repos/acme/handbook/git/blobs/<sha>',
    'GET /repos/acme/handbook/git/trees/<sha>',
    'GET /repos/acme/handbook/git/blobs/<sha>',
  ], 'v1.10 is the default branch\'s files: its tree only; v1.9 and v0.1 one changed page each');
  const record = await readDocs('handbook');
  assert.deepEqual(record.versions.map((v) => [v.label, v.slug, v.isDefault]), [['main', '', true], ['v1.10', 'v1.10', false], ['v1.9', 'v1.9', false], ['v0.1', 'v0.1', false]]);
  assert.match(record.versions[2].pages.find((p) => p.path === 'guide.md')!.markdown, /Release 1\.9/);
  assert.deepEqual(Object.keys(record.versions[1].assets), ['img/pixel.png'], 'a tag\'s images are published too');

  assert.deepEqual((await run()).requests, [], 'nothing pushed: no request, the tag versions come from the cache');
  github.push('handbook', { 'docs/guide.md': '# Guide\n\nThird version.\n' });
  const again = (await run()).requests.map((r) => r.replace(/[0-9a-f]{40}$/, '<sha>'));
  assert.deepEqual(again, ['GET /repos/acme/handbook/git/trees/main', 'GET /repos/acme/handbook/git/blobs/<sha>', 'GET /repos/acme/handbook/tags'], 'tags whose commit did not move cost nothing');
  assert.equal((await readDocs('handbook')).versions.length, 4);
});

test('a tag pattern is git\'s glob: * and ? are wildcards, every other character is itself', async () => {
  const { tagPattern } = await import('./github-docs.ts');
  assert.ok(tagPattern('v*').test('v1.2.3'));
  assert.ok(!tagPattern('v*').test('release-v1'));
  assert.ok(tagPattern('release-?.*').test('release-1.0'));
  assert.ok(!tagPattern('v1.*').test('v1x2'), 'a dot is a dot');
  assert.ok(!tagPattern('(a|b)*').test('a1'), 'regular expression syntax is literal');
});

test('without a usable token the docs of GitHub entities are kept from the last run, marked stale, with what to do', async () => {
  const report = await docsCollector.collect({ ...docs, env: {} });
  const failure = report.failures.find((f) => f.item === 'component:default/handbook');
  assert.match(failure?.message ?? '', /GitHub cannot be read: GITHUB_TOKEN is not set\. Set GITHUB_TOKEN to a token/);
  const handbook = await readDocs('handbook');
  assert.ok(handbook.stale, 'marked stale');
  assert.equal(handbook.versions.length, 4, 'the last good versions are kept');
});
