import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKubernetesExport, parseLabelSelector, workloadsForEntity } from './kubernetes.ts';

// Objects in the shape of the Kubernetes API (apps/v1 Deployment, v1 Pod), reduced to the fields
// the parser reads: no real `kubectl get` output with status is published under a licence we can use.
const deployment = (name: string, labels: Record<string, string>, replicas: number, ready: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'logistics', labels },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name, ...labels } }, spec: { containers: [{ name: 'app', image: `ghcr.io/acme/${name}:1.0.0` }] } } },
  status: { replicas, readyReplicas: ready },
});
const pod = (app: string, restarts: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `${app}-x`, namespace: 'logistics', labels: { app }, ownerReferences: [{ kind: 'ReplicaSet', name: `${app}-5d9`, controller: true }] },
  spec: { containers: [{ name: 'app', image: `ghcr.io/acme/${app}:1.0.0` }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'app', restartCount: restarts, ready: true }] },
});

describe('exported Kubernetes state', () => {
  it('reads a kind: List of deployments and pods: replicas, images, restarts summed per workload', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [deployment('shipment', { 'backstage.io/kubernetes-id': 'shipment-service' }, 3, 2), pod('shipment', 4), pod('shipment', 1), pod('other', 9)] };
    const { value, problems } = parseKubernetesExport(JSON.stringify(list, null, 2), 'k8s.json');
    assert.deepEqual(problems, []);
    const [w] = value!.workloads;
    assert.equal(w!.desired, 3);
    assert.equal(w!.ready, 2);
    assert.equal(w!.restarts, 5);
    assert.equal(w!.pods, 2);
    assert.deepEqual(w!.images, ['ghcr.io/acme/shipment:1.0.0']);
  });

  it('reads a typed DeploymentList whose items carry no kind', () => {
    const d = deployment('tracking', {}, 2, 2) as Record<string, unknown>;
    delete d.kind;
    const { value } = parseKubernetesExport(JSON.stringify({ apiVersion: 'apps/v1', kind: 'DeploymentList', items: [d] }), 'deployments.json');
    assert.equal(value?.workloads[0]!.kind, 'Deployment');
  });

  it('matches entities by the kubernetes-id label or by a label selector, within the namespace annotation', () => {
    const { value } = parseKubernetesExport(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment('a', { 'backstage.io/kubernetes-id': 'svc-a', tier: 'web' }, 1, 1), deployment('b', { tier: 'worker', env: 'prod' }, 1, 0)] }), 'k.json');
    const workloads = value!.workloads;
    assert.deepEqual(workloadsForEntity({ 'backstage.io/kubernetes-id': 'svc-a' }, workloads).workloads.map((w) => w.name), ['a']);
    assert.deepEqual(workloadsForEntity({ 'backstage.io/kubernetes-label-selector': 'tier in (worker,batch),env=prod' }, workloads).workloads.map((w) => w.name), ['b']);
    assert.deepEqual(workloadsForEntity({ 'backstage.io/kubernetes-id': 'svc-a', 'backstage.io/kubernetes-namespace': 'payments' }, workloads).workloads, []);
    assert.match(workloadsForEntity({ 'backstage.io/kubernetes-label-selector': 'tier in (web' }, workloads).problem ?? '', /cannot read the label selector/);
  });

  it('label selectors: equality, inequality, set-based, existence and absence', () => {
    const test = parseLabelSelector('app=web,tier!=canary,env in (prod, staging),team,!legacy')!;
    assert.equal(test({ app: 'web', env: 'prod', team: 'x' }), true);
    assert.equal(test({ app: 'web', env: 'prod', team: 'x', legacy: '1' }), false);
    assert.equal(test({ app: 'web', env: 'dev', team: 'x' }), false);
    assert.equal(test({ app: 'web', tier: 'canary', env: 'prod', team: 'x' }), false);
  });

  it('reports a file that is not Kubernetes JSON, an item without a name, and a truncated file', () => {
    assert.match(parseKubernetesExport('{"items":[]}', 'x.json').problems[0]!.message, /not Kubernetes JSON/);
    const { value, problems } = parseKubernetesExport(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'Pod', metadata: {} }, deployment('ok', {}, 1, 1)] }, null, 2), 'k.json');
    assert.equal(value?.workloads.length, 1);
    assert.match(problems[0]!.message, /item 0 has no kind or metadata.name/);
    assert.equal(problems[0]!.line, 5);
    const cut = parseKubernetesExport('{"apiVersion":"v1","kind":"List","items":[{"kind":', 'cut.json');
    assert.equal(cut.value, undefined);
    assert.match(cut.problems[0]!.message, /ends too early/);
  });

  it('a label named __proto__ is refused with its line, under lib/parse\'s one rule for input data', () => {
    const { value, problems } = parseKubernetesExport(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [deployment('p', { ['__proto__']: 'x' } as Record<string, string>, 1, 1)] }, null, 2), 'p.json');
    assert.equal(({} as Record<string, unknown>).x, undefined);
    assert.equal(value, undefined);
    assert.match(problems[0]!.message, /The key "__proto__"/);
    assert.ok(problems[0]!.line > 1);
  });
});
