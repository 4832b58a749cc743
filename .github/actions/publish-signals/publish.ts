// Entry point of the publish-signals action: reads the report globs from the environment (never
// from `${{ }}` in a shell line), writes backlot-signals.json for actions/upload-artifact to publish.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarizeReports } from '../../../collectors/test-reports/summarize-reports.ts';
import { SUMMARY_FILE } from '../../../collectors/test-reports/summary-artifact.ts';

const list = (value: string | undefined) => (value ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
const env = process.env;
const cwd = env.GITHUB_WORKSPACE ?? process.cwd();
const out = path.resolve(env.SIGNALS_OUT_DIR ?? path.join(cwd, '.backlot-signals'));
const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;

const summary = await summarizeReports(
  cwd,
  { junit: list(env.SIGNALS_JUNIT), lcov: list(env.SIGNALS_LCOV), cobertura: list(env.SIGNALS_COBERTURA) },
  { now: new Date(), ...(env.GITHUB_SHA ? { commit: env.GITHUB_SHA } : {}), ...(runUrl ? { runUrl } : {}) },
);
await mkdir(out, { recursive: true });
await writeFile(path.join(out, SUMMARY_FILE), JSON.stringify(summary, null, 2) + '\n');
const tests = summary.tests ? `${summary.tests.tests} tests, ${summary.tests.failures + summary.tests.errors} failed` : 'no test report';
const coverage = summary.coverage ? `coverage ${summary.coverage.percent}%` : 'no coverage report';
console.log(`backlot-signals: ${tests}; ${coverage}; ${summary.problems.length} problem(s)`);
// Plain text, not a workflow command: a file name in a report must never become one.
for (const p of summary.problems) console.log(`  ${p.file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.message}`.replaceAll('::', ': :'));
