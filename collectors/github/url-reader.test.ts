import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { catalogCollector } from '../catalog/collector.ts';
import { openGithubApi } from './api.ts';
import { startGithubStandIn } from './testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN } from './testing/test-context.ts';
import { createGithubUrlReader } from './url-reader.ts';

test('the GitHub URL reader reads web URLs of its organisation through the API (authenticated, cached, counted) and claims no others', async () => {
  const github = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'specs', files: { 'openapi.yaml': 'openapi: 3.0.0\n' } }] });
  const t = await createTestContext({ GITHUB_TOKEN: TEST_TOKEN });
  try {
    t.context.config = { ...t.context.config, github: githubConfig(github.baseUrl) };
    const api = await openGithubApi(t.context, { retryBaseMs: 5 });
    const reader = createGithubUrlReader(api);
    const blob = new URL(`${github.webUrl}/acme/specs/blob/main/openapi.yaml`);
    assert.equal(reader.handles(blob), true);
    assert.equal(reader.handles(new URL(`${github.webUrl}/other-org/specs/blob/main/openapi.yaml`)), false);
    assert.equal(reader.handles(new URL('https://example.com/acme/specs/blob/main/openapi.yaml')), false);
    assert.equal(await reader.read(blob, { maxBytes: 1024 }), 'openapi: 3.0.0\n');
    assert.equal(await reader.read(new URL(`${github.webUrl}/acme/specs/blob/main/missing.yaml`), { maxBytes: 1024 }), null);
    await assert.rejects(reader.read(blob, { maxBytes: 4 }), /over the limit of 4 \(github\.maxFileBytes\)/);
    assert.equal(api.counters.requests, 3);
    assert.ok(github.requests.every((r) => r.authenticated && r.path.startsWith('/repos/acme/specs/contents/')));
    await api.save();
    const again = createGithubUrlReader(await openGithubApi(t.context, { retryBaseMs: 5 }));
    github.requests.length = 0;
    assert.equal(await again.read(blob, { maxBytes: 1024 }), 'openapi: 3.0.0\n');
    assert.equal(github.requests[0]?.status, 304, 'answered from the saved ETag');
  } finally {
    await github.close();
    await t.remove();
  }
});

test('collect from a local folder: a $text written as a web URL of the configured organisation is read through the API and counted', async () => {
  const github = await startGithubStandIn({ org: 'acme', repositories: [{ name: 'specs', files: { 'openapi.yaml': 'openapi: 3.0.0\n' } }] });
  const t = await createTestContext({ GITHUB_TOKEN: TEST_TOKEN });
  try {
    const folder = path.join(t.dir, 'catalog');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'catalog-info.yaml'), [
      'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: payments', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: group:default/team-a',
      '  definition:', `    $text: ${github.webUrl}/acme/specs/blob/main/openapi.yaml`, '',
    ].join('\n'));
    t.context.root = t.dir;
    t.context.config = { ...t.context.config, source: 'local', catalog: { ...t.context.config.catalog, locations: [folder] }, github: githubConfig(github.baseUrl) };
    const report = await catalogCollector.collect(t.context);
    assert.equal(report.items, 1);
    const record = JSON.parse(await readFile(path.join(t.context.outDir, 'entities/default/api/payments.json'), 'utf8')) as { entity: { spec: { definition: string } } };
    assert.equal(record.entity.spec.definition, 'openapi: 3.0.0\n');
    assert.equal(report.stats?.githubRequests, 1);
    assert.ok(github.requests.length === 1 && github.requests[0]!.authenticated && github.requests[0]!.path.startsWith('/repos/acme/specs/contents/openapi.yaml'));
  } finally {
    await github.close();
    await t.remove();
  }
});
