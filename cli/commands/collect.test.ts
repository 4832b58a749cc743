import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepositories, startGithubStandIn } from '../../collectors/github/testing/github-stand-in.ts';
import { TEST_TOKEN } from '../../collectors/github/testing/test-context.ts';
import type { EntityRecord } from '../../lib/content/records.ts';

const CLI = fileURLToPath(new URL('../backlot.ts', import.meta.url));

function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, CI: 'true', ...options.env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

async function allText(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')));
  return texts.join('\n');
}

test('collect from a GitHub organisation: a failing repository makes the run partial (exit 3), the token is never printed or stored', async () => {
  const repositories = generateRepositories(12, 'acme');
  const standIn = await startGithubStandIn({ org: 'acme', repositories });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-cli-collect-'));
  try {
    await writeFile(
      path.join(dir, 'backlot.config.yaml'),
      `source: github\ngithub:\n  org: acme\n  baseUrl: ${standIn.baseUrl}\n  retries: 1\n  timeoutMs: 2000\n  api: rest\n`,
    );
    const args = ['collect', '--content-dir', 'content', '--cache-dir', 'cache'];
    const first = await runCli(args, { cwd: dir, env: { GITHUB_TOKEN: TEST_TOKEN } });
    assert.equal(first.code, 0, first.output);
    const record = JSON.parse(await readFile(path.join(dir, 'content/catalog/entities/default/component/service-007.json'), 'utf8')) as EntityRecord;
    assert.equal(record.repository, 'acme/service-007');
    assert.match(record.source.url ?? '', /service-007/);

    // Next run: one repository changed but now fails on every request.
    standIn.push('service-003', { 'catalog-info.yaml': repositories[2]!.files!['catalog-info.yaml']!.replace('Service number 3', 'Changed') });
    standIn.addFault({ path: /\/repos\/acme\/service-003\//, kind: 'server-error', times: Infinity });
    const second = await runCli(args, { cwd: dir, env: { GITHUB_TOKEN: TEST_TOKEN } });
    assert.equal(second.code, 3, second.output);
    assert.match(second.output, /service-003/);
    const kept = JSON.parse(await readFile(path.join(dir, 'content/catalog/entities/default/component/service-003.json'), 'utf8')) as EntityRecord;
    assert.ok(kept.stale, 'the failing repository keeps its last good entity, marked stale');
    assert.equal(kept.entity.metadata.description, 'Service number 3');

    for (const text of [first.output, second.output, await allText(path.join(dir, 'content')), await allText(path.join(dir, 'cache'))]) {
      assert.ok(!text.includes(TEST_TOKEN), 'the token appears nowhere');
    }
    assert.ok(standIn.requests.some((r) => r.authenticated), 'the token was used');
  } finally {
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('an invalid config stops collect with exit code 2 and the line of the mistake', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-cli-collect-'));
  try {
    await writeFile(path.join(dir, 'backlot.config.yaml'), 'title: x\nsource: gitlab\n');
    const result = await runCli(['collect'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.output, /backlot\.config\.yaml:2:9: source must be one of "local", "github"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every subcommand answers --help with its usage; an unknown command is a usage error', async () => {
  const cwd = os.tmpdir();
  const main = await runCli(['--help'], { cwd });
  assert.equal(main.code, 0);
  const names = [...main.output.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);
  // Every command file is listed in the main help (and nothing else is).
  const files = (await readdir(import.meta.dirname)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, ''));
  assert.deepEqual(names.sort(), files.sort());
  for (const name of names) {
    const sub = await runCli([name, '--help'], { cwd });
    assert.equal(sub.code, 0, `${name} --help`);
    assert.match(sub.output, new RegExp(`^Usage: backlot ${name}`, 'm'));
  }
  const unknown = await runCli(['deploy'], { cwd });
  assert.equal(unknown.code, 2);
  assert.match(unknown.output, /unknown command "deploy"/);
});
