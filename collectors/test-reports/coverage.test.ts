import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseCoberturaFile } from './cobertura.ts';
import { parseLcovFile } from './lcov.ts';
import { makeTinyProject, runC8Cobertura, runNodeLcov } from './testing/run-real-tools.ts';

describe('coverage reports', () => {
  let lcov: string;
  let cobertura: string;
  before(async () => {
    const dir = await makeTinyProject();
    lcov = await runNodeLcov(dir);
    cobertura = await runC8Cobertura(dir);
  });

  it("reads Node's lcov reporter: lines covered of the measured files", async () => {
    const { value, problems } = await parseLcovFile(lcov, 'lcov.info');
    assert.deepEqual(problems, []);
    assert.equal(value?.format, 'lcov');
    assert.ok(value!.files >= 1);
    assert.ok(value!.lines.total > value!.lines.covered, 'unused() is not covered');
    assert.ok(value!.percent > 50 && value!.percent < 100, `percent ${value!.percent}`);
    assert.ok(value!.branches && value!.branches.total > 0);
  });

  it("reads c8's cobertura report, and agrees with its own line-rate", async () => {
    const { value, problems } = await parseCoberturaFile(cobertura, 'cobertura-coverage.xml');
    assert.deepEqual(problems, []);
    const text = await readFile(cobertura, 'utf8');
    const lineRate = Number(/<coverage[^>]*line-rate="([\d.]+)"/.exec(text)![1]);
    assert.equal(value?.format, 'cobertura');
    assert.ok(Math.abs(value!.percent - lineRate * 100) < 0.1, `${value!.percent} vs ${lineRate}`);
    assert.ok(value!.files >= 1);
  });

  it('a truncated lcov leaves the unfinished record out and says so with its line', async () => {
    const text = await readFile(lcov, 'utf8');
    const dir = await mkdtemp(path.join(tmpdir(), 'lcov-'));
    const cut = path.join(dir, 'cut.info');
    await writeFile(cut, `${text}SF:/tmp/other.mjs\nDA:1,1\n`);
    const { value, problems } = await parseLcovFile(cut, 'cut.info');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /no end_of_record/);
    assert.ok(problems[0]!.line > 1);
    const whole = await parseLcovFile(lcov, 'lcov.info');
    assert.equal(value?.files, whole.value?.files);
  });

  it('a truncated Cobertura file is reported with its position', async () => {
    const text = await readFile(cobertura, 'utf8');
    const dir = await mkdtemp(path.join(tmpdir(), 'cob-'));
    const cut = path.join(dir, 'cut.xml');
    await writeFile(cut, text.slice(0, text.length - 40));
    const { value, problems } = await parseCoberturaFile(cut, 'cut.xml');
    assert.equal(value, undefined);
    assert.match(problems[0]!.message, /malformed XML/);
  });

  it('a file that is not lcov is refused at its first line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lcov-'));
    await writeFile(path.join(dir, 'x.info'), '<html>not coverage</html>\n');
    const { value, problems } = await parseLcovFile(path.join(dir, 'x.info'), 'x.info');
    assert.equal(value, undefined);
    assert.equal(problems[0]!.line, 1);
  });
});
