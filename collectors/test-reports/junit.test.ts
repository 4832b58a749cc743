import assert from 'node:assert/strict';
import { mkdtemp, open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, before } from 'node:test';
import { checkReportSize } from '../../lib/reports/size-limit.ts';
import { parseJUnitFile } from './junit.ts';
import { makeTinyProject, runNodeJUnit } from './testing/run-real-tools.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

describe('JUnit XML', () => {
  let nodeReport: string;
  before(async () => {
    nodeReport = await runNodeJUnit(await makeTinyProject());
  });

  it("reads Node's junit reporter: totals, the failure with its message and file, the slowest test first", async () => {
    const { value, problems } = await parseJUnitFile(nodeReport, 'junit.xml');
    assert.deepEqual(problems, []);
    assert.ok(value);
    assert.equal(value.tests, 4);
    assert.equal(value.passed, 2);
    assert.equal(value.failures, 1);
    assert.equal(value.skipped, 1);
    assert.equal(value.failed.length, 1);
    assert.equal(value.failed[0]!.name, 'prices a heavy parcel');
    assert.equal(value.failed[0]!.message, 'heavy parcels cost 2 per kg');
    assert.match(value.failed[0]!.file ?? '', /price\.test\.mjs/);
    // Slowest first, by the durations the report gives. Which test that is depends on the machine's
    // load (a loaded machine once made the first test slower than the 30 ms one), so the order is
    // checked against the durations, and the 30 ms test against its own.
    const seconds = value.slowest.map((t) => t.seconds);
    assert.deepEqual(seconds, [...seconds].sort((a, b) => b - a), 'the slowest test first');
    // A 30 ms timer can fire a little early as the reporter measures it (seen: under 0.03 s in a
    // full run), so the time is checked with room, not to the millisecond.
    assert.ok((value.slowest.find((t) => t.name === 'waits a little')?.seconds ?? 0) >= 0.02, 'the 30 ms test is listed with its time');
    assert.ok(value.durationSeconds >= 0.02);
  });

  it('reads Karma and Mocha reports (junit-merge fixtures), with a single <testsuite> root too', async () => {
    const karma = await parseJUnitFile(path.join(fixtures, 'junit-merge/1.xml'), '1.xml');
    assert.equal(karma.value?.tests, 2);
    assert.equal(karma.value?.failures, 1);
    assert.equal(karma.value?.failed[0]!.message, 'AssertionError: expected undefined not to be an undefined');
    assert.equal(karma.value?.failed[0]!.classname, 'PhantomJS 1.9.8.FAIL');

    const mocha = await parseJUnitFile(path.join(fixtures, 'junit-merge/2.xml'), '2.xml');
    assert.equal(mocha.value?.failed[0]!.message, 'ReferenceError: window is not defined');
    assert.equal(mocha.value?.failed[0]!.file, 'src/fail.spec.js:14', 'file taken from the first stack frame');

    const single = await parseJUnitFile(path.join(fixtures, 'junit-merge/testcase-1.xml'), 'testcase-1.xml');
    assert.equal(single.value?.tests, 2);
  });

  it('reports a truncated file with the line and column where it breaks off, and reads nothing from it', async () => {
    const text = await readFile(nodeReport, 'utf8');
    const dir = await mkdtemp(path.join(tmpdir(), 'junit-'));
    const cut = path.join(dir, 'cut.xml');
    await writeFile(cut, text.slice(0, Math.floor(text.length / 2)));
    const { value, problems } = await parseJUnitFile(cut, 'reports/cut.xml');
    assert.equal(value, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.file, 'reports/cut.xml');
    assert.match(problems[0]!.message, /malformed XML/);
    assert.ok(problems[0]!.line > 1, `a line past the first: ${JSON.stringify(problems[0])}`);
  });

  it('reports a JUnit file with no suites, an empty file, and a file that is not JUnit', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'junit-'));
    await writeFile(path.join(dir, 'none.xml'), '<?xml version="1.0"?>\n<testsuites name="jest tests" tests="0"></testsuites>\n');
    const none = await parseJUnitFile(path.join(dir, 'none.xml'), 'none.xml');
    assert.equal(none.value, undefined);
    assert.match(none.problems[0]!.message, /no test suites/);

    const empty = await checkReportSize(path.join(fixtures, 'junit-merge/empty.xml'), 'empty.xml', 1024);
    assert.match(empty?.message ?? '', /is empty/);

    await writeFile(path.join(dir, 'pom.xml'), '<project><modelVersion>4.0.0</modelVersion></project>');
    const pom = await parseJUnitFile(path.join(dir, 'pom.xml'), 'pom.xml');
    assert.match(pom.problems[0]!.message, /not JUnit XML: the root element is <project>/);
  });

  it('refuses a 200 MB report by its size before reading it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'junit-'));
    const huge = path.join(dir, 'huge.xml');
    const handle = await open(huge, 'w');
    await handle.write('<?xml version="1.0"?>\n<testsuites>\n');
    await handle.truncate(200 * 1024 * 1024); // sparse: 200 MB on paper, no disk or time spent
    await handle.close();
    const problem = await checkReportSize(huge, 'exports/huge.xml', 32 * 1024 * 1024);
    assert.equal(problem?.file, 'exports/huge.xml');
    assert.match(problem?.message ?? '', /is 200 MB, over the 32 MB limit/);
  });

  it('streams: a report of many thousand cases is read in chunks with the counts intact', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'junit-'));
    const big = path.join(dir, 'big.xml');
    const cases = Array.from({ length: 20_000 }, (_, i) => `<testcase name="t${i}" classname="c" time="0.00${i % 10}"/>`);
    await writeFile(big, `<testsuites><testsuite name="s">${cases.join('\n')}</testsuite></testsuites>`);
    const { value } = await parseJUnitFile(big, 'big.xml');
    assert.equal(value?.tests, 20_000);
    assert.equal(value?.slowest.length, 10);
  });
});
