// The example organisation as a GitHub organisation in the stand-in: its repositories (files from
// examples/repos/), their Actions history (examples/exports/*/actions), a summary artifact, and
// deployments and alerts. Collected twice, catalog first and then the four signal collectors:
// the figures of the note (requests of a first and of an unchanged second run) come from here.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { GITHUB_DEFAULTS } from '../../lib/config/schema.ts';
import { resolveCollector } from '../../collectors/registry.ts';
import { createTestContext, TEST_TOKEN, type TestContext } from '../../collectors/github/testing/test-context.ts';
import { startGithubStandIn, type GithubStandIn, type StandInRepository } from '../../collectors/github/testing/github-stand-in.ts';
import type { StandInActions, StandInJob, StandInRun } from '../../collectors/github/testing/routes/actions.ts';
import type { StandInDeployment } from '../../collectors/github/testing/routes/deployments.ts';
import { summarizeReports } from '../../collectors/test-reports/summarize-reports.ts';
import { SUMMARY_ARTIFACT_NAME, SUMMARY_FILE } from '../../collectors/test-reports/summary-artifact.ts';

const root = path.resolve(import.meta.dirname, '../..');
const repos = path.join(root, 'examples/repos');
const exportsDir = path.join(root, 'examples/exports');
const ORG = 'acme-freight';

function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]) {
    if (statSync(path.join(dir, file)).isFile()) files[file.split(path.sep).join('/')] = readFileSync(path.join(dir, file), 'utf8');
  }
  return files;
}

/** The exported Actions bodies of a service as the stand-in's data. */
function actionsFromExports(service: string): StandInActions | undefined {
  const folder = path.join(exportsDir, service, 'actions');
  if (!existsSync(folder)) return undefined;
  const workflows = JSON.parse(readFileSync(path.join(folder, 'workflows.json'), 'utf8')).workflows as { id: number; name: string; path: string }[];
  const runs = JSON.parse(readFileSync(path.join(folder, 'runs.json'), 'utf8')).workflow_runs as Record<string, unknown>[];
  const jobsOf = (id: number, attempt: number): StandInJob[] | undefined => {
    const file = path.join(folder, 'jobs', `${id}-${attempt}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).jobs as StandInJob[]).map(({ name, conclusion }) => ({ name, conclusion })) : undefined;
  };
  return {
    workflows: workflows.map(({ id, name, path: p }) => ({ id, name, path: p })),
    runs: runs.map((r): StandInRun => {
      const attempt = r.run_attempt as number;
      const ok = r.conclusion === 'success';
      return {
        id: r.id as number, workflowId: r.workflow_id as number, branch: r.head_branch as string, headSha: r.head_sha as string,
        conclusion: r.conclusion as StandInRun['conclusion'], createdAt: r.created_at as string,
        durationSeconds: (Date.parse(r.updated_at as string) - Date.parse(r.run_started_at as string)) / 1000,
        actor: (r.actor as { login: string }).login, attempt,
        jobs: jobsOf(r.id as number, attempt) ?? [{ name: 'build', conclusion: ok ? 'success' : 'failure' }],
        ...(attempt > 1 ? { previousAttempts: Array.from({ length: attempt - 1 }, (_, i) => jobsOf(r.id as number, i + 1) ?? [{ name: 'build', conclusion: 'failure' }]) } : {}),
      };
    }),
  };
}

const deployments = (service: string): StandInDeployment[] => [
  { id: service.length * 10 + 1, environment: 'production', ref: 'v1.0.0', sha: 'a'.repeat(40), creator: 'amara-okafor', createdAt: '2026-11-18T09:00:00Z', statuses: [{ state: 'success', createdAt: '2026-11-18T09:05:00Z' }] },
  { id: service.length * 10 + 2, environment: 'staging', ref: 'main', sha: 'b'.repeat(40), creator: 'lena-fischer', createdAt: '2026-11-24T09:00:00Z', statuses: [{ state: 'success', createdAt: '2026-11-24T09:04:00Z' }] },
];

describe('the example organisation through the GitHub stand-in: requests of a first and an unchanged second run', { timeout: 120_000 }, () => {
  let standIn: GithubStandIn;
  let blobs: Server;
  let test: TestContext;
  const zips = new Map<string, Uint8Array>();

  before(async () => {
    blobs = createServer((request, response) => {
      const zip = zips.get(path.basename(request.url ?? ''));
      response.writeHead(zip ? 200 : 404, { 'content-type': 'application/zip' }).end(zip);
    });
    await new Promise<void>((resolve) => blobs.listen(0, '127.0.0.1', resolve));
    const blobBase = `http://127.0.0.1:${(blobs.address() as AddressInfo).port}`;
    const summary = await summarizeReports(path.join(exportsDir, 'shipment-service/tests'), { junit: ['*.xml'], lcov: ['*.info'], cobertura: [] }, { now: new Date('2026-11-20T12:00:00Z') });
    zips.set('77.zip', zipSync({ [SUMMARY_FILE]: new TextEncoder().encode(JSON.stringify(summary)) }));

    const repositories: StandInRepository[] = readdirSync(repos).sort().map((name) => {
      const actions = actionsFromExports(name);
      return {
        name,
        pushedAt: '2026-11-20T00:00:00Z',
        files: filesOf(path.join(repos, name)),
        extra: {
          ...(actions ? { actions: { ...actions, ...(name === 'shipment-service' ? { artifacts: [{ id: 77, name: SUMMARY_ARTIFACT_NAME, createdAt: '2026-11-20T12:10:00Z', sizeInBytes: 900 }], artifactBlobBase: blobBase } : {}) } } : {}),
          ...(actions ? { deployments: deployments(name) } : {}),
          securityAlerts: name === 'tracking-ingestor'
            ? { dependabot: 'forbidden', codeScanning: 'forbidden', secretScanning: 'forbidden' }
            : { dependabot: [{ number: 1, state: 'open', severity: 'high', createdAt: '2026-10-01T00:00:00Z', subject: 'jackson-databind' }], codeScanning: [], secretScanning: [] },
        },
      };
    });
    standIn = await startGithubStandIn({ org: ORG, repositories, token: TEST_TOKEN });
    test = await createTestContext({ GITHUB_TOKEN: TEST_TOKEN });
  });
  after(async () => {
    await standIn?.close();
    if (blobs) await new Promise((resolve) => blobs.close(resolve));
    await test?.remove();
  });

  /** One `backlot collect` as the CLI runs it: catalog, then the signal collectors, each with its own folders. */
  async function collectOnce() {
    const counts: Record<string, { requests: number; notModified: number; forbidden: number; items: number }> = {};
    const config = { ...test.context.config, source: 'github' as const, github: { ...GITHUB_DEFAULTS, org: ORG, baseUrl: standIn.baseUrl, retries: 1, timeoutMs: 5000 }, exports: { dir: 'no-exports-here' } };
    for (const name of ['catalog', 'ci', 'test-reports', 'deployments', 'security']) {
      const collector = await resolveCollector(name, root);
      const before = standIn.requests.length;
      const context = { ...test.context, config, root: test.context.root, outDir: path.join(test.dir, 'content', name), cacheDir: path.join(test.dir, 'cache', name) };
      const report = await collector.collect(context);
      const made = standIn.requests.slice(before);
      counts[name] = { requests: made.length, notModified: made.filter((r) => r.status === 304).length, forbidden: made.filter((r) => r.status === 403).length, items: report.items };
      assert.deepEqual(report.failures, [], `${name} failed on: ${JSON.stringify(report.failures)}`);
    }
    return counts;
  }

  it('collects every signal of the example services, then an unchanged second run asks only conditional requests that all answer 304', async (t) => {
    const first = await collectOnce();
    const second = await collectOnce();
    for (const [name, c] of Object.entries(first)) t.diagnostic(`${name}: first run ${c.requests} requests (${c.items} items); unchanged second run ${second[name]!.requests} requests, ${second[name]!.notModified} of them 304${second[name]!.forbidden ? `, ${second[name]!.forbidden} 403 (alerts the token may not read, asked again each run)` : ''}`);
    assert.ok(first.ci!.items >= 3 && first.deployments!.items >= 3 && first.security!.items >= 3 && first['test-reports']!.items >= 1, JSON.stringify(first));
    for (const name of ['ci', 'test-reports', 'deployments', 'security']) {
      assert.equal(second[name]!.notModified + second[name]!.forbidden, second[name]!.requests, `${name}: every request of the unchanged run is a 304 (or a 403 of an alert list the token may not read)`);
      assert.ok(second[name]!.requests <= first[name]!.requests, `${name}: no more requests than the first run`);
    }
    assert.equal(second.security!.forbidden, 3, 'the three alert lists of the repository whose token may not read them');
    const downloads = standIn.requests.filter((r) => r.path.includes('/artifacts/77/zip'));
    assert.equal(downloads.length, 1, 'the summary artifact is downloaded once, not again when unchanged');
  });

  it('when GitHub fails for one repository, its last good signals are kept and marked stale; the others are current', async () => {
    const envelopePath = (collector: string, name: string) => path.join(test.dir, 'content', collector, 'entities/default/component', `${name}.json`);
    const before = JSON.parse(readFileSync(envelopePath('ci', 'shipment-service'), 'utf8'));
    standIn.addFault({ path: /^\/repos\/acme-freight\/shipment-service\/actions\//, kind: 'server-error', times: Infinity });
    const collector = await resolveCollector('ci', root);
    const config = { ...test.context.config, source: 'github' as const, github: { ...GITHUB_DEFAULTS, org: ORG, baseUrl: standIn.baseUrl, retries: 0, timeoutMs: 5000 }, exports: { dir: 'no-exports-here' } };
    const later = new Date(test.context.now.getTime() + 3_600_000);
    const report = await collector.collect({ ...test.context, config, now: later, outDir: path.join(test.dir, 'content', 'ci'), cacheDir: path.join(test.dir, 'cache', 'ci') });
    assert.equal(report.partial, true);
    // Every entity of that repository (the service and its database) failed, and only those.
    assert.ok(report.failures.some((f) => f.item === 'component:default/shipment-service'));
    assert.ok(report.failures.every((f) => ['component:default/shipment-service', 'resource:default/shipments-db'].includes(f.item)), JSON.stringify(report.failures));
    const after = JSON.parse(readFileSync(envelopePath('ci', 'shipment-service'), 'utf8'));
    assert.deepEqual(after.data, before.data, 'last good data kept');
    assert.equal(after.stale.lastSuccessAt, before.collectedAt);
    assert.equal(after.stale.failedAt, later.toISOString());
    const other = JSON.parse(readFileSync(envelopePath('ci', 'tracking-ingestor'), 'utf8'));
    assert.equal(other.stale, undefined);
    assert.equal(other.collectedAt, later.toISOString());
  });
});
