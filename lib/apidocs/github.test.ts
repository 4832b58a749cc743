// A large real-world definition: GitHub's REST API description, from the @octokit/openapi package
// (MIT, https://github.com/octokit/openapi), read from node_modules and never copied into the repo.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOpenApiView } from './openapi.ts';
import { parseDefinitionText } from './parseDefinitionText.ts';

const file = fileURLToPath(new URL('../../node_modules/@octokit/openapi/generated/api.github.com.json', import.meta.url));
const skip = existsSync(file) ? false : '@octokit/openapi is not installed: GitHub\'s OpenAPI description is absent';

test("builds the view of GitHub's REST API (13 MB, 1,000+ operations) with GET /orgs/{org}/repos and its parameters", { skip }, (t) => {
  const started = performance.now();
  const parsed = parseDefinitionText(readFileSync(file, 'utf8'), Number.POSITIVE_INFINITY);
  assert.ok(parsed.ok);
  const parsedAt = performance.now();
  const view = buildOpenApiView(parsed.document);
  const builtAt = performance.now();
  assert.equal(view.kind, 'openapi');
  if (view.kind !== 'openapi') return;
  t.diagnostic(`parse ${Math.round(parsedAt - started)} ms, view ${Math.round(builtAt - parsedAt)} ms, ${view.operationCount} operations, ${view.schemas.length} schemas`);

  assert.ok(view.operationCount > 1000);
  const operations = view.groups.flatMap((g) => g.operations);
  const listForOrg = operations.find((o) => o.operationId === 'repos/list-for-org');
  assert.ok(listForOrg);
  assert.equal(listForOrg.method, 'GET');
  assert.equal(listForOrg.path, '/orgs/{org}/repos');
  assert.equal(listForOrg.id, 'op-repos-list-for-org');
  assert.equal(view.groups.find((g) => g.operations.includes(listForOrg))?.name, 'repos');
  const parameters = new Map(listForOrg.parameters.map((p) => [p.name, p]));
  assert.deepEqual([...parameters.keys()].sort(), ['direction', 'org', 'page', 'per_page', 'sort', 'type']);
  assert.equal(parameters.get('org')?.in, 'path');
  assert.equal(parameters.get('org')?.required, true);
  assert.equal(parameters.get('per_page')?.type, 'integer');
  assert.ok((parameters.get('type')?.schema?.enumValues.length ?? 0) > 2, 'the $ref parameter `type` keeps its enum');
  const ok = listForOrg.responses.find((r) => r.status === '200');
  assert.match(ok?.content[0].schema?.type ?? '', /^array of /);
  assert.ok((ok?.content[0].schema?.children.length ?? 0) > 10, 'the repository schema is expanded');
  const ids = operations.map((o) => o.id);
  assert.equal(new Set(ids).size, ids.length, 'every operation anchor is unique');
});
