// A CollectorContext for tests: temporary root and cache folders, and a logger whose every line is
// kept, so a test can read what a person would have seen.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONFIG_DEFAULTS, GITHUB_DEFAULTS } from '../../../lib/config/schema.ts';
import { createCollectorContext } from '../../context.ts';
import type { GithubConfig } from '../../../lib/config/schema.ts';
import { createLogger } from '../../../lib/log/logger.ts';
import type { CollectorContext } from '../../types.ts';

export interface TestContext {
  context: CollectorContext;
  /** Everything the logger printed. */
  output: string[];
  dir: string;
  remove(): Promise<void>;
}

export async function createTestContext(env: NodeJS.ProcessEnv = {}): Promise<TestContext> {
  const dir = await mkdtemp(path.join(tmpdir(), 'backlot-github-'));
  const output: string[] = [];
  const logger = createLogger({ stream: { write: (s: string) => (output.push(s), true), isTTY: false } });
  const context: CollectorContext = {
    ...createCollectorContext({ config: { ...CONFIG_DEFAULTS, source: 'github' }, root: path.join(dir, 'root'), contentDir: path.join(dir, 'root', 'src/content/generated'), cacheRoot: dir, logger, now: new Date('2026-11-25T12:00:00Z'), env }, 'catalog'),
    cacheDir: path.join(dir, 'cache'),
  };
  return { context, output, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Config for the stand-in: fast retries, small timeouts, the REST path (GraphQL tests ask for it). */
export function githubConfig(baseUrl: string, overrides: Partial<GithubConfig> = {}): GithubConfig {
  return { ...GITHUB_DEFAULTS, org: 'acme', baseUrl, concurrency: 8, retries: 2, timeoutMs: 15_000, api: 'rest', ...overrides };
}

/** A token of the shape GitHub issues (`ghp_` and 36 characters). */
export const TEST_TOKEN = 'ghp_' + 'T0kenForTest5'.padEnd(36, 'x');
