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
