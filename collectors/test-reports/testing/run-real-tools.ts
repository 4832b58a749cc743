// Runs the real tools the parsers read (Node's test runner with its junit and lcov reporters, c8
// with its cobertura reporter) on a tiny project in a temp folder, so tests parse what the tools
// write today rather than a copy that may drift from them.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
// Inside `node --test`, NODE_TEST_CONTEXT would make the child report to its parent instead of
// writing the reporter's file; a failing test in the tiny project exits 1, which is expected.
const run = async (file: string, args: string[], options: { cwd: string }) => {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  try {
    await execFileAsync(file, args, { ...options, env });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 1) throw error;
  }
};
const root = path.resolve(import.meta.dirname, '../../..');
const nodeBin = process.execPath;

/** A project of two modules and a test file with one passing, one failing and one skipped test. */
export async function makeTinyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-reports-'));
  await writeFile(path.join(dir, 'price.mjs'), 'export function price(kg) {\n  if (kg > 10) {\n    return kg * 2;\n  }\n  return kg * 3;\n}\nexport function unused() {\n  return 0;\n}\n');
  await writeFile(
    path.join(dir, 'price.test.mjs'),
    [
      "import test from 'node:test';",
      "import assert from 'node:assert/strict';",
      "import { price } from './price.mjs';",
      "test('prices a light parcel', () => assert.equal(price(2), 6));",
      "test('prices a heavy parcel', () => assert.equal(price(20), 41, 'heavy parcels cost 2 per kg'));",
      "test('prices a pallet', { skip: 'pallets are not sold yet' }, () => {});",
      "test.describe('slow suite', () => { test.it('waits a little', async () => { await new Promise((r) => setTimeout(r, 30)); }); });",
      '',
    ].join('\n'),
  );
  return dir;
}

/** `node --test --test-reporter=junit`: writes `junit.xml` into dir. */
export async function runNodeJUnit(dir: string): Promise<string> {
  const out = path.join(dir, 'junit.xml');
  await run(nodeBin, ['--test', '--test-reporter=junit', `--test-reporter-destination=${out}`, 'price.test.mjs'], { cwd: dir });
  return out;
}

/** `node --test --experimental-test-coverage --test-reporter=lcov`: writes `lcov.info`. */
export async function runNodeLcov(dir: string): Promise<string> {
  const out = path.join(dir, 'lcov.info');
  await run(nodeBin, ['--test', '--experimental-test-coverage', '--test-reporter=lcov', `--test-reporter-destination=${out}`, 'price.test.mjs'], { cwd: dir });
  return out;
}

/** c8 with its cobertura reporter around the same tests: writes `coverage/cobertura-coverage.xml`. */
export async function runC8Cobertura(dir: string): Promise<string> {
  const c8 = path.join(root, 'node_modules/c8/bin/c8.js');
  await run(nodeBin, [c8, '--reporter=cobertura', '--reports-dir=coverage', nodeBin, '--test', 'price.test.mjs'], { cwd: dir });
  return path.join(dir, 'coverage/cobertura-coverage.xml');
}
