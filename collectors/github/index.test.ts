// Specifications of the GitHub organisation source, run against the API stand-in on 127.0.0.1.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readGithubCatalog } from './index.ts';
import type { RepositoryFacts } from './facts.ts';
import { repositoryFactsDir } from './facts.ts';
import { generateRepositories, startGithubStandIn } from './testing/github-stand-in.ts';
import type { GithubStandIn, StandInRepository } from './testing/github-stand-in.ts';
import { createTestContext, githubConfig, TEST_TOKEN } from './testing/test-context.ts';
import type { TestContext } from './testing/test-context.ts';

const fast = { retryBaseMs: 5 };
const env = { GITHUB_TOKEN: TEST_TOKEN };

const descriptor = (name: string, extra: string[] = []) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${name}`, 'spec:', '  type: service', '  lifecycle: production', '  owner: group:default/team-a', ...extra, ''].join('\n');

const repo = (name: string, more: Partial<StandInRepository> = {}): StandInRepository => ({
  name,
  pushedAt: '2026-01-01T00:00:00Z',
  files: { 'catalog-info.yaml': descriptor(name) },
  ...more,
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function readFacts(t: TestContext, name: string): Promise<RepositoryFacts> {
  return JSON.parse(await readFile(path.join(repositoryFactsDir(t.context), `${name}.json`), 'utf8')) as RepositoryFacts;
}

describe('an organisation of 250 repositories', () => {
  let github: GithubStandIn;
  let t: TestContext;
  before(async () => {
    github = await startGithubStandIn({ org: 'acme', repositories: generateRepositories(250, 'acme') });
    t = await createTestContext(env);
  });
  after(async () => {
    await github.close();
    await t.remove();
  });

  test('is read completely across three pages of 100 repositories', async () => {
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    assert.equal(result.entities.length, 250);
    assert.equal(result.repositories.length, 250);
    assert.equal(new Set(result.entities.map((e) => e.located.ref)).size, 250);
    assert.equal(result.report.partial, false);
    assert.deepEqual(result.report.failures, []);
    const listRequests = github.requests.filter((r) => r.path.startsWith('/orgs/acme/repos'));
    assert.equal(listRequests.length, 3);
    assert.ok(listRequests.every((r) => new URLSearchParams(r.path.split('?')[1]).get('per_page') === '100'));
    assert.equal(result.report.stats?.listPages, 3);
    assert.equal((await readdir(repositoryFactsDir(t.context))).length, 250);
    const facts = await readFacts(t, 'service-004');
    assert.deepEqual(facts.languages, { TypeScript: 1003, Shell: 10 });
    assert.equal(facts.openPullRequests, 3);
    assert.equal(facts.descriptorPath, 'catalog-info.yaml');
    assert.equal(facts.codeowners?.path, '.github/CODEOWNERS');
    assert.deepEqual(facts.codeowners?.rules[0]?.owners, ['@acme/team-3']);
    const entity = result.entities.find((e) => e.located.entity.metadata.name === 'service-004');
    assert.equal(entity?.repository, 'acme/service-004');
    assert.equal(entity?.sourceUrl, `${github.webUrl}/acme/service-004/blob/main/catalog-info.yaml#L1`);
  });

  test('a second run with nothing changed sends one conditional request per page of the list, all answered 304', async () => {
    github.requests.length = 0;
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    assert.ok(github.requests.length <= 3, `${github.requests.length} requests`);
    assert.ok(github.requests.every((r) => r.status === 304 && r.headers['if-none-match'] && r.path.startsWith('/orgs/acme/repos')));
    assert.equal(result.report.stats?.notModified, github.requests.length);
    assert.equal(result.report.stats?.repositoriesUnchanged, 250);
    assert.equal(result.entities.length, 250);
    assert.ok(t.output.some((line) => /github: 3 requests, 3 not modified \(304\), rate limit left \d+, \d+ ms/.test(line)));
  });

  test('re-reads a repository whose push time changed, and no other', async () => {
    github.push('service-007', { 'catalog-info.yaml': descriptor('service-007', ['  system: payments']) });
    github.requests.length = 0;
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    const repositoryRequests = github.requests.filter((r) => r.path.startsWith('/repos/'));
    assert.ok(repositoryRequests.length > 0);
    assert.ok(repositoryRequests.every((r) => r.path.startsWith('/repos/acme/service-007/')), repositoryRequests.map((r) => r.path).join('\n'));
    const entity = result.entities.find((e) => e.located.entity.metadata.name === 'service-007');
    assert.equal(entity?.located.entity.spec?.system, 'payments');
    assert.equal(result.report.stats?.repositoriesRead, 1);
    assert.equal(result.report.stats?.repositoriesUnchanged, 249);
  });
});

describe('fault isolation', () => {
  let github: GithubStandIn;
  let t: TestContext;
  before(async () => {
    github = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha'), repo('beta'), repo('gamma')] });
    t = await createTestContext(env);
  });
  after(async () => {
    await github.close();
    await t.remove();
  });

  test('a repository answering 500 on every attempt keeps its last good data, marked stale, and the run is partial', async () => {
    const first = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    assert.equal(first.entities.length, 3);
    const firstRunAt = t.context.now.toISOString();

    github.push('beta', { 'catalog-info.yaml': descriptor('beta', ['  system: renamed']) });
    github.addFault({ path: '/repos/acme/beta/contents/catalog-info.yaml', kind: 'server-error', times: 3 });
    t.context.now = new Date('2026-11-26T12:00:00Z');
    const second = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 2 }), fast);

    const attempts = github.requests.filter((r) => r.path.startsWith('/repos/acme/beta/contents/catalog-info.yaml') && r.status === 500);
    assert.equal(attempts.length, 3, 'one attempt and two retries');
    assert.equal(second.report.partial, true);
    assert.deepEqual(second.report.failures.map((f) => f.item), ['acme/beta']);
    const beta = second.entities.find((e) => e.located.entity.metadata.name === 'beta');
    assert.ok(beta, 'beta keeps its entity');
    assert.equal(beta.located.entity.spec?.system, undefined, 'the last good version, not the failed one');
    assert.equal(beta.stale?.failedAt, '2026-11-26T12:00:00.000Z');
    assert.equal(beta.stale?.lastSuccessAt, firstRunAt);
    assert.match(beta.stale?.error ?? '', /Server Error/);
    assert.ok(second.entities.filter((e) => e !== beta).every((e) => e.stale === undefined));
    assert.ok(second.problems.some((p) => p.rule === 'github-repository-stale' && p.message.includes('acme/beta')));
    assert.equal((await readFacts(t, 'beta')).stale?.lastSuccessAt, firstRunAt);
    assert.equal((await readFacts(t, 'alpha')).stale, undefined);
  });

  test('the stale repository is read again on the next run, and is fresh once it answers', async () => {
    t.context.now = new Date('2026-11-27T12:00:00Z');
    const third = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 2 }), fast);
    assert.equal(third.report.partial, false);
    const beta = third.entities.find((e) => e.located.entity.metadata.name === 'beta');
    assert.equal(beta?.stale, undefined);
    assert.equal(beta?.located.entity.spec?.system, 'renamed');
  });

  test('a repository that fails with no earlier data is reported as an error and the others are still read', async () => {
    github.repositories.set('delta', repo('delta'));
    github.addFault({ path: /^\/repos\/acme\/delta\/languages$/, kind: 'server-error', times: Infinity });
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 1 }), fast);
    assert.equal(result.report.partial, true);
    assert.deepEqual(result.report.failures.map((f) => f.item), ['acme/delta']);
    assert.ok(result.problems.some((p) => p.rule === 'github-repository-failed' && p.severity === 'error'));
    assert.deepEqual(result.entities.map((e) => e.located.entity.metadata.name).sort(), ['alpha', 'beta', 'gamma']);
  });

  test('after earlier 304s a 5xx retry still waits the first backoff step, not a later one', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha'), repo('beta')] });
    const s = await createTestContext(env);
    try {
      await readGithubCatalog(s.context, githubConfig(github.baseUrl), { retryBaseMs: 300 });
      github.push('beta', {});
      github.addFault({ path: '/repos/acme/beta/languages', kind: 'server-error', times: 1 });
      github.requests.length = 0;
      const result = await readGithubCatalog(s.context, githubConfig(github.baseUrl), { retryBaseMs: 300 });
      assert.ok(github.requests.some((r) => r.status === 304), 'earlier answers were 304s');
      assert.equal(result.report.partial, false);
      const [failed, retried] = github.requests.filter((r) => r.path === '/repos/acme/beta/languages');
      const gap = retried!.at - failed!.at;
      // First step: 1² × 300 ms. Octokit's retry plugin would wait 2² × 300 ms if 304s had left a retry count behind.
      assert.ok(gap >= 250 && gap < 900, `waited ${gap} ms`);
    } finally {
      await github.close();
      await s.remove();
    }
  });

  test('a request slower than timeoutMs is abandoned and retried', async () => {
    const slow = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha')] });
    const s = await createTestContext(env);
    try {
      slow.addFault({ path: '/repos/acme/alpha/languages', kind: 'slow', delayMs: 1500, times: 1 });
      const result = await readGithubCatalog(s.context, githubConfig(slow.baseUrl, { timeoutMs: 300 }), fast);
      assert.equal(result.report.partial, false);
      assert.equal(slow.requests.filter((r) => r.path === '/repos/acme/alpha/languages').length, 2);
    } finally {
      await slow.close();
      await s.remove();
    }
  });
});

describe('rate limits', () => {
  test('a secondary rate limit (403 with retry-after) is waited out and the request succeeds', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha'), repo('beta')] });
    const t = await createTestContext(env);
    try {
      github.addFault({ path: '/repos/acme/beta/languages', kind: 'secondary-rate-limit', retryAfterSeconds: 1, times: 1 });
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
      assert.equal(result.report.partial, false);
      assert.equal(result.entities.length, 2);
      const [limited, retried] = github.requests.filter((r) => r.path === '/repos/acme/beta/languages');
      assert.equal(limited?.status, 403);
      assert.equal(retried?.status, 200);
      assert.ok(retried.at - limited.at >= 950, `waited ${retried.at - limited.at} ms`);
      assert.equal(result.report.stats?.rateLimitWaits, 1);
      assert.ok(t.output.some((line) => line.includes('secondary rate limit')));
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('an exhausted primary rate limit (x-ratelimit-remaining 0) is waited out until x-ratelimit-reset', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha')] });
    const t = await createTestContext(env);
    try {
      github.addFault({ path: '/orgs/acme/repos', kind: 'primary-rate-limit', resetInSeconds: 1, times: 1 });
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
      assert.equal(result.report.partial, false);
      assert.equal(result.entities.length, 1);
      const [limited, retried] = github.requests.filter((r) => r.path.startsWith('/orgs/acme/repos'));
      assert.equal(limited?.status, 403);
      assert.equal(retried?.status, 200);
      const reset = (Math.floor(limited.at / 1000) + 1) * 1000;
      assert.ok(retried.at >= reset, `retried ${reset - retried.at} ms before the reset`);
    } finally {
      await github.close();
      await t.remove();
    }
  });
});

describe('the token', () => {
  test('never appears in the log, the cache, the written content or the result', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha'), repo('beta')] });
    const t = await createTestContext(env);
    try {
      github.addFault({ path: '/repos/acme/beta/languages', kind: 'server-error', times: Infinity });
      github.addFault({ path: '/repos/acme/alpha/languages', kind: 'secondary-rate-limit', retryAfterSeconds: 1, times: 1 });
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { retries: 1 }), fast);
      assert.ok(github.requests.every((r) => r.authenticated), 'the token was sent');
      assert.equal(result.report.partial, true, 'errors were logged and reported');
      assert.ok(t.output.length > 0);
      assert.ok(!t.output.join('').includes(TEST_TOKEN));
      assert.ok(!JSON.stringify(result).includes(TEST_TOKEN));
      const files = [...(await filesUnder(t.context.cacheDir)), ...(await filesUnder(t.context.root))];
      assert.ok(files.length >= 3, files.join('\n'));
      for (const file of files) assert.ok(!(await readFile(file, 'utf8')).includes(TEST_TOKEN), `${file} holds the token`);
    } finally {
      await github.close();
      await t.remove();
    }
  });

  test('when missing, nothing is requested and the failure says which variable to set', async () => {
    const github = await startGithubStandIn({ org: 'acme', repositories: [repo('alpha')] });
    const t = await createTestContext({});
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { tokenEnv: 'ACME_GITHUB_TOKEN' }), fast);
      assert.equal(github.requests.length, 0);
      assert.equal(result.unlisted?.kind, 'auth');
      assert.match(result.unlisted?.message ?? '', /ACME_GITHUB_TOKEN is not set/);
      assert.match(result.unlisted?.fix ?? '', /Set ACME_GITHUB_TOKEN to a personal access token/);
      assert.equal(result.report.partial, true);
    } finally {
      await github.close();
      await t.remove();
    }
  });
});

test('a file GitHub sends without content (over 1 MB) is fetched raw', async () => {
  const github = await startGithubStandIn({ org: 'acme', repositories: [repo('big', { files: { 'catalog-info.yaml': descriptor('big', ['  # ' + 'x'.repeat(400)]) } })], largeFileBytes: 200 });
  const t = await createTestContext(env);
  try {
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    assert.deepEqual(result.entities.map((e) => e.located.ref), ['component:default/big']);
    assert.ok(github.requests.some((r) => r.path.startsWith('/repos/acme/big/contents/catalog-info.yaml') && /vnd\.github\.raw/.test(r.headers.accept ?? '')));
  } finally {
    await github.close();
    await t.remove();
  }
});

describe('which repositories are read', () => {
  const org = [
    repo('svc-payments', { topics: ['backend'] }),
    repo('svc-web', { topics: ['frontend'] }),
    repo('svc-legacy-billing', { topics: ['backend'] }),
    repo('svc-old', { topics: ['backend'], archived: true }),
    repo('svc-copy', { topics: ['backend'], fork: true }),
    repo('tools', { topics: ['backend'] }),
  ];
  let github: GithubStandIn;
  before(async () => {
    github = await startGithubStandIn({ org: 'acme', repositories: org });
  });
  after(() => github.close());

  const namesRead = async (overrides: Parameters<typeof githubConfig>[1]) => {
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, overrides), fast);
      return result.repositories.map((r) => r.name).sort();
    } finally {
      await t.remove();
    }
  };

  test('archived repositories and forks are left out by default', async () => {
    assert.deepEqual(await namesRead({}), ['svc-legacy-billing', 'svc-payments', 'svc-web', 'tools']);
  });

  test('archived: true and forks: true read them too', async () => {
    assert.deepEqual(await namesRead({ archived: true, forks: true }), ['svc-copy', 'svc-legacy-billing', 'svc-old', 'svc-payments', 'svc-web', 'tools']);
  });

  test('include and exclude name patterns with * and a topics filter combine', async () => {
    assert.deepEqual(await namesRead({ include: ['svc-*'], exclude: ['*-legacy-*'], topics: ['backend'] }), ['svc-payments']);
  });
});

describe('owners from CODEOWNERS', () => {
  let github: GithubStandIn;
  before(async () => {
    github = await startGithubStandIn({
      org: 'acme',
      repositories: [
        repo('team-owned', { description: 'Owned by a team', files: { '.github/CODEOWNERS': '# owners\n* @acme/platform-team @alice\n/docs/ @acme/writers\n' } }),
        repo('user-owned', { files: { CODEOWNERS: '*.md @bob\n* @carol\n' } }),
        repo('unowned', { files: { 'README.md': '# unowned\n' } }),
        repo('descriptor-without-owner', {
          files: {
            'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: no-owner\nspec:\n  type: service\n  lifecycle: production\n',
            'docs/CODEOWNERS': '* @acme/docs-team\n',
          },
        }),
      ],
    });
  });
  after(() => github.close());

  test('a repository without a descriptor becomes a Component owned by the team of the * rule', async () => {
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl, { registerWithoutDescriptor: true }), fast);
      const byName = new Map(result.entities.map((e) => [e.located.entity.metadata.name, e.located.entity]));
      const teamOwned = byName.get('team-owned');
      assert.equal(teamOwned?.kind, 'Component');
      assert.equal(teamOwned?.spec?.owner, 'group:default/platform-team');
      assert.equal(teamOwned?.spec?.type, 'service');
      assert.equal(teamOwned?.metadata.description, 'Owned by a team');
      assert.equal(teamOwned?.metadata.annotations?.['github.com/project-slug'], 'acme/team-owned');
      assert.equal(teamOwned?.metadata.annotations?.['backstage.io/source-location'], `url:${github.webUrl}/acme/team-owned/tree/main/`);
      assert.equal(byName.get('user-owned')?.spec?.owner, 'user:default/carol');
      assert.equal(byName.get('unowned')?.spec?.owner, 'group:default/unknown');
      assert.ok(result.problems.some((p) => p.rule === 'github-no-owner' && p.message.includes('acme/unowned')));
      assert.equal((await readFacts(t, 'unowned')).descriptorPath, null);
    } finally {
      await t.remove();
    }
  });

  test('without registerWithoutDescriptor such a repository has facts but no entity', async () => {
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
      // Only the repository with a descriptor has an entity; the three without have none.
      assert.deepEqual(result.entities.map((e) => e.repository), ['acme/descriptor-without-owner']);
      assert.equal(result.repositories.length, 4);
    } finally {
      await t.remove();
    }
  });

  test('a descriptor entity without spec.owner takes the CODEOWNERS owner, with a warning saying so', async () => {
    const t = await createTestContext(env);
    try {
      const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
      assert.equal(result.problems.find((p) => p.rule === 'required-field' && p.message.startsWith('spec.owner')), undefined);
      const entity = result.entities.find((e) => e.repository === 'acme/descriptor-without-owner');
      assert.ok(entity, 'the entity is in the catalog, not excluded');
      assert.equal(entity.located.entity.spec?.owner, 'group:default/docs-team');
      const warning = result.problems.find((p) => p.rule === 'owner-from-codeowners');
      assert.ok(warning);
      assert.equal(warning.severity, 'warning');
      assert.equal(warning.entityRef, entity.located.ref);
      assert.match(warning.hint ?? '', /Add spec\.owner: group:default\/docs-team/);
      assert.equal(warning.file, `${github.webUrl}/acme/descriptor-without-owner/blob/main/catalog-info.yaml`);
    } finally {
      await t.remove();
    }
  });
});

describe('Location targets', () => {
  let github: GithubStandIn;
  let t: TestContext;
  before(async () => {
    // GitHub Enterprise Server layout: the API under /api/v3, blob URLs on the same host.
    github = await startGithubStandIn({ org: 'acme', prefix: '/api/v3', repositories: [] });
    const web = github.webUrl;
    github.repositories.set('catalog-root', repo('catalog-root', {
      files: {
        'catalog-info.yaml': [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Location',
          'metadata:',
          '  name: root',
          'spec:',
          '  targets:',
          '    - ./services/orders.yaml',
          `    - ${web}/acme/shared-apis/blob/main/apis/payments.yaml`,
          '    - https://github.com/acme/shared-apis/blob/main/apis/payments.yaml',
          `    - ${web}/other-org/shared/blob/main/catalog-info.yaml`,
          '    - ../../outside.yaml',
          '',
        ].join('\n'),
        'services/orders.yaml': descriptor('orders'),
      },
    }));
    github.repositories.set('shared-apis', repo('shared-apis', {
      files: {
        'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: shared\nspec:\n  targets: [./apis/payments.yaml]\n',
        'apis/payments.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: payments\nspec:\n  type: openapi\n  lifecycle: production\n  owner: group:default/team-a\n  definition: "openapi: 3.0.0"\n',
      },
    }));
    t = await createTestContext(env);
  });
  after(async () => {
    await github.close();
    await t.remove();
  });

  test('are followed inside the repository and across the organisation\'s repositories, and refused elsewhere', async () => {
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    const refs = result.entities.map((e) => e.located.ref).sort();
    assert.deepEqual(refs, ['api:default/payments', 'component:default/orders', 'location:default/root', 'location:default/shared']);
    const payments = result.entities.find((e) => e.located.ref === 'api:default/payments');
    assert.equal(payments?.repository, 'acme/shared-apis', 'an entity belongs to the repository holding its file');
    assert.equal(payments?.sourceUrl, `${github.webUrl}/acme/shared-apis/blob/main/apis/payments.yaml#L1`);
    const refused = result.problems.filter((p) => p.rule === 'location-refused').map((p) => p.message);
    assert.equal(refused.length, 3, refused.join('\n'));
    assert.ok(refused.some((m) => m.includes('https://github.com/acme/shared-apis') && m.includes('outside')));
    assert.ok(refused.some((m) => m.includes('other-org')));
    assert.ok(refused.some((m) => m.includes('leaves the repository')));
  });

  test('a change in a repository a Location reads from re-reads the repository holding the Location', async () => {
    github.push('shared-apis', { 'apis/payments.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: payments\n  description: v2\nspec:\n  type: openapi\n  lifecycle: production\n  owner: group:default/team-a\n  definition: "openapi: 3.0.0"\n' });
    github.requests.length = 0;
    const result = await readGithubCatalog(t.context, githubConfig(github.baseUrl), fast);
    assert.equal(result.report.stats?.repositoriesRead, 2);
    assert.ok(github.requests.some((r) => r.path.startsWith('/repos/acme/catalog-root/contents/catalog-info.yaml')));
    const payments = result.entities.filter((e) => e.located.ref === 'api:default/payments');
    assert.equal(payments.length, 1);
    assert.equal(payments[0]?.located.entity.metadata.description, 'v2');
  });
});
