// Runs a copied `gh …` command in a real bash, with a `gh` that only prints its arguments, so a
// test sees exactly what the shell would pass to GitHub's CLI.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export async function runWithFakeGh(command: string): Promise<{ args: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-fake-gh-'));
  try {
    const gh = path.join(dir, 'gh');
    await writeFile(gh, '#!/bin/sh\nfor a in "$@"; do printf "%s\\0" "$a"; done\n');
    await chmod(gh, 0o755);
    const { stdout } = await promisify(execFile)('bash', ['-c', command], { env: { PATH: `${dir}:/usr/bin:/bin` } });
    return { args: stdout.split('\0').slice(0, -1) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
