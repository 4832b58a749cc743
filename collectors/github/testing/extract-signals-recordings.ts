// Copies the GitHub response shapes the service-signal routes (routes/actions.ts,
// routes/deployments.ts, routes/security-alerts.ts) need out of @octokit/openapi and
// @octokit/webhooks-examples (both MIT) into recordings/signals-examples.json.
// Run once by hand: `node collectors/github/testing/extract-signals-recordings.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const modules = path.resolve(here, '../../../node_modules/@octokit');
const spec = JSON.parse(readFileSync(path.join(modules, 'openapi/generated/api.github.com.json'), 'utf8')) as {
  components: { examples: Record<string, { value: unknown }> };
};
const example = (name: string) => spec.components.examples[name]!.value as Record<string, unknown> & unknown[];
const webhooks = JSON.parse(readFileSync(path.join(modules, 'webhooks-examples/api.github.com/index.json'), 'utf8')) as {
  name: string;
  examples: Record<string, unknown>[];
}[];
const webhook = (name: string, pick: (payload: Record<string, unknown>) => boolean) => webhooks.find((w) => w.name === name)!.examples.find(pick)!;

const signals = {
  /** actions/list-repo-workflows, example `workflow-paginated`: the first workflow. */
  workflow: (example('workflow-paginated').workflows as unknown[])[0],
  /** The `workflow_run` of the webhook `workflow_run.completed` with conclusion success (the REST run shape, completed). */
  workflowRun: webhook('workflow_run', (p) => p.action === 'completed' && (p.workflow_run as { conclusion: string }).conclusion === 'success').workflow_run,
  /** actions/list-jobs-for-workflow-run, example `job-paginated`: the first job. */
  job: (example('job-paginated').jobs as unknown[])[0],
  /** actions/list-artifacts-for-repo, example `artifact-paginated`: the first artifact. */
  artifact: (example('artifact-paginated').artifacts as unknown[])[0],
  /** repos/list-deployments, example `deployment-items`: the first deployment. */
  deployment: example('deployment-items')[0],
  /** repos/list-deployment-statuses, example `deployment-status-items`: the first status. */
  deploymentStatus: example('deployment-status-items')[0],
  /** repos/get-all-environments, example `environments`: the first environment. */
  environment: (example('environments').environments as unknown[])[0],
  /** dependabot/list-alerts-for-repo, example `dependabot-alerts-for-repository`. */
  dependabotAlerts: example('dependabot-alerts-for-repository'),
  /** code-scanning/list-alerts-for-repo, example `code-scanning-alert-items`. */
  codeScanningAlerts: example('code-scanning-alert-items'),
  /** secret-scanning/list-alerts-for-repo, example `secret-scanning-alert-list` (its `secret` is the example's dummy value). */
  secretScanningAlerts: example('secret-scanning-alert-list'),
};
writeFileSync(path.join(here, 'recordings/signals-examples.json'), JSON.stringify(signals, null, 2) + '\n');
