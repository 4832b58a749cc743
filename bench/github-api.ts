// `npm run bench -- --github`: what reading an organisation costs through the GitHub source's two
// paths (REST only, and REST listing + batched GraphQL), measured against the stand-in: rate-limit
// points per account, requests and wall time for a first run, an unchanged re-run and a run where
// one repository changed, for each organisation size asked for.
import { createCollectorContext } from '../collectors/context.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readGithubCatalog } from '../collectors/github/index.ts';
import { generateRepositories, startGithubStandIn } from '../collectors/github/testing/github-stand-in.ts';
import { CONFIG_DEFAULTS, GITHUB_DEFAULTS } from '../lib/config/schema.ts';
import { createLogger } from '../lib/log/logger.ts';
import type { CollectorContext } from '../collectors/types.ts';
import { formatMs } from './report-table.ts';

/** One token's hourly budget on github.com, per account (REST core and GraphQL are counted apart). */
const HOURLY_POINTS = 5000;

export interface GithubRunFigures {
  repositories: number;
  api: 'rest' | 'graphql';
  run: 'first' | 'unchanged' | 'one changed';
  restPoints: number;
  graphqlPoints: number;
  requests: number;
  wallMs: number;
  entities: number;
}

export async function benchGithub(sizes: number[], say: (line: string) => void): Promise<GithubRunFigures[]> {
  const figures: GithubRunFigures[] = [];
  for (const size of sizes) {
    for (const api of ['rest', 'graphql'] as const) {
      const repositories = generateRepositories(size, 'acme');
      // Accounts large enough not to stop the REST path: the point is what each path spends.
      const standIn = await startGithubStandIn({ org: 'acme', repositories, rateLimit: { core: 1e9, graphql: 1e9 } });
      const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-bench-github-'));
      const context: CollectorContext = {
        ...createCollectorContext({
          config: { ...CONFIG_DEFAULTS, source: 'github' },
          root: dir,
          contentDir: path.join(dir, 'content'),
          cacheRoot: dir,
          logger: createLogger({ quiet: true, stream: { write: () => true, isTTY: false } }),
          now: new Date(),
          env: { GITHUB_TOKEN: 'ghp_' + 'bench'.padEnd(36, 'x') },
        }, 'catalog'),
        cacheDir: path.join(dir, 'cache'),
      };
      const config = { ...GITHUB_DEFAULTS, org: 'acme', baseUrl: standIn.baseUrl, api, timeoutMs: 120_000 };
      const run = async (label: GithubRunFigures['run']) => {
        standIn.requests.length = 0;
        const started = performance.now();
        const result = await readGithubCatalog(context, config);
        const wallMs = Math.round(performance.now() - started);
        const points = standIn.points();
        const row: GithubRunFigures = { repositories: size, api, run: label, restPoints: points.core, graphqlPoints: points.graphql, requests: standIn.requests.length, wallMs, entities: result.entities.length };
        figures.push(row);
        say(`  ${String(size).padStart(6)}  ${api.padEnd(7)}  ${label.padEnd(11)}  ${String(row.restPoints).padStart(6)}  ${String(row.graphqlPoints).padStart(7)}  ${String(row.requests).padStart(8)}  ${formatMs(wallMs).padStart(8)}  ${row.entities}`);
      };
      try {
        await run('first');
        await run('unchanged');
        standIn.push('service-002', { 'catalog-info.yaml': repositories[1]!.files!['catalog-info.yaml']!.replace('Service number 2', 'Changed') });
        await run('one changed');
      } finally {
        await standIn.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  return figures;
}

/** The table's heading, and what the figures mean against one token's budget. */
export function githubBenchHeading(): string {
  return [
    'GitHub source: rate-limit points by path (stand-in; REST core and GraphQL are separate 5,000-point hourly accounts)',
    '   repos  path     run          REST pts  GQL pts  requests      wall  entities',
  ].join('\n');
}

export function githubBenchVerdict(figures: GithubRunFigures[]): string[] {
  return figures
    .filter((f) => f.run === 'first')
    .map((f) => {
      const worst = Math.max(f.restPoints, f.graphqlPoints);
      const share = ((worst / HOURLY_POINTS) * 100).toFixed(1);
      return `  ${f.repositories} repositories over ${f.api}: first run uses ${worst} points of the fuller account, ${share}% of one token's hour${worst > HOURLY_POINTS ? ' (does not fit one window)' : ''}`;
    });
}
