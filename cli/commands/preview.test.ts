import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../backlot.ts', import.meta.url));

test('backlot preview --port 0 prints the real URL under the base path and serves the site there', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'backlot-preview-'));
  mkdirSync(path.join(out, 'catalog'));
  writeFileSync(path.join(out, 'index.html'), '<h1>home</h1>');
  writeFileSync(path.join(out, 'catalog', 'index.html'), '<h1>catalog</h1>');
  const child = spawn(process.execPath, [cli, 'preview', '--out', out, '--port', '0', '--base', '/portal/'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk) => {
        text += chunk;
        const match = /Backlot preview: (http:\/\/127\.0\.0\.1:(\d+)\/portal\/)\n/.exec(text);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`preview exited with ${code}`)));
    });
    assert.notEqual(new URL(url).port, '0');
    const response = await fetch(`${url}catalog/`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '<h1>catalog</h1>');
  } finally {
    child.kill('SIGTERM');
  }
});

test('backlot preview refuses a folder that was not built, saying what to run', async () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'backlot-preview-empty-'));
  const child = spawn(process.execPath, [cli, 'preview', '--out', empty, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /index\.html not found; run `backlot build/);
});
