// Renders the portal with Astro in a child process. Astro's build leaves the Node heap it grew
// (about 1.1 GB at 10,000 entities) with the process that ran it; run in the parent, that memory
// would sit beside Pagefind's while the search index is built. In a child it is returned to the
// system before indexing starts, so the build's peak is the larger of the two, not their sum.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RenderOptions {
  root: string;
  outDir: string;
  base: string;
  site?: string;
  logLevel: 'error' | 'warn' | 'info';
}

/** Resolves when Astro has written `outDir`; rejects with the child's last error line otherwise. */
export function renderSite(options: RenderOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], {
      cwd: options.root,
      env: process.env, // BACKLOT_* (content folder, validated config) travel with it
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let lastError = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      const lines = chunk.toString('utf8').trim().split('\n');
      const marked = lines.filter((l) => l.startsWith('render-error: '));
      if (marked.length) lastError = marked.at(-1)!.slice('render-error: '.length);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(lastError || (signal ? `the renderer was killed (${signal}); out of memory?` : `the renderer exited with code ${code}`)));
    });
  });
}

// The child: one Astro build, its first error as one marked line for the parent.
if (import.meta.main) {
  const options = JSON.parse(process.argv[2]!) as RenderOptions;
  const { build } = await import('astro');
  try {
    await build({ root: options.root, outDir: options.outDir, base: options.base, site: options.site, logLevel: options.logLevel });
  } catch (error) {
    // The whole message on one marked line: Vite's first line alone ("Build failed with 1 error:")
    // names neither the file nor the cause.
    const message = String((error as Error).message).replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean).join(' — ');
    process.stderr.write(`render-error: ${message}\n`);
    process.exitCode = 1;
  }
}
