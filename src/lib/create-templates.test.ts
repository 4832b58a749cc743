import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildCreatePage, scriptJson } from './create-templates.ts';

const root = path.resolve(import.meta.dirname, '../..');

test('every shipped template becomes a form with its fields, workflow and placeholder command', async () => {
  const page = await buildCreatePage(path.join(root, 'templates'));
  assert.deepEqual(page.problems, []);
  const ts = page.templates.find((t) => t.name === 'typescript-service')!;
  assert.equal(ts.workflow, 'scaffold-typescript-service.yml');
  assert.deepEqual(ts.fields.map((f) => [f.name, f.control, f.required]), [
    ['name', 'text', true], ['description', 'text', true], ['owner', 'text', true], ['lifecycle', 'select', false],
    ['organization', 'text', true], ['visibility', 'select', false], ['protect', 'checkbox', false],
  ]);
  assert.deepEqual(ts.fields[3]!.options, [{ value: 'experimental', label: 'Experimental' }, { value: 'production', label: 'Production' }]);
  assert.equal(ts.exampleCommand, "gh workflow run scaffold-typescript-service.yml -f 'name=<name>' -f 'description=<description>' -f 'owner=<owner>' -f organization=acme-freight");
});

test('built in GitHub Actions, the page links to the workflow and the command names the repository; collected runs are attached', async () => {
  const content = await mkdtemp(path.join(tmpdir(), 'backlot-create-'));
  const saved = { repo: process.env.GITHUB_REPOSITORY, content: process.env.BACKLOT_CONTENT_DIR };
  try {
    await mkdir(path.join(content, 'scaffold-runs'), { recursive: true });
    await writeFile(path.join(content, 'scaffold-runs/runs.json'), JSON.stringify({ collectedAt: '2026-11-30T12:00:00Z', source: 'github', repository: 'acme/portal', workflows: { 'scaffold-docs-addition.yml': { runs: [{ id: 1, runNumber: 7, status: 'completed', conclusion: 'success', url: 'https://github.com/acme/portal/actions/runs/1', createdAt: '2026-11-30T11:00:00Z' }] } } }));
    process.env.GITHUB_REPOSITORY = 'acme/portal';
    process.env.BACKLOT_CONTENT_DIR = content;
    const page = await buildCreatePage(path.join(root, 'templates'));
    const docs = page.templates.find((t) => t.name === 'docs-addition')!;
    assert.equal(docs.runWorkflowUrl, 'https://github.com/acme/portal/actions/workflows/scaffold-docs-addition.yml');
    assert.match(docs.exampleCommand, /^gh workflow run scaffold-docs-addition\.yml --repo acme\/portal /);
    assert.equal(docs.runs!.runs[0]!.runNumber, 7);
    assert.equal(page.runsNote, undefined);
  } finally {
    if (saved.repo === undefined) delete process.env.GITHUB_REPOSITORY;
    else process.env.GITHUB_REPOSITORY = saved.repo;
    if (saved.content === undefined) delete process.env.BACKLOT_CONTENT_DIR;
    else process.env.BACKLOT_CONTENT_DIR = saved.content;
    await rm(content, { recursive: true, force: true });
  }
});

test('embedded JSON cannot close its script element', () => {
  assert.equal(scriptJson({ v: '</script><script>alert(1)</script>' }).includes('</'), false);
});
