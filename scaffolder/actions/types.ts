// The contract of a scaffolder action: Backstage's action ids and input names, run by Backlot with
// a workspace folder, the templater, and GitHub only when the run is not a dry run.
import type { Octokit } from 'octokit';
import type { Templater } from '../templater.ts';

export interface ActionContext {
  /** The step's input, expressions already evaluated. */
  input: Record<string, unknown>;
  /** The run's working folder: fetch actions write here, publish actions push from here. */
  workspace: string;
  /** The template's folder: `fetch:*` URLs are relative to it and may not leave it. */
  templateDir: string;
  templater: Templater;
  /** Nothing leaves the machine: publish actions describe what they would do and compute their outputs. */
  dryRun: boolean;
  /** GitHub, for the publish actions of a real run. */
  octokit?: Octokit;
  log(message: string): void;
  /** Markdown lines for the run's summary (the job summary inside Actions). */
  summary: string[];
  step: { id: string; name?: string };
}

export interface ScaffoldAction {
  /** Backstage's action id (`fetch:template`). */
  id: string;
  description: string;
  run(context: ActionContext): Promise<Record<string, unknown>>;
}
