// A build writes into `<out>.building` and only a finished one replaces `<out>`: a failed build
// (or assembly of parts) never replaces a good site, nor the deploy artifact made from it.
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

/** The finished output replaces the old in two renames; the previous one is removed after. */
export async function swapIn(outDir: string, stagingDir: string, failedDir: string): Promise<void> {
  const previousDir = `${outDir}.previous`;
  await rm(previousDir, { recursive: true, force: true });
  if (existsSync(outDir)) await rename(outDir, previousDir);
  await rename(stagingDir, outDir);
  await Promise.all([previousDir, failedDir].map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * A failed build or assembly: the staging folder is kept as `failedDir` to inspect, and the
 * output stays as it was. Returns what to tell the person (`show` formats a path for them).
 */
export async function keepFailed(outDir: string, stagingDir: string, failedDir: string, show: (dir: string) => string): Promise<string> {
  await rm(failedDir, { recursive: true, force: true });
  if (existsSync(stagingDir)) await rename(stagingDir, failedDir);
  const kept = existsSync(outDir) ? `${show(outDir)} is unchanged` : `${show(outDir)} was not created`;
  return `${kept}${existsSync(failedDir) ? ` (the failed build is in ${show(failedDir)} to inspect)` : ''}`;
}
