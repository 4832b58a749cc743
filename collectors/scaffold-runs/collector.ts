// Collects the recent runs of every scaffold-<name>.yml workflow of the portal repository through
// the GitHub source, so the Create page shows what was scaffolded and whether it worked. With the
// local source there are no runs, and the record says so.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GITHUB_DEFAULTS } from '../../lib/config/schema.ts';
import { createGithubClient } from '../github/client.ts';
import { loadTemplates } from '../../scaffolder/template.ts';
import type { Collector, CollectorReport } from '../types.ts';
import { RUNS_FILE, type ScaffoldRun, type ScaffoldRunsContent } from './runs.ts';

/** Runs kept per workflow: the Create page shows the latest few. */
export const RUNS_PER_WORKFLOW = 10;

export const scaffoldRunsCollector: Collector = {
  name: 'scaffold-runs',
  async collect(context): Promise<CollectorReport> {
    const file = path.join(context.outDir, RUNS_FILE);
    await mkdir(context.outDir, { recursive: true });
    const write = (content: ScaffoldRunsContent) => writeFile(file, JSON.stringify(content, null, 2) + '\n');
    const collectedAt = context.now.toISOString();
    const { templates } = await loadTemplates(path.join(context.root, 'templates'));
    const repository = context.env.GITHUB_REPOSITORY;
    if (context.config.source !== 'github' || !context.config.github) {
      await write({ collectedAt, source: 'none', reason: 'the catalog source is local: there is no GitHub repository whose workflow runs could be read', workflows: {} });
      context.logger.info('scaffold-runs: local source, no runs to collect');
      return { items: 0, failures: [] };
    }
    if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
      await write({ collectedAt, source: 'none', reason: 'GITHUB_REPOSITORY (owner/name of the portal repository, set by GitHub Actions) is not set', workflows: {} });
      context.logger.warn('scaffold-runs: GITHUB_REPOSITORY is not set; no runs collected');
      return { items: 0, failures: [] };
    }
    const previous = await readPrevious(file);
    const github = { ...GITHUB_DEFAULTS, ...context.config.github };
    const client = createGithubClient({
      baseUrl: github.baseUrl,
      ...(context.env[github.tokenEnv] ? { token: context.env[github.tokenEnv] } : {}),
      retries: github.retries,
      timeoutMs: github.timeoutMs,
      log: { warn: (m) => context.logger.warn(m), info: (m) => context.logger.info(m) },
    });
    const [owner, repo] = repository.split('/') as [string, string];
    const content: ScaffoldRunsContent = { collectedAt, source: 'github', repository, workflows: {} };
    const failures: CollectorReport['failures'] = [];
    let items = 0;
    for (const template of templates) {
      const workflow = `scaffold-${template.name}.yml`;
      try {
        const response = await client.octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: workflow, per_page: RUNS_PER_WORKFLOW });
        const runs: ScaffoldRun[] = response.data.workflow_runs.map((r) => ({
          id: r.id,
          runNumber: r.run_number,
          status: r.status ?? 'unknown',
          conclusion: r.conclusion ?? null,
          url: r.html_url,
          createdAt: r.created_at,
          ...(r.actor?.login ? { actor: r.actor.login } : {}),
          ...(r.display_title ? { title: r.display_title } : {}),
        }));
        content.workflows[workflow] = { runs };
        items += runs.length;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 404) {
          content.workflows[workflow] = { runs: [], error: `${workflow} is not on the default branch of ${repository} yet` };
          continue;
        }
        const message = (error as Error).message;
        failures.push({ item: workflow, message });
        content.workflows[workflow] = { runs: previous?.workflows[workflow]?.runs ?? [], error: message, stale: true };
      }
    }
    await write(content);
    context.logger.info(`scaffold-runs: ${items} runs of ${templates.length} workflows (${client.counters.requests} requests)`);
    return { items, failures, stats: { requests: client.counters.requests }, partial: failures.length > 0 };
  },
};

async function readPrevious(file: string): Promise<ScaffoldRunsContent | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as ScaffoldRunsContent;
  } catch {
    return undefined;
  }
}
