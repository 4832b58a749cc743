// The test-reports collector: per entity, JUnit totals and failures and coverage with its trend,
// from report files dropped in `<exports>/<entity name>/tests/` or, for a GitHub organisation, from the
// `backlot-signals` artifact the publish-signals action uploads (one listing request per repository,
// a download only when a newer artifact exists).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../lib/reports/problem.ts';
import { signalsSettings } from '../../lib/signals/config.ts';
import type { SignalEnvelope } from '../../lib/signals/envelope.ts';
import { exportFiles } from '../../lib/signals/exports-folder.ts';
import { openGithubSession, type GithubSession } from '../../lib/signals/github-session.ts';
import { finishSignalRun, readEachTarget } from '../../lib/signals/per-target.ts';
import { readSignalTargets, type SignalTarget } from '../../lib/signals/targets.ts';
import { conditionalGet } from '../github/http-cache.ts';
import type { Collector } from '../types.ts';
import type { CoveragePoint, TestReportsData } from './records.ts';
import { summarizeReports } from './summarize-reports.ts';
import { MAX_SUMMARY_ARTIFACT_BYTES, readSummaryZip, SUMMARY_ARTIFACT_NAME, type SignalsSummary } from './summary-artifact.ts';
import { parseJsonInput } from '../../lib/parse/json.ts';
import { MAX_STORED_DEPTH } from '../../lib/parse/keys.ts';

type Envelope = SignalEnvelope<TestReportsData>;
/** Kept between runs: the last artifact read per repository, and each entity's coverage history. */
interface Store {
  artifacts: Record<string, { id: number; summary: SignalsSummary }>;
  trends: Record<string, CoveragePoint[]>;
}

export const testReportsCollector: Collector = {
  name: 'test-reports',
  async collect(context) {
    const settings = signalsSettings(context.config);
    const exportsDir = path.resolve(context.root, settings.exportsDir);
    const targets = readSignalTargets(path.dirname(context.outDir));
    const storeFile = path.join(context.cacheDir, 'store.json');
    const store: Store = await readFile(storeFile, 'utf8').then((t) => parseJsonInput(t, storeFile, MAX_STORED_DEPTH) as Store, () => ({ artifacts: {}, trends: {} }));
    const session = await openGithubSession(context);
    const problems: string[] = [];

    const addTrend = (ref: string, point: CoveragePoint) => {
      const trend = store.trends[ref] ?? [];
      if (trend.at(-1)?.at !== point.at) trend.push(point);
      store.trends[ref] = trend.slice(-settings.coverageTrendLength);
      return store.trends[ref]!;
    };

    const run = await readEachTarget<TestReportsData>(context, targets, session, async (target) => {
      const fromExports = await fromExportsFolder(exportsDir, settings.exportsDir, target, settings.maxReportBytes);
      let summary = fromExports?.summary;
      let source: Envelope['source'] = { name: fromExports ? `exports: ${fromExports.files.join(', ')}` : '' };
      let reports = fromExports?.files ?? [];
      if (!summary && session && target.repository) {
        const artifact = await fromArtifact(session, target.repository, store);
        if (artifact) {
          summary = artifact.summary;
          source = { name: `GitHub Actions artifact ${SUMMARY_ARTIFACT_NAME} of ${target.repository}`, ...(artifact.summary.runUrl ? { url: artifact.summary.runUrl } : {}) };
          reports = [`${SUMMARY_ARTIFACT_NAME} #${artifact.id}`];
        }
      }
      if (!summary || (!summary.tests && !summary.coverage)) {
        for (const p of summary?.problems ?? []) problems.push(formatProblem(p));
        return;
      }
      for (const p of summary.problems) problems.push(formatProblem(p));
      const at = fromExports?.measuredAt ?? summary.createdAt;
      const coverageTrend = summary.coverage ? addTrend(target.ref, { at, percent: summary.coverage.percent, ...(summary.commit ? { commit: summary.commit } : {}) }) : (store.trends[target.ref] ?? []);
      return {
        ref: target.ref,
        collectedAt: context.now.toISOString(),
        source,
        ...(summary.problems.length ? { notes: summary.problems.map(formatProblem) } : {}),
        data: {
          ...(summary.tests ? { tests: summary.tests } : {}),
          ...(summary.coverage ? { coverage: summary.coverage } : {}),
          coverageTrend,
          ...(summary.commit ? { commit: summary.commit } : {}),
          ...(summary.runUrl ? { runUrl: summary.runUrl } : {}),
          reports,
        },
      };
    });
    return finishSignalRun(context, 'test-reports', run, { problems, session, store: { file: storeFile, value: store }, stats: { reportProblems: problems.length } });
  },
};

/** Reports in `<exports>/<entity name>/tests/`: every `*.xml` (JUnit or Cobertura by its root), `*.info`/`*.lcov`. */
async function fromExportsFolder(exportsDir: string, shownDir: string, target: SignalTarget, maxReportBytes: number) {
  const files = exportFiles(exportsDir, path.join(target.name, 'tests'));
  const junit = files.filter((f) => /\.xml$/i.test(f) && !/cobertura|coverage/i.test(path.basename(f)));
  const cobertura = files.filter((f) => /\.xml$/i.test(f) && /cobertura|coverage/i.test(path.basename(f)));
  const lcov = files.filter((f) => /(\.info|\.lcov)$/i.test(f));
  if (junit.length + cobertura.length + lcov.length === 0) return undefined;
  const newest = Math.max(...(await Promise.all([...junit, ...cobertura, ...lcov].map(async (f) => (await stat(path.join(exportsDir, f))).mtimeMs))));
  const summary = await summarizeReports(exportsDir, { junit, lcov, cobertura }, { now: new Date(newest), maxReportBytes });
  summary.problems = summary.problems.map((p) => ({ ...p, file: path.join(shownDir, p.file) }));
  return { summary, files: [...junit, ...lcov, ...cobertura].map((f) => path.join(shownDir, f)), measuredAt: new Date(newest).toISOString() };
}

/** The newest `backlot-signals` artifact of a repository, downloaded only when it is new. */
async function fromArtifact(session: GithubSession, repository: string, store: Store) {
  const [owner, repo] = repository.split('/') as [string, string];
  const listing = await conditionalGet(session.octokit, session.cache, `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/actions/artifacts?name=${SUMMARY_ARTIFACT_NAME}&per_page=1`, {
    reduce: (d) => ((d as { artifacts?: { id: number; size_in_bytes: number; expired: boolean }[] }).artifacts ?? []).slice(0, 1).map(({ id, size_in_bytes, expired }) => ({ id, size: size_in_bytes, expired })),
  });
  const latest = listing?.data[0];
  if (!latest || latest.expired) return store.artifacts[repository] ? { id: store.artifacts[repository].id, summary: store.artifacts[repository].summary } : undefined;
  const known = store.artifacts[repository];
  if (known && known.id === latest.id) return { id: known.id, summary: known.summary };
  if (latest.size > MAX_SUMMARY_ARTIFACT_BYTES) throw new Error(`artifact ${SUMMARY_ARTIFACT_NAME} #${latest.id} of ${repository} is ${latest.size} bytes, too large for a summary; is something else uploaded under that name?`);
  const response = await session.octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', { owner, repo, artifact_id: latest.id, archive_format: 'zip', request: {} });
  const summary = readSummaryZip(new Uint8Array(response.data as ArrayBuffer));
  if (typeof summary === 'string') throw new Error(`artifact ${SUMMARY_ARTIFACT_NAME} #${latest.id} of ${repository} ${summary}`);
  store.artifacts[repository] = { id: latest.id, summary };
  return { id: latest.id, summary };
}

