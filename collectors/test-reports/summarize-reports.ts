// Reads the report files a CI job wrote (JUnit XML, lcov, Cobertura) into one SignalsSummary: what
// the publish-signals action runs inside a service's CI, and what the exports collector does with
// a folder of reports. Several JUnit files add up; the first coverage file read wins.
import { glob } from 'node:fs/promises';
import path from 'node:path';
import type { ReportProblem } from '../../lib/reports/problem.ts';
import { checkReportSize, DEFAULT_MAX_REPORT_BYTES } from '../../lib/reports/size-limit.ts';
import { parseCoberturaFile } from './cobertura.ts';
import type { CoverageSummary } from './coverage.ts';
import { MAX_LISTED, parseJUnitFile, type TestRunSummary } from './junit.ts';
import { parseLcovFile } from './lcov.ts';
import { SUMMARY_SCHEMA, type SignalsSummary } from './summary-artifact.ts';

export interface ReportPatterns {
  junit: string[];
  lcov: string[];
  cobertura: string[];
}

export function addTestRuns(a: TestRunSummary | undefined, b: TestRunSummary): TestRunSummary {
  if (!a) return b;
  return {
    tests: a.tests + b.tests,
    passed: a.passed + b.passed,
    failures: a.failures + b.failures,
    errors: a.errors + b.errors,
    skipped: a.skipped + b.skipped,
    durationSeconds: Math.round((a.durationSeconds + b.durationSeconds) * 1000) / 1000,
    failed: [...a.failed, ...b.failed].slice(0, MAX_LISTED),
    slowest: [...a.slowest, ...b.slowest].sort((x, y) => y.seconds - x.seconds).slice(0, MAX_LISTED),
  };
}

/** Reads every file the patterns match under `cwd`; problems name files relative to it. */
export async function summarizeReports(cwd: string, patterns: ReportPatterns, options: { now: Date; maxReportBytes?: number; commit?: string; runUrl?: string }): Promise<SignalsSummary> {
  const max = options.maxReportBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const problems: ReportProblem[] = [];
  let tests: TestRunSummary | undefined;
  let coverage: CoverageSummary | undefined;
  const files = async (list: string[]) => {
    const found = new Set<string>();
    for (const pattern of list) for await (const file of glob(pattern, { cwd })) found.add(file);
    return [...found].sort();
  };
  const readable = async (file: string) => {
    const problem = await checkReportSize(path.resolve(cwd, file), file, max);
    if (problem) problems.push(problem);
    return !problem;
  };
  for (const file of await files(patterns.junit)) {
    if (!(await readable(file))) continue;
    const result = await parseJUnitFile(path.resolve(cwd, file), file);
    problems.push(...result.problems);
    if (result.value) tests = addTestRuns(tests, result.value);
  }
  for (const [list, parse] of [[patterns.lcov, parseLcovFile], [patterns.cobertura, parseCoberturaFile]] as const) {
    for (const file of await files(list)) {
      if (coverage || !(await readable(file))) continue;
      const result = await parse(path.resolve(cwd, file), file);
      problems.push(...result.problems);
      if (result.value) coverage = result.value;
    }
  }
  return {
    schema: SUMMARY_SCHEMA,
    createdAt: options.now.toISOString(),
    ...(options.commit ? { commit: options.commit } : {}),
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    ...(tests ? { tests } : {}),
    ...(coverage ? { coverage } : {}),
    problems,
  };
}
