import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { ghWorkflowRunCommand, runWorkflowUrl, shellQuote } from './gh-command.ts';

const hostile = ["it's", '$(touch /tmp/pwned-backlot)', '`id`', 'a\nb\n', '"; rm -rf / #', '${{ secrets.TOKEN }}', '\\', "'", '', ' spaced ', '*', '-f', 'ünï 😀'];

test('the command a real shell runs passes every hostile value through unchanged', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-gh-'));
  try {
    // A stand-in `gh` that prints its arguments NUL-separated, run by the real bash.
    const gh = path.join(dir, 'gh');
    await writeFile(gh, '#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done\n');
    await chmod(gh, 0o755);
    const fields = hostile.map((v, i) => [`p${i}`, v] as [string, string]);
    const command = ghWorkflowRunCommand({ workflow: 'scaffold-x.yml', repository: 'acme/portal', fields });
    const { stdout } = await promisify(execFile)('bash', ['-c', command], { env: { PATH: `${dir}:/usr/bin:/bin` } });
    const args = stdout.split('\0').slice(0, -1);
    assert.deepEqual(args, ['workflow', 'run', 'scaffold-x.yml', '--repo', 'acme/portal', ...fields.flatMap(([k, v]) => ['-f', `${k}=${v}`])]);
    await assert.rejects(promisify(execFile)('test', ['-e', '/tmp/pwned-backlot']));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('plain words stay readable; everything else is single-quoted', () => {
  assert.equal(shellQuote('name=parcel-weighing'), 'name=parcel-weighing');
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(ghWorkflowRunCommand({ workflow: 'scaffold-a.yml', fields: [['protect', 'true']] }), 'gh workflow run scaffold-a.yml -f protect=true');
});

test('the Run workflow link points at the workflow page of the portal repository', () => {
  assert.equal(runWorkflowUrl('https://github.com/', 'acme/portal', 'scaffold-a.yml'), 'https://github.com/acme/portal/actions/workflows/scaffold-a.yml');
});
