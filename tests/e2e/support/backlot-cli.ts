// Runs the real `backlot` CLI as a child process, as CI and people do, with Node 24 from
// node_modules/.bin first on PATH (the machine's own node may be older).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment for child processes: project binaries first, telemetry off, CI-style logging. */
export function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.join(PROJECT_ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    ASTRO_TELEMETRY_DISABLED: '1',
    CI: '1',
  };
}

/** `node cli/backlot.ts <args>` in the project root; rejects with the output when it exits non-zero. */
export async function runBacklot(args: string[], options: { okCodes?: number[] } = {}): Promise<CliResult> {
  const child = spawn('node', [path.join(PROJECT_ROOT, 'cli/backlot.ts'), ...args], { cwd: PROJECT_ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (!(options.okCodes ?? [0]).includes(code)) {
    const tail = (s: string) => s.split('\n').slice(-40).join('\n');
    throw new Error(`backlot ${args.join(' ')} exited with ${code}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`);
  }
  return { code, stdout, stderr };
}
