// Regenerates the example organisation's exports (run by hand: `node examples/exports/make-examples.ts`).
// Test and coverage reports and the SARIF file are written by the real tools (Node's test runner,
// c8, ESLint) on a tiny project; Trivy and Grype reports are those tools' own golden files; the
// Actions exports are GitHub's recorded response shapes with the example's values; the Kubernetes
// export is written in the API's shape (no cluster here to ask).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTinyProject, runC8Cobertura, runNodeJUnit, runNodeLcov } from '../../collectors/test-reports/testing/run-real-tools.ts';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const recorded = JSON.parse(await readFile(path.join(root, 'collectors/github/testing/recordings/signals-examples.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const write = async (file: string, value: unknown) => {
  await mkdir(path.dirname(path.join(here, file)), { recursive: true });
  await writeFile(path.join(here, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n');
};
const strip = (text: string, dir: string) => text.replaceAll(dir + '/', '').replaceAll(`file://${dir}`, 'file://').replaceAll(dir, '.');

for (const service of ['shipment-service', 'tracking-ingestor', 'invoicing-service']) await rm(path.join(here, service), { recursive: true, force: true });

// Tests and coverage: Node's junit + lcov reporters (shipment-service), c8's cobertura (tracking-ingestor).
const project = await makeTinyProject();
await write('shipment-service/tests/junit.xml', strip(await readFile(await runNodeJUnit(project), 'utf8'), project));
await write('shipment-service/tests/lcov.info', strip(await readFile(await runNodeLcov(project), 'utf8'), project));
await write('tracking-ingestor/tests/junit.xml', strip(await readFile(await runNodeJUnit(project), 'utf8'), project));
await write('tracking-ingestor/tests/cobertura-coverage.xml', strip(await readFile(await runC8Cobertura(project), 'utf8'), project));

// Security: ESLint's SARIF over a small file; Trivy's and Grype's golden reports.
await writeFile(path.join(project, 'eslint.config.mjs'), 'export default [{ rules: { "no-eval": "error", "no-unused-vars": "warn" } }];\n');
await writeFile(path.join(project, 'label.js'), 'const unused = 1;\nexport function render(template) {\n  return eval(template);\n}\n');
const eslint = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '-f', path.join(root, 'node_modules/@microsoft/eslint-formatter-sarif/sarif.js'), 'label.js'], { cwd: project }).catch((e: { stdout: string }) => e);
await write('shipment-service/security/eslint.sarif', strip(eslint.stdout, project));
await copyFile(path.join(root, 'collectors/security/fixtures/trivy/alpine-310.json.golden.json'), path.join(here, 'shipment-service/security/trivy-image.json'));
await mkdir(path.join(here, 'tracking-ingestor/security'), { recursive: true });
await copyFile(path.join(root, 'collectors/security/fixtures/grype/TestJsonImgsPresenter.golden.json'), path.join(here, 'tracking-ingestor/security/grype-image.json'));

// Actions: workflows and default-branch runs in GitHub's recorded shapes.
const base = Date.parse('2026-11-20T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
function actions(slug: string, plan: { sha: string; ok: boolean; attempt?: number; minutes: number }[], dispatchable: boolean) {
  const web = `https://github.com/${slug}`;
  const workflows = [
    { ...recorded.workflow, id: 9001, name: 'CI', path: '.github/workflows/ci.yml', html_url: `${web}/blob/main/.github/workflows/ci.yml`, url: `https://api.github.com/repos/${slug}/actions/workflows/9001`, badge_url: `${web}/workflows/CI/badge.svg` },
    ...(dispatchable ? [{ ...recorded.workflow, id: 9002, name: 'Deploy', path: '.github/workflows/deploy.yml', html_url: `${web}/blob/main/.github/workflows/deploy.yml`, url: `https://api.github.com/repos/${slug}/actions/workflows/9002`, badge_url: `${web}/workflows/Deploy/badge.svg` }] : []),
  ];
  const runs = plan.map((p, i) => {
    const created = base - (plan.length - 1 - i) * 36 * 3_600_000;
    const id = 700_000 + i * 7 + slug.length;
    return {
      ...recorded.workflowRun,
      id,
      name: 'CI',
      workflow_id: 9001,
      path: '.github/workflows/ci.yml',
      head_branch: 'main',
      head_sha: p.sha.padEnd(40, '0'),
      display_title: `Merge pull request #${120 + i}`,
      event: 'push',
      status: 'completed',
      conclusion: p.ok ? 'success' : 'failure',
      run_attempt: p.attempt ?? 1,
      run_number: 300 + i,
      created_at: iso(created),
      run_started_at: iso(created),
      updated_at: iso(created + p.minutes * 60_000),
      html_url: `${web}/actions/runs/${id}`,
      url: `https://api.github.com/repos/${slug}/actions/runs/${id}`,
      actor: { ...(recorded.workflowRun.actor as object), login: ['amara-okafor', 'lena-fischer', 'dependabot[bot]'][i % 3] },
    };
  });
  return { workflows: { total_count: workflows.length, workflows }, runs: { total_count: runs.length, workflow_runs: [...runs].reverse() } };
}
const jobs = (names: [string, 'success' | 'failure'][]) => ({ total_count: names.length, jobs: names.map(([name, conclusion], i) => ({ ...recorded.job, id: 5000 + i, name, status: 'completed', conclusion })) });

const shipment = actions('acme-freight/shipment-service', [
  { sha: 'a1', ok: true, minutes: 7 }, { sha: 'a2', ok: true, minutes: 8 }, { sha: 'a3', ok: true, minutes: 7, attempt: 2 },
  { sha: 'a4', ok: false, minutes: 9 }, { sha: 'a4', ok: true, minutes: 8 }, { sha: 'a5', ok: true, minutes: 6 }, { sha: 'a6', ok: true, minutes: 7 },
], true);
await write('shipment-service/actions/workflows.json', shipment.workflows);
await write('shipment-service/actions/runs.json', shipment.runs);
const [r3, r4] = [shipment.runs.workflow_runs.find((r) => r.head_sha.startsWith('a3'))!, shipment.runs.workflow_runs.find((r) => r.head_sha.startsWith('a4') && r.conclusion === 'failure')!];
await write(`shipment-service/actions/jobs/${r3.id}-1.json`, jobs([['build', 'success'], ['contract-tests', 'failure']]));
await write(`shipment-service/actions/jobs/${r4.id}-1.json`, jobs([['build', 'success'], ['contract-tests', 'failure'], ['label-render', 'failure']]));

const ingestor = actions('acme-freight/tracking-ingestor', [
  { sha: 'b1', ok: true, minutes: 12 }, { sha: 'b2', ok: true, minutes: 14 }, { sha: 'b3', ok: false, minutes: 15 }, { sha: 'b4', ok: false, minutes: 16 },
], false);
await write('tracking-ingestor/actions/workflows.json', ingestor.workflows);
await write('tracking-ingestor/actions/runs.json', ingestor.runs);
const invoicing = actions('acme-freight/invoicing-service', [{ sha: 'c1', ok: true, minutes: 5 }, { sha: 'c2', ok: true, minutes: 5 }, { sha: 'c3', ok: true, minutes: 6 }], true);
await write('invoicing-service/actions/workflows.json', invoicing.workflows);
await write('invoicing-service/actions/runs.json', invoicing.runs);

// Kubernetes: `kubectl get deployments,pods -n logistics -o json` in the API's shape.
const deployment = (name: string, id: { label?: Record<string, string> }, replicas: number, ready: number, image: string, updated: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'logistics', creationTimestamp: '2026-03-02T08:00:00Z', labels: { app: name, ...id.label } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name, ...id.label } }, spec: { containers: [{ name, image }] } } },
  status: { replicas, readyReplicas: ready, conditions: [{ type: 'Progressing', status: 'True', lastUpdateTime: updated, reason: 'NewReplicaSetAvailable' }] },
});
const pod = (app: string, suffix: string, image: string, restarts: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `${app}-7d9f8-${suffix}`, namespace: 'logistics', labels: { app }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9f8`, controller: true }] },
  spec: { containers: [{ name: app, image }] },
  status: { phase: 'Running', containerStatuses: [{ name: app, image, ready: true, restartCount: restarts }] },
});
const shipImage = 'ghcr.io/acme-freight/shipment-service:1.42.0';
const ingestImage = 'ghcr.io/acme-freight/tracking-ingestor:3.8.1';
const invoiceImage = 'ghcr.io/acme-freight/invoicing-service:2.19.4';
await write('kubernetes/logistics.json', {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    deployment('shipment-service', { label: { 'backstage.io/kubernetes-id': 'shipment-service' } }, 3, 3, shipImage, '2026-11-19T15:20:00Z'),
    deployment('tracking-ingestor', { label: { 'backstage.io/kubernetes-id': 'tracking-ingestor' } }, 4, 3, ingestImage, '2026-09-01T10:00:00Z'),
    pod('shipment-service', 'x2lqp', shipImage, 0), pod('shipment-service', 'm8wzt', shipImage, 1), pod('shipment-service', 'k4rbn', shipImage, 0),
    pod('tracking-ingestor', 'p7hjd', ingestImage, 6), pod('tracking-ingestor', 'q2vsa', ingestImage, 11), pod('tracking-ingestor', 'c9kkw', ingestImage, 4),
  ],
});
await write('kubernetes/billing-deployments.json', { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { resourceVersion: '' }, items: [{ ...deployment('invoicing-service', { label: { 'backstage.io/kubernetes-id': 'invoicing-service' } }, 2, 2, invoiceImage, '2026-11-18T09:00:00Z'), metadata: { name: 'invoicing-service', namespace: 'billing', creationTimestamp: '2026-02-10T08:00:00Z', labels: { app: 'invoicing-service', 'backstage.io/kubernetes-id': 'invoicing-service' } } }] });
console.log('example exports written to', here);
