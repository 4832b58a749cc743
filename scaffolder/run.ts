// Runs a loaded template's steps in order over one workspace, as Backstage's workflow runner does:
// each step's input is evaluated against the parameters and earlier steps' outputs, then its action runs.
import type { Octokit } from 'octokit';
import { actionsById } from './actions/index.ts';
import { escapeMarkdown } from './actions/log.ts';
import { ScaffoldError } from './skeleton.ts';
import { createTemplater } from './templater.ts';
import type { ScaffoldTemplate, TemplateOutput } from './template.ts';
import { isObject } from './template.ts';

export interface RunOptions {
  template: ScaffoldTemplate;
  /** Validated parameter values (defaults filled). */
  values: Record<string, unknown>;
  /** An empty folder the steps write into. */
  workspace: string;
  dryRun: boolean;
  octokit?: Octokit;
  log(message: string): void;
  /** Who started the run (GITHUB_ACTOR inside Actions), offered to templates as `user.ref`. */
  actor?: string;
  /** owner/name of the portal repository (GITHUB_REPOSITORY inside Actions), offered as `backlot.repository`. */
  portalRepository?: string;
  /** The portal commit this run is at (GITHUB_SHA inside Actions), offered as `backlot.ref`, so generated callers pin it. */
  portalRef?: string;
}

export interface RunResult {
  steps: { id: string; action: string; skipped: boolean; output: Record<string, unknown> }[];
  output: { links: { title: string; url?: string; entityRef?: string }[]; text: { title: string; content: string }[] };
  /** Markdown for GitHub's job summary. */
  summary: string;
}

export async function runTemplate(options: RunOptions): Promise<RunResult> {
  const { template } = options;
  const templater = createTemplater();
  const stepOutputs: Record<string, { output: Record<string, unknown> }> = {};
  const context = () => ({
    parameters: options.values,
    steps: stepOutputs,
    backlot: { repository: options.portalRepository ?? 'your-org/backlot', ref: options.portalRef ?? 'main' },
    user: options.actor ? { ref: `user:default/${options.actor}`, entity: { metadata: { name: options.actor } } } : {},
  });
  const summary: string[] = [];
  const results: RunResult['steps'] = [];

  for (const step of template.steps) {
    const where = `${template.file}:${template.lineOf(step.at).line}`;
    const action = actionsById.get(step.action);
    if (!action) throw new ScaffoldError(`${where}: unknown action ${step.action}`);
    if (step.if !== undefined) {
      const condition = templater.evaluate(step.if, context());
      if (!condition || condition === 'false') {
        options.log(`skip ${step.id} (if: ${String(step.if)})`);
        results.push({ id: step.id, action: step.action, skipped: true, output: {} });
        stepOutputs[step.id] = { output: {} };
        continue;
      }
    }
    options.log(`${step.id}: ${step.name ?? step.action}`);
    let output: Record<string, unknown>;
    try {
      const input = templater.evaluate(step.input, context());
      output = await action.run({
        input: isObject(input) ? input : {},
        workspace: options.workspace,
        templateDir: template.dir,
        templater,
        dryRun: options.dryRun,
        ...(options.octokit ? { octokit: options.octokit } : {}),
        log: (m) => options.log(`  ${m}`),
        summary,
        step: { id: step.id, ...(step.name ? { name: step.name } : {}) },
      });
    } catch (error) {
      const e = error as Error & { status?: number };
      const detail = e.status ? ` (GitHub answered ${e.status})` : '';
      throw new ScaffoldError(`${where}: step ${step.id} (${step.action}) failed: ${e.message}${detail}`, { cause: error });
    }
    stepOutputs[step.id] = { output };
    results.push({ id: step.id, action: step.action, skipped: false, output });
  }

  const output = renderOutput(templater.evaluate(template.output, context()) as TemplateOutput);
  const lines = [`## ${escapeMarkdown(template.title)}${options.dryRun ? ' (dry run)' : ''}`, '', ...summary];
  if (output.links.length) {
    lines.push('', '### Links', '');
    for (const link of output.links) {
      if (link.url && /^https?:\/\//.test(link.url)) lines.push(`- [${escapeMarkdown(link.title)}](<${link.url.replace(/[<>\s]/g, encodeURIComponent)}>)`);
      else if (link.entityRef) lines.push(`- ${escapeMarkdown(link.title)}: \`${link.entityRef.replace(/`/g, '')}\``);
    }
  }
  for (const t of output.text) lines.push('', `### ${escapeMarkdown(t.title)}`, '', '```', t.content.replace(/```/g, "'''"), '```');
  return { steps: results, output, summary: lines.join('\n') + '\n' };
}

function renderOutput(output: TemplateOutput | undefined): RunResult['output'] {
  const links = (Array.isArray(output?.links) ? output.links : [])
    .filter(isObject)
    .map((l) => ({
      title: String(l.title ?? l.url ?? l.entityRef ?? 'link'),
      ...(typeof l.url === 'string' && l.url ? { url: l.url } : {}),
      ...(typeof l.entityRef === 'string' && l.entityRef ? { entityRef: l.entityRef } : {}),
    }))
    .filter((l) => 'url' in l || 'entityRef' in l);
  const text = (Array.isArray(output?.text) ? output.text : []).filter(isObject).map((t) => ({ title: String(t.title ?? ''), content: String(t.content ?? '') }));
  return { links, text };
}
