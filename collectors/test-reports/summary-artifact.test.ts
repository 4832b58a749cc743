import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { readSummaryZip, SUMMARY_FILE, type SignalsSummary } from './summary-artifact.ts';
import { makeTinyProject, runNodeJUnit, runNodeLcov } from './testing/run-real-tools.ts';

const publishScript = path.resolve(import.meta.dirname, '../../.github/actions/publish-signals/publish.ts');

describe('the publish-signals action and its artifact', () => {
  let dir: string;
  let summary: SignalsSummary;
  let stdout: string;
  before(async () => {
    dir = await makeTinyProject();
    await runNodeJUnit(dir);
    await runNodeLcov(dir);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: dir, SIGNALS_JUNIT: 'junit.xml, missing/*.xml', SIGNALS_LCOV: 'lcov.info', SIGNALS_OUT_DIR: path.join(dir, 'out'), GITHUB_SHA: 'abc123', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shipment-service', GITHUB_RUN_ID: '42' };
    delete env.NODE_TEST_CONTEXT;
    stdout = (await promisify(execFile)(process.execPath, [publishScript], { env })).stdout;
    summary = JSON.parse(await readFile(path.join(dir, 'out', SUMMARY_FILE), 'utf8'));
  });

  it('summarises the JUnit and lcov files a job wrote, with the commit and run', () => {
    assert.equal(summary.tests?.tests, 4);
    assert.equal(summary.tests?.failures, 1);
    assert.equal(summary.coverage?.format, 'lcov');
    assert.equal(summary.commit, 'abc123');
    assert.equal(summary.runUrl, 'https://github.com/acme/shipment-service/actions/runs/42');
    assert.match(stdout, /backlot-signals: 4 tests, 1 failed; coverage [\d.]+%/);
  });

  it('round-trips through a zip as upload-artifact stores it, and refuses what is not a summary', () => {
    const zip = zipSync({ [SUMMARY_FILE]: new TextEncoder().encode(JSON.stringify(summary)) });
    const read = readSummaryZip(zip);
    assert.ok(typeof read !== 'string');
    assert.equal(read.tests?.tests, 4);
    assert.match(String(readSummaryZip(zipSync({ 'other.txt': new Uint8Array([1]) }))), /has no backlot-signals.json/);
    assert.match(String(readSummaryZip(zipSync({ [SUMMARY_FILE]: new TextEncoder().encode('{"schema":"other/9"}') }))), /schema "other\/9"/);
    assert.match(String(readSummaryZip(new Uint8Array([80, 75, 3, 4, 0]))), /not a readable zip/);
  });

  it('a hostile report file name cannot become a workflow command in the log', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: dir, SIGNALS_JUNIT: 'price.mjs', SIGNALS_OUT_DIR: path.join(dir, 'out2') };
    delete env.NODE_TEST_CONTEXT;
    const out = (await promisify(execFile)(process.execPath, [publishScript], { env })).stdout;
    assert.match(out, /price\.mjs:1:1: malformed XML|price\.mjs.*not JUnit|price\.mjs/);
    assert.equal(/^::/m.test(out), false);
  });
});
