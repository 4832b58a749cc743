// The GraphQL path against the stand-in's GraphQL endpoint (GitHub's real schema): the same
// catalog and facts as the REST path for a fraction of the points, re-runs that cost nothing,
// per-repository failures from partial answers, and files GraphQL cannot give as text.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { repositoryFactsDir } from './facts.ts';
import { readGithubCatalog } from './index.ts';
import { generateRepositories, startGithubStandIn } from './testing/github-stand-in.ts';
import type { StandInRepository } from './testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN } from './testing/test-context.ts';

const fast = { retryBaseMs: 5 };
const env = { GITHUB_TOKEN: TEST_TOKEN };
const descriptor = (name: string) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${name}`, '  description: Café', 'spec:', '  type: service', '  lifecycle: production', '  owner: group:default/team-a', ''].join('\n');

describe('the GraphQL path', () => {
  test('reads the same entities and facts as REST for a fraction of the points; unchanged re-runs cost nothing, one change at most 3', async () => {
    const repositories = generateRepositories(250, 'acme');
    const rest = await startGithubStandIn({ org: 'acme', repositories });
    const graphql = await startGithubStandIn({ org: 'acme', repositories });
    const viaRest = await createTestContext(env);
    const viaGraphql = await createTestContext(env);
    try {
      const a = await readGithubCatalog(viaRest.context, githubConfig(rest.baseUrl, { api: 'rest', timeoutMs: 30_000 }), fast);
      const b = await readGithubCatalog(viaGraphql.context, githubConfig(graphql.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), fast);
      const normalise = (text: string, url: string) => text.replaceAll(url, 'HOST');
      assert.equal(b.entities.length, 250);
      assert.deepEqual(
        JSON.parse(normalise(JSON.stringify(b.entities), graphql.webUrl)),
        JSON.parse(normalise(JSON.stringify(a.entities), rest.webUrl)),
      );
      for (const name of ['service-001', 'service-004', 'service-250']) {
        const facts = (t: typeof viaRest, url: string) => readFile(path.join(repositoryFactsDir(t.context), `${name}.json`), 'utf8').then((text) => JSON.parse(normalise(text, url)) as unknown);
        assert.deepEqual(await facts(viaGraphql, graphql.webUrl), await facts(viaRest, rest.webUrl), name);
      }
      const restPoints = rest.points();
      const graphqlPoints = graphql.points();
      assert.equal(restPoints.core, 3 + 250 * 4, 'REST: the list, then descriptor, CODEOWNERS (found at its first place), languages, pull requests per repository');
      assert.equal(graphqlPoints.core, 3, 'GraphQL path: only the list over REST');
      assert.equal(graphqlPoints.graphql, 5, 'five queries of 50 repositories, one point each');
      assert.equal(b.report.stats?.graphqlPoints, 5, 'the points GitHub reported in rateLimit { cost }');

      graphql.requests.length = 0;
      const again = await readGithubCatalog(viaGraphql.context, githubConfig(graphql.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), fast);
      assert.equal(again.entities.length, 250);
      assert.deepEqual(graphql.points(), { core: 0, graphql: 0, search: 0 }, 'unchanged: 304s only');

      graphql.push('service-100', { 'catalog-info.yaml': repositories[99]!.files!['catalog-info.yaml']!.replace('Service number 100', 'Changed') });
      graphql.requests.length = 0;
      const changed = await readGithubCatalog(viaGraphql.context, githubConfig(graphql.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), fast);
      const points = graphql.points();
      assert.ok(points.core + points.graphql <= 3, JSON.stringify(points));
      assert.equal(changed.entities.find((e) => e.located.entity.metadata.name === 'service-100')?.located.entity.metadata.description, 'Changed');
      assert.equal(changed.report.stats?.repositoriesRead, 1);
    } finally {
      await Promise.all([rest.close(), graphql.close(), viaRest.remove(), viaGraphql.remove()]);
    }
  });

  test('a repository GraphQL cannot resolve (deleted after the listing) fails alone; the others of its batch are read', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(5, 'acme') });
    const t = await createTestContext(env);
    try {
      // Deleted between the listing and the query: the listing still names it.
      const original = github.repositories.get('service-003')!;
      const listed = await fetch(`${github.baseUrl}/orgs/acme/repos?per_page=100`).then((r) => r.json());
      github.repositories.delete('service-003');
      const answered = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), {
        ...fast,
        fetch: async (input, init) => (String(input).includes('/orgs/acme/repos') ? new Response(JSON.stringify(listed), { status: 200, headers: { 'content-type': 'application/json' } }) : fetch(input, init)),
      });
      assert.equal(answered.entities.length, 4);
      assert.deepEqual(answered.report.failures.map((f) => f.item), ['acme/service-003']);
      assert.match(answered.report.failures[0]!.message, /NOT_FOUND: Could not resolve to a Repository with the name 'acme\/service-003'/);
      assert.ok(original);
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('a descriptor not in UTF-8 is read over REST in its encoding, with a warning naming it', async () => {
    const latin1: StandInRepository = { name: 'legacy', pushedAt: '2026-01-01T00:00:00Z', binaryFiles: { 'catalog-info.yaml': Buffer.from(descriptor('legacy'), 'latin1') } };
    const utf16: StandInRepository = { name: 'windows', pushedAt: '2026-01-01T00:00:00Z', binaryFiles: { 'catalog-info.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(descriptor('windows'), 'utf16le')]) } };
    const github = await startGithubStandIn({ org: 'acme', repositories: [latin1, utf16] });
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), fast);
      assert.deepEqual(result.entities.map((e) => e.located.entity.metadata.description).sort(), ['Café', 'Café']);
      const warnings = result.problems.filter((p) => p.rule === 'file-encoding').map((p) => p.message).sort();
      assert.deepEqual(warnings, [
        'catalog-info.yaml is encoded as UTF-16LE, not UTF-8; it was read as UTF-16LE',
        'catalog-info.yaml is encoded as Windows-1252 (Latin-1), not UTF-8; it was read as Windows-1252 (Latin-1)',
      ]);
      assert.ok(github.requests.some((r) => r.path.startsWith('/repos/acme/legacy/contents/catalog-info.yaml')), 'read over REST');
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('a descriptor over github.maxFileBytes is refused from its size, never downloaded nor cached, and the hint names the key', async () => {
    const big = descriptor('big') + '# ' + 'x'.repeat(5000) + '\n';
    const github = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'big', pushedAt: '2026-01-01T00:00:00Z', files: { 'catalog-info.yaml': big } }] });
    for (const api of ['graphql', 'rest'] as const) {
      const t = await createTestContext(env);
      try {
        github.requests.length = 0;
        const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { api, maxFileBytes: 4096, timeoutMs: 30_000 }), fast);
        assert.equal(result.entities.length, 0);
        const refusal = result.problems.find((p) => p.rule === 'file-too-large');
        assert.match(refusal?.message ?? '', /is 5,\d{3} bytes, over the limit of 4,096 \(github\.maxFileBytes\): not downloaded/, api);
        assert.match(refusal?.hint ?? '', /raise github\.maxFileBytes/);
        assert.ok(!github.requests.some((r) => /vnd\.github\.raw/.test(r.headers.accept ?? '')), `${api}: never fetched raw`);
        const cache = await readFile(path.join(t.context.cacheDir, 'github', 'http.json'), 'utf8');
        assert.ok(!cache.includes(Buffer.from('x'.repeat(300)).toString('base64').slice(0, 40)), `${api}: the content is not cached`);
        assert.equal(github.requests.filter((r) => r.path.startsWith('/repos/acme/big/contents/catalog-info.yaml')).length, api === 'rest' ? 1 : 0);
      } finally {
        await t.remove();
      }
    }
    await github.close();
  });

  test('on a GitHub Enterprise Server prefix the GraphQL endpoint is /api/graphql', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(3, 'acme'), prefix: '/api/v3' });
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), fast);
      assert.equal(result.entities.length, 3);
      assert.equal(github.points().graphql, 1);
      assert.ok(github.requests.some((r) => r.path === '/graphql' && r.status === 200));
    } finally {
      await github.close();
      await t.remove();
    }
  });
});

describe('web URLs of the configured host', () => {
  test('a $text written as a blob or raw URL of the organisation is read through the API, authenticated and counted', async () => {
    const api = (name: string, target: string) =>
      ['---', 'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', `  name: ${name}`, 'spec:', '  type: openapi', '  lifecycle: production', '  owner: group:default/team-a', '  definition:', `    $text: ${target}`].join('\n');
    const github = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'specs', pushedAt: '2026-01-01T00:00:00Z', files: { 'openapi.yaml': 'openapi: 3.0.0\n' } }, { name: 'portal', pushedAt: '2026-01-01T00:00:00Z', files: {} }] });
    github.push('portal', { 'catalog-info.yaml': descriptor('portal') + api('by-blob', `${github.webUrl}/acme/specs/blob/main/openapi.yaml`) + '\n' + api('by-raw', `${github.webUrl}/raw/acme/specs/main/openapi.yaml`) + '\n' });
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { api: 'graphql', timeoutMs: 30_000 }), fast);
      const definitions = result.entities.filter((e) => e.located.entity.kind === 'API').map((e) => [e.located.entity.metadata.name, (e.located.entity.spec as { definition: string }).definition]);
      assert.deepEqual(definitions.sort(), [['by-blob', 'openapi: 3.0.0\n'], ['by-raw', 'openapi: 3.0.0\n']]);
      const reads = github.requests.filter((r) => r.path.startsWith('/repos/acme/specs/contents/openapi.yaml'));
      assert.equal(reads.length, 1, 'read once through the contents API for both URLs');
      assert.ok(reads.every((r) => r.authenticated));
      assert.equal(result.report.stats?.requests, github.requests.length, 'counted in the run\'s request stats');
    } finally {
      await github.close();
      await t.remove();
    }
  });
});
