// Serves a built site with `backlot preview` on 127.0.0.1 and an ephemeral port, and tells the
// tests where: the command prints its URL, which is read from its output.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT, cliEnv } from './backlot-cli.ts';

export interface PreviewServer {
  /** The URL the command printed (the site's root, base path included when it prints one). */
  url: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+[^\s'"]*/;

export async function startPreview(args: string[], timeoutMs = 30_000): Promise<PreviewServer> {
  const child: ChildProcess = spawn('node', [path.join(PROJECT_ROOT, 'cli/backlot.ts'), 'preview', '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the test process ends without `stop()` (a crash, a cancelled run), the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`backlot preview printed no URL within ${timeoutMs} ms; output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = URL_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`backlot preview exited with ${code} before printing a URL; output:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
