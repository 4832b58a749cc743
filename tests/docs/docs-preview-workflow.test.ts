// The reusable docs preview workflow, read as data: what runs when, with which permissions, and
// that inputs reach the shell only through env (the comment step itself is tested against the
// GitHub stand-in in lib/docs-preview/comment.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkWorkflow } from '../../lib/workflows/check.ts';

const file = new URL('../../.github/workflows/docs-preview.yml', import.meta.url);
const text = readFileSync(file, 'utf8');
type Step = { name: string; id?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Job = { permissions: Record<string, string>; steps: Step[]; if?: string; needs?: string | string[] };
const workflow = parse(text) as { on: { workflow_call: { inputs: Record<string, unknown> } }; permissions: Record<string, string>; jobs: Record<string, Job> };

test('it is a reusable workflow that passes the repository\'s workflow checks (actionlint, pins, permissions)', async () => {
  assert.ok(workflow.on.workflow_call.inputs['backlot-repository']);
  assert.deepEqual(await checkWorkflow(text, '.github/workflows/docs-preview.yml'), []);
});

test('least permissions: read to render, contents: write only to deploy, pull-requests: write only to comment', () => {
  assert.deepEqual(workflow.permissions, { contents: 'read' });
  assert.deepEqual(workflow.jobs.preview.permissions, { contents: 'read' });
  assert.deepEqual(workflow.jobs.deploy.permissions, { contents: 'write' });
  assert.deepEqual(workflow.jobs.comment.permissions, { 'pull-requests': 'write' });
});

test('the artifact is uploaded always, the deploy only on request, the comment even when rendering failed', () => {
  const upload = workflow.jobs.preview.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
  assert.equal(upload.if, 'always()');
  assert.match(workflow.jobs.deploy.if!, /inputs\.deploy/);
  assert.match(workflow.jobs.comment.if!, /always\(\)/);
  const commentStep = workflow.jobs.comment.steps.find((s) => s.run?.includes('docs comment'))!;
  assert.match(commentStep.run!, /backlot\.ts docs comment --report "\$RUNNER_TEMP\/preview\/docs-preview\.json" --url "\$PREVIEW_URL"/);
  assert.match(workflow.jobs.preview.steps.find((s) => s.id === 'render' || s.name === 'Render the preview')!.run!, /docs preview "repo\/\$REPOSITORY_PATH" --out "\$RUNNER_TEMP\/preview" --base "\$\{base_path%\/\}\/pr-\$PR_NUMBER\/" --cache-dir "\$RUNNER_TEMP\/docs-render-cache"/);
  // The render cache is restored before rendering, keyed per pull request, falling back to any earlier one.
  const steps = workflow.jobs.preview.steps;
  const cache = steps.findIndex((s) => s.uses?.startsWith('actions/cache@'));
  assert.ok(cache >= 0 && cache < steps.findIndex((s) => s.id === 'render'));
  assert.equal(steps[cache].with?.path, '${{ runner.temp }}/docs-render-cache');
});

test('no expression inside a run: script, and the PR number is checked to be a number before it is a path', () => {
  for (const [name, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps) if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, `${name} / ${step.name}`);
  }
  const publish = workflow.jobs.deploy.steps.find((s) => s.run?.includes('pr-$PR_NUMBER'))!;
  assert.match(publish.run!, /case "\$PR_NUMBER" in ''\|\*\[!0-9\]\*\)/);
});
