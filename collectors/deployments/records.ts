// What the deployments collector writes per entity, and what the deployments section reads.
import type { EnvironmentDeployment } from './github-deployments.ts';
import type { Workload } from './kubernetes.ts';

export interface DeployedWorkload extends Omit<Workload, 'selector' | 'labels'> {
  /** The export file it was read from. */
  file: string;
}

export interface DeploymentsData {
  /** GitHub environments: which ref is live where, since when, by whom. */
  environments: EnvironmentDeployment[];
  /** Kubernetes workloads matched to the entity. */
  workloads: DeployedWorkload[];
  /** Nothing was deployed for `signals.staleDeploymentDays` days (production, or every workload). */
  stale: boolean;
  staleReason?: string;
}
