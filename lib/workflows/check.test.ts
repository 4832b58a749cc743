import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkWorkflow } from './check.ts';
import { lintWorkflowFolder } from './lint-repository.ts';
import { PINNED_ACTIONS, pinnedUses } from './pinned-actions.ts';

const clean = `name: ok
on: workflow_dispatch
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: ${pinnedUses('checkout')}
      - env:
          TITLE: \${{ github.event.head_commit.message }}
        run: echo "$TITLE"
`;

const rules = async (text: string) => (await checkWorkflow(text, 'w.yml')).map((p) => `${p.line}:${p.rule}`);

describe('checkWorkflow', () => {
  it('passes a workflow whose inputs reach the shell through env, with pinned actions and declared permissions', async () => {
    assert.deepEqual(await checkWorkflow(clean, 'w.yml'), []);
  });

  it('flags any ${{ }} inside run:, even when actionlint thinks the context is trusted', async () => {
    const text = clean.replace('run: echo "$TITLE"', 'run: echo "${{ inputs.name }} ${{ runner.temp }}"');
    assert.ok((await rules(text)).includes('12:expression-in-run'));
  });

  it('reports an untrusted context in a script through actionlint, with its line', async () => {
    const text = clean.replace('run: echo "$TITLE"', 'run: echo "${{ github.event.issue.title }}"');
    const found = await rules(text);
    assert.ok(found.includes('12:actionlint:expression'), found.join(', '));
  });

  it('flags actions pinned to a tag or a branch, and accepts local actions', async () => {
    const text = clean.replace(pinnedUses('checkout'), 'actions/checkout@v4').replace('      - env:', '      - uses: ./.github/actions/local\n      - env:');
    assert.deepEqual((await rules(text)).filter((r) => r.endsWith('unpinned-action')), ['9:unpinned-action']);
  });

  it('asks for top-level permissions and refuses write-all', async () => {
    assert.ok((await rules(clean.replace('permissions:\n  contents: read\n', ''))).some((r) => r.endsWith(':permissions')));
    assert.ok((await rules(clean.replace('permissions:\n  contents: read\n', 'permissions: write-all\n'))).includes('3:permissions'));
  });

  it('reports a syntax error instead of throwing', async () => {
    const found = await rules('on: push\njobs:\n  a:\n    runs-on: [\n');
    assert.ok(found.length > 0);
  });

  it('every pinned action is a full commit SHA with its version', () => {
    for (const [name, pin] of Object.entries(PINNED_ACTIONS)) {
      assert.match(pin.sha, /^[0-9a-f]{40}$/, name);
      assert.match(pin.version, /^v\d+\.\d+\.\d+$/, name);
    }
  });
});

describe("the repository's own workflows", () => {
  it('pass actionlint and Backlot rules', async () => {
    const { files, problems } = await lintWorkflowFolder(path.join(import.meta.dirname, '../../.github/workflows'));
    assert.ok(files.length >= 1);
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), []);
  });
});
