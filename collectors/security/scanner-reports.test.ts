import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { countBySeverity } from './finding.ts';
import { parseScannerReport } from './scanner-reports.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(import.meta.dirname, 'fixtures');
const run = promisify(execFile);

/** ESLint with Microsoft's SARIF formatter over a file with one error-level and one warning-level rule broken. */
async function eslintSarif(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eslint-sarif-'));
  await writeFile(path.join(dir, 'eslint.config.mjs'), 'export default [{ rules: { "no-eval": "error", "no-unused-vars": "warn" } }];\n');
  await writeFile(path.join(dir, 'app.js'), 'const unused = 1;\neval("2 + 2");\n');
  const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
  const formatter = path.join(root, 'node_modules/@microsoft/eslint-formatter-sarif/sarif.js');
  const out = await run(process.execPath, [eslint, '-f', formatter, 'app.js'], { cwd: dir }).catch((e: { stdout: string; code: number }) => {
    if (e.code !== 1) throw e; // 1: lint errors found, which is the point
    return e;
  });
  return out.stdout;
}

describe('security reports from the exports folder', () => {
  let sarif: string;
  before(async () => {
    sarif = await eslintSarif();
  });

  it('reads SARIF 2.1.0 written by ESLint: error → high, warning → medium, with file:line and the rule link', () => {
    const { value, problems } = parseScannerReport(sarif, 'eslint.sarif');
    assert.deepEqual(problems, []);
    assert.equal(value?.format, 'sarif');
    assert.equal(value?.tool, 'ESLint');
    const evalFinding = value!.findings.find((f) => f.id === 'no-eval')!;
    assert.equal(evalFinding.severity, 'high');
    assert.match(evalFinding.location ?? '', /app\.js:2$/);
    assert.equal(evalFinding.url, 'https://eslint.org/docs/latest/rules/no-eval');
    assert.equal(value!.findings.find((f) => f.id === 'no-unused-vars')!.severity, 'medium');
  });

  it("reads Trivy's JSON (schema 2, an image scan from Trivy's own test data)", async () => {
    const text = await readFile(path.join(fixtures, 'trivy/alpine-310.json.golden.json'), 'utf8');
    const { value, problems } = parseScannerReport(text, 'trivy.json');
    assert.deepEqual(problems, []);
    assert.equal(value?.format, 'trivy');
    assert.equal(value?.target, 'testdata/fixtures/images/alpine-310.tar.gz');
    assert.equal(value?.findings.length, 4);
    assert.deepEqual(countBySeverity(value!.findings), { critical: 0, high: 0, medium: 4, low: 0 });
    const first = value!.findings[0]!;
    assert.equal(first.id, 'CVE-2019-1549');
    assert.equal(first.package, 'libcrypto1.1');
    assert.equal(first.fixedIn, '1.1.1d-r0');
    assert.equal(first.url, 'https://avd.aquasec.com/nvd/cve-2019-1549');
  });

  it("reads Grype's JSON (its presenter's snapshot): Critical and Low, with the fix version", async () => {
    const text = await readFile(path.join(fixtures, 'grype/TestJsonImgsPresenter.golden.json'), 'utf8');
    const { value, problems } = parseScannerReport(text, 'grype.json');
    assert.deepEqual(problems, []);
    assert.equal(value?.format, 'grype');
    assert.deepEqual(countBySeverity(value!.findings), { critical: 1, high: 0, medium: 0, low: 1 });
    assert.equal(value!.findings.find((f) => f.id === 'CVE-1999-0001')!.fixedIn, '1.2.1');
  });

  it('a SARIF log with no runs is reported and skipped', () => {
    const { value, problems } = parseScannerReport('{\n  "version": "2.1.0",\n  "runs": []\n}\n', 'empty.sarif');
    assert.equal(value, undefined);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /SARIF without runs/);
    assert.equal(problems[0]!.line, 3, 'points at the empty runs array');
  });

  it('an unknown severity is reported at its line and column; the other findings still count', async () => {
    const report = JSON.parse(await readFile(path.join(fixtures, 'trivy/alpine-310.json.golden.json'), 'utf8'));
    report.Results[0].Vulnerabilities[2].Severity = 'SEVERE';
    const text = JSON.stringify(report, null, 2);
    const { value, problems } = parseScannerReport(text, 'exports/trivy.json');
    assert.equal(value?.findings.length, 3);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /unknown severity "SEVERE" for CVE-2019-1549/);
    const expectedLine = text.split('\n').findIndex((l) => l.includes('"SEVERE"')) + 1;
    assert.equal(problems[0]!.line, expectedLine);
    assert.ok(problems[0]!.column > 1);
  });

  it('a truncated report names the line where it breaks off', () => {
    const cut = sarif.slice(0, Math.floor(sarif.length * 0.6));
    const { value, problems } = parseScannerReport(cut, 'cut.sarif');
    assert.equal(value, undefined);
    assert.match(problems[0]!.message, /ends too early|invalid JSON/);
    assert.ok(problems[0]!.line > 10);
  });

  it('a JSON file of another kind is refused, and javascript: links never become a finding URL', () => {
    assert.match(parseScannerReport('{"name":"x"}', 'package.json').problems[0]!.message, /not a SARIF 2.1.0, Trivy or Grype/);
    const hostile = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'r', helpUri: 'javascript:alert(1)' }] } }, results: [{ ruleId: 'r', level: 'error', message: { text: '<img src=x onerror=alert(1)>' } }] }] });
    const { value } = parseScannerReport(hostile, 'h.sarif');
    assert.equal(value!.findings[0]!.url, undefined);
    assert.equal(value!.findings[0]!.title, '<img src=x onerror=alert(1)>', 'kept as text; pages escape it');
  });
});
