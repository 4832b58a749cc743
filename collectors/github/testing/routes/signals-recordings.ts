// The recorded shapes the signal routes (actions, deployments, security alerts) build answers from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StandInWorld } from './route.ts';

type Json = Record<string, unknown>;
export const signalsRecordings = JSON.parse(readFileSync(path.join(import.meta.dirname, '../recordings/signals-examples.json'), 'utf8')) as {
  workflow: Json;
  workflowRun: Json;
  job: Json;
  artifact: Json;
  deployment: Json;
  deploymentStatus: Json;
  environment: Json;
  dependabotAlerts: Json[];
  codeScanningAlerts: Json[];
  secretScanningAlerts: Json[];
};

/** A recorded body moved into this stand-in's host, organisation and repository. */
export function rehome<T>(value: T, world: StandInWorld, repository: string, from: string[]): T {
  let text = JSON.stringify(value).replaceAll('https://api.github.com', world.origin + world.prefix).replaceAll('https://github.com', world.origin);
  for (const slug of from) text = text.replaceAll(slug, `${world.org}/${repository}`);
  return JSON.parse(text) as T;
}

/** GitHub's `basic-error` body, for answers @octokit/fixtures has no recording of (403 on alerts). */
export const basicError = (message: string, status: number) => ({ message, documentation_url: 'https://docs.github.com/rest', status: String(status) });
