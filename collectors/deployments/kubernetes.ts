// Exported Kubernetes state (`kubectl get deployments,pods -o json` written to the exports folder):
// a `kind: List`, a typed list (DeploymentList, PodList …) or a single object. Reduced to workloads
// with replicas desired/ready, images and restarts, and matched to catalog entities the way
// Backstage's Kubernetes plugin does: the `backstage.io/kubernetes-id` label, or the entity's
// `backstage.io/kubernetes-label-selector` annotation.
import { ReportError, type ParseResult, type ReportProblem } from '../../lib/reports/problem.ts';
import { parseJsonReport } from '../../lib/reports/json-report.ts';

export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const LABEL_SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';
export const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

export interface Workload {
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** Replicas asked for (DaemonSets: nodes scheduled). */
  desired: number;
  ready: number;
  images: string[];
  /** Container restarts summed over the workload's pods. */
  restarts: number;
  pods: number;
  /** The pod template's labels and the selector, for matching. */
  selector: Record<string, string>;
  /** Latest rollout activity: the newest condition update, else the creation time (absent if neither is given). */
  updatedAt?: string;
}

export interface KubernetesState {
  workloads: Workload[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const strings = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = Object.create(null);
  for (const [k, value] of Object.entries(obj(v) ?? {})) if (typeof value === 'string') out[k] = value;
  return out;
};
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function parseKubernetesExport(text: string, file: string): ParseResult<KubernetesState> {
  let json;
  try {
    json = parseJsonReport(text);
  } catch (error) {
    if (error instanceof ReportError) return { problems: [{ file, line: error.line, column: error.column, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }] };
    throw error;
  }
  const root = obj(json.value);
  const kind = typeof root?.kind === 'string' ? root.kind : undefined;
  if (!root || !kind || typeof root.apiVersion !== 'string') {
    return { problems: [{ file, line: 1, column: 1, message: 'is not Kubernetes JSON: no apiVersion and kind at the top', hint: 'write it with `kubectl get deployments,pods -o json`' }] };
  }
  const items = kind === 'List' || kind.endsWith('List') ? (Array.isArray(root.items) ? root.items : undefined) : [root];
  if (!items) return { problems: [{ ...pos(json.positionOf(['items']), file), message: `is a ${kind} without an items array; skipped` }] };

  const problems: ReportProblem[] = [];
  const workloads: Workload[] = [];
  const pods: { namespace: string; labels: Record<string, string>; owner?: string; restarts: number; images: string[] }[] = [];
  items.forEach((value, i) => {
    const item = obj(value);
    const itemKind = typeof item?.kind === 'string' ? item.kind : kind.endsWith('List') && kind !== 'List' ? kind.slice(0, -4) : undefined;
    const metadata = obj(item?.metadata);
    const name = typeof metadata?.name === 'string' ? metadata.name : undefined;
    if (!item || !itemKind || !name) {
      problems.push({ ...pos(json.positionOf(['items', i]), file), message: `item ${i} has no kind or metadata.name; skipped` });
      return;
    }
    const namespace = typeof metadata?.namespace === 'string' ? metadata.namespace : 'default';
    const spec = obj(item.spec);
    const status = obj(item.status);
    if (WORKLOAD_KINDS.has(itemKind)) {
      const template = obj(spec?.template);
      const containers = (obj(template?.spec)?.containers as unknown[] | undefined) ?? [];
      workloads.push({
        kind: itemKind,
        name,
        namespace,
        labels: { ...strings(obj(template?.metadata)?.labels), ...strings(metadata?.labels) },
        desired: itemKind === 'DaemonSet' ? num(status?.desiredNumberScheduled) : spec?.replicas === undefined ? 1 : num(spec.replicas),
        ready: itemKind === 'DaemonSet' ? num(status?.numberReady) : num(status?.readyReplicas),
        images: [...new Set(containers.map((c) => obj(c)?.image).filter((x): x is string => typeof x === 'string'))],
        restarts: 0,
        pods: 0,
        selector: strings(obj(spec?.selector)?.matchLabels),
        ...latestActivity(metadata, status),
      });
    } else if (itemKind === 'Pod') {
      const statuses = (status?.containerStatuses as unknown[] | undefined) ?? [];
      const owner = ((metadata?.ownerReferences as unknown[] | undefined) ?? []).map(obj).find((o) => o?.controller === true);
      pods.push({
        namespace,
        labels: strings(metadata?.labels),
        ...(typeof owner?.name === 'string' ? { owner: owner.name } : {}),
        restarts: statuses.reduce<number>((sum, s) => sum + num(obj(s)?.restartCount), 0),
        images: ((obj(item.spec)?.containers as unknown[] | undefined) ?? []).map((c) => obj(c)?.image).filter((x): x is string => typeof x === 'string'),
      });
    }
  });
  // A pod belongs to the workload whose selector its labels satisfy, in the same namespace.
  for (const pod of pods) {
    const workload = workloads.find((w) => w.namespace === pod.namespace && Object.keys(w.selector).length > 0 && matchesEquality(pod.labels, w.selector));
    if (workload) {
      workload.pods++;
      workload.restarts += pod.restarts;
    }
  }
  return { value: { workloads }, problems };
}

function latestActivity(metadata: Obj | undefined, status: Obj | undefined): { updatedAt?: string } {
  const times = ((status?.conditions as unknown[] | undefined) ?? [])
    .map((c) => obj(c)?.lastUpdateTime ?? obj(c)?.lastTransitionTime)
    .concat(metadata?.creationTimestamp)
    .filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t)))
    .sort();
  return times.length ? { updatedAt: times.at(-1)! } : {};
}

const pos = (p: { line: number; column: number }, file: string) => ({ file, line: p.line, column: p.column });

const matchesEquality = (labels: Record<string, string>, wanted: Record<string, string>) => Object.entries(wanted).every(([k, v]) => labels[k] === v);

/**
 * Backstage's label selector annotation, e.g. `app=shipment,tier!=canary,env in (prod,staging),!legacy`:
 * equality, inequality, set-based and existence requirements, comma-separated (all must hold).
 * Returns undefined for a selector it cannot read, so the caller can report it.
 */
export function parseLabelSelector(selector: string): ((labels: Record<string, string>) => boolean) | undefined {
  const parts = selector.match(/([^,(]+(\([^)]*\))?)/g)?.map((p) => p.trim()).filter(Boolean) ?? [];
  if (parts.length === 0) return undefined;
  const tests: ((labels: Record<string, string>) => boolean)[] = [];
  for (const part of parts) {
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(part))) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      tests.push(op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value);
    } else if ((m = /^([\w./-]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      const [, key, op, list] = m as unknown as [string, string, string, string];
      const values = new Set(list.split(',').map((v) => v.trim()));
      tests.push(op === 'in' ? (l) => l[key] !== undefined && values.has(l[key]!) : (l) => l[key] === undefined || !values.has(l[key]!));
    } else if ((m = /^!([\w./-]+)$/.exec(part))) {
      const key = m[1]!;
      tests.push((l) => l[key] === undefined);
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      const key = m[1]!;
      tests.push((l) => l[key] !== undefined);
    } else return undefined;
  }
  return (labels) => tests.every((t) => t(labels));
}

/** The workloads that belong to an entity, by its annotations; `problem` when its selector cannot be read. */
export function workloadsForEntity(annotations: Record<string, string>, workloads: Workload[]): { workloads: Workload[]; problem?: string } {
  const namespace = annotations[NAMESPACE_ANNOTATION];
  const inNamespace = (w: Workload) => !namespace || w.namespace === namespace;
  const selector = annotations[LABEL_SELECTOR_ANNOTATION];
  if (selector) {
    const test = parseLabelSelector(selector);
    if (!test) return { workloads: [], problem: `cannot read the label selector "${selector}" (annotation ${LABEL_SELECTOR_ANNOTATION})` };
    return { workloads: workloads.filter((w) => inNamespace(w) && test(w.labels)) };
  }
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  if (!id) return { workloads: [] };
  return { workloads: workloads.filter((w) => inNamespace(w) && w.labels[KUBERNETES_ID_LABEL] === id) };
}
