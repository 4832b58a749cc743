// What the cache and the content were produced with: a cache or content written under other
// settings (another organisation, host, filters) must never be shown as data of these, so a
// mismatch starts clean and says so.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GithubConfig } from '../../lib/config/schema.ts';

/** Bump when what the cache holds changes shape: every repository is then read again. */
const CACHE_FORMAT = 2;

/** The settings that decide which repositories and files are read, and how they become entities. */
export function sourceSettings(config: GithubConfig): Record<string, unknown> {
  return {
    format: CACHE_FORMAT,
    baseUrl: config.baseUrl.replace(/\/$/, ''),
    org: config.org.toLowerCase(),
    include: config.include,
    exclude: config.exclude,
    topics: config.topics,
    archived: config.archived,
    forks: config.forks,
    descriptorPath: config.descriptorPath,
    registerWithoutDescriptor: config.registerWithoutDescriptor,
  };
}

/** A short stable key of the settings (written beside cache and content, compared on the next run). */
export function settingsKey(config: GithubConfig): string {
  return createHash('sha256').update(JSON.stringify(sourceSettings(config))).digest('hex').slice(0, 16);
}

/** A human summary of what differs between two stored settings objects. */
export function describeChange(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k} ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}`)
    .join(', ');
}

/**
 * Makes sure `cacheDir` holds only what these settings produced: when it was written under other
 * settings it is emptied. Returns the change (for the log), or undefined when the cache matches.
 */
export async function claimCache(cacheDir: string, config: GithubConfig): Promise<string | undefined> {
  const file = path.join(cacheDir, 'settings.json');
  const current = sourceSettings(config);
  let stored: Record<string, unknown> | undefined;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    stored = undefined;
  }
  let change: string | undefined;
  if (stored && JSON.stringify(stored) !== JSON.stringify(current)) {
    change = describeChange(stored, current);
    await rm(cacheDir, { recursive: true, force: true });
  } else if (!stored) {
    // A cache from before settings were recorded cannot vouch for itself.
    await rm(cacheDir, { recursive: true, force: true });
  }
  await mkdir(cacheDir, { recursive: true });
  await writeFile(file, JSON.stringify(current) + '\n');
  return change;
}
