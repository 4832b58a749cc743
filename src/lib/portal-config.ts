// Where the pages find the project: `backlot build` passes the root, config file and content
// folder through the environment, because Astro's pages cannot take arguments.
import path from 'node:path';
import { loadConfig } from '../../lib/config/load.ts';
import type { BacklotConfig } from '../../lib/config/schema.ts';
import { GENERATED_DIR } from '../../lib/content/records.ts';

/** The project root: `BACKLOT_ROOT`, else the working directory. */
export function projectRoot(): string {
  return path.resolve(process.env.BACKLOT_ROOT ?? process.cwd());
}

/** The content folder: `BACKLOT_CONTENT_DIR` (absolute or relative to the root), else src/content/generated. */
export function contentDir(): string {
  return path.resolve(projectRoot(), process.env.BACKLOT_CONTENT_DIR ?? GENERATED_DIR);
}

let configPromise: Promise<BacklotConfig> | undefined;

/** backlot.config.yaml (or `BACKLOT_CONFIG`), validated once per build. */
export function portalConfig(): Promise<BacklotConfig> {
  configPromise ??= loadConfig(projectRoot(), process.env.BACKLOT_CONFIG);
  return configPromise;
}
