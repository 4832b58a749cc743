// JUnit XML, the format nearly every test runner writes (Node's junit reporter, Jest, Karma,
// pytest, Surefire …), reduced to what a service page shows: totals, the failures with message and
// file, and the slowest tests. Streamed, so a large report costs time, not memory.
import type { SaxesTagPlain } from 'saxes';
import { ReportError, type ParseResult } from '../../lib/reports/problem.ts';
import { numberAttribute, streamXml } from '../../lib/reports/xml-stream.ts';

export interface FailedTest {
  name: string;
  /** The class or suite the test belongs to, as the runner names it. */
  classname?: string;
  /** `failure` (an assertion) or `error` (the test could not run). */
  kind: 'failure' | 'error';
  /** First line of the failure message. */
  message: string;
  /** Source file (and line) of the test, from the `file` attribute or the first frame of the stack. */
  file?: string;
}

export interface TestRunSummary {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
  /** Sum of the test cases' times. */
  durationSeconds: number;
  /** Up to MAX_LISTED failures, in file order. */
  failed: FailedTest[];
  /** The MAX_LISTED slowest tests, slowest first. */
  slowest: { name: string; classname?: string; seconds: number }[];
}

export const MAX_LISTED = 10;
const MESSAGE_CHARS = 300;

/** Reads one JUnit XML file; a file that is not JUnit, has no suites or breaks off is a problem, not a throw. */
export async function parseJUnitFile(absolutePath: string, displayName: string): Promise<ParseResult<TestRunSummary>> {
  const summary: TestRunSummary = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, durationSeconds: 0, failed: [], slowest: [] };
  let root: string | undefined;
  let suites = 0;
  let current: { name: string; classname?: string; file?: string; seconds: number; outcome?: 'failure' | 'error' | 'skipped'; message?: string; body: string } | undefined;
  let inOutcome = false;

  const finishCase = () => {
    if (!current) return;
    summary.tests++;
    summary.durationSeconds += current.seconds;
    if (current.outcome === 'failure') summary.failures++;
    else if (current.outcome === 'error') summary.errors++;
    else if (current.outcome === 'skipped') summary.skipped++;
    else summary.passed++;
    if ((current.outcome === 'failure' || current.outcome === 'error') && summary.failed.length < MAX_LISTED) {
      const message = firstLine(current.message || current.body) || '(no message)';
      const file = current.file ?? fileFromStack(current.body);
      summary.failed.push({ name: current.name, ...(current.classname ? { classname: current.classname } : {}), kind: current.outcome, message, ...(file ? { file } : {}) });
    }
    keepSlowest(summary.slowest, { name: current.name, ...(current.classname ? { classname: current.classname } : {}), seconds: current.seconds });
    current = undefined;
  };

  try {
    await streamXml(absolutePath, {
      open(tag: SaxesTagPlain) {
        if (root === undefined) {
          root = tag.name;
          if (root !== 'testsuites' && root !== 'testsuite') {
            throw new ReportError(`is not JUnit XML: the root element is <${root}>, expected <testsuites> or <testsuite>`, 1, 1, 'point the exports at JUnit XML files only');
          }
        }
        if (tag.name === 'testsuite') suites++;
        else if (tag.name === 'testcase') {
          current = {
            name: tag.attributes.name ?? '(unnamed)',
            classname: tag.attributes.classname || undefined,
            file: tag.attributes.file ? withLine(tag.attributes.file, tag.attributes.line) : undefined,
            seconds: numberAttribute(tag, 'time') ?? 0,
            body: '',
          };
        } else if (current && (tag.name === 'failure' || tag.name === 'error' || tag.name === 'skipped')) {
          // A failure outranks an error outranks a skip when a runner writes several.
          if (tag.name === 'failure' || current.outcome !== 'failure') {
            if (!(tag.name === 'skipped' && current.outcome)) current.outcome = tag.name;
          }
          current.message ??= tag.attributes.message;
          inOutcome = tag.name !== 'skipped';
        }
      },
      close(name) {
        if (name === 'testcase') finishCase();
        else if (name === 'failure' || name === 'error') inOutcome = false;
      },
      text(text) {
        if (inOutcome && current && current.body.length < 4000) current.body += text;
      },
    });
  } catch (error) {
    if (error instanceof ReportError) return { problems: [{ file: displayName, line: error.line, column: error.column, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }] };
    throw error;
  }
  if (suites === 0 && summary.tests === 0) {
    return { problems: [{ file: displayName, line: 1, column: 1, message: 'has no test suites and no test cases; skipped', hint: 'the test step probably failed before any test ran' }] };
  }
  summary.durationSeconds = Math.round(summary.durationSeconds * 1000) / 1000;
  return { value: summary, problems: [] };
}

function keepSlowest(list: TestRunSummary['slowest'], entry: TestRunSummary['slowest'][number]) {
  if (list.length === MAX_LISTED && entry.seconds <= list[list.length - 1]!.seconds) return;
  list.push(entry);
  list.sort((a, b) => b.seconds - a.seconds);
  if (list.length > MAX_LISTED) list.pop();
}

const firstLine = (text: string | undefined) => {
  const line = (text ?? '').split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS)}…` : line;
};

const withLine = (file: string, line?: string) => (line && /^\d+$/.test(line) ? `${file}:${line}` : file);

/** The first stack frame that points into a source file (not node: internals), as `path:line`. */
function fileFromStack(body: string): string | undefined {
  const match = /(?:file:\/\/)?((?:[A-Za-z]:)?[\w@./\\-]+\.(?:[cm]?[jt]sx?|py|java|kt|go|rb|cs|php|rs|swift)):(\d+)/.exec(body);
  return match ? `${match[1]}:${match[2]}` : undefined;
}
