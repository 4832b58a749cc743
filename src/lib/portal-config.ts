// Where the pages find the project: `backlot build` passes the root, the content folder and the
// config (validated, --base applied) through the environment, because Astro's pages cannot take
// arguments. Outside `backlot build` (astro dev, astro check) the config file is read here.
import path from 'node:path';
import { loadConfig } from '../../lib/config/load.ts';
import type { BacklotConfig } from '../../lib/config/schema.ts';
import { GENERATED_DIR } from '../../lib/content/records.ts';

/** Environment variable holding the validated config as JSON, set by `backlot build`. */
export const VALIDATED_CONFIG_ENV = 'BACKLOT_VALIDATED_CONFIG';

/** The project root: `BACKLOT_ROOT`, else the working directory. */
export function projectRoot(): string {
  return path.resolve(process.env.BACKLOT_ROOT ?? process.cwd());
}

/** The content folder: `BACKLOT_CONTENT_DIR` (absolute or relative to the root), else src/content/generated. */
export function contentDir(): string {
  return path.resolve(projectRoot(), process.env.BACKLOT_CONTENT_DIR ?? GENERATED_DIR);
}

/** Where a build keeps what the next may reuse (diagram layouts, rendered docs): `backlot build --cache-dir`, else `.cache/`. */
export function buildCacheDir(): string {
  return path.resolve(projectRoot(), process.env.BACKLOT_BUILD_CACHE_DIR ?? '.cache');
}

let configPromise: Promise<BacklotConfig> | undefined;

/** The config `backlot build` validated; read from backlot.config.yaml only without it. */
export function portalConfig(): Promise<BacklotConfig> {
  const handedOver = process.env[VALIDATED_CONFIG_ENV];
  configPromise ??= handedOver ? Promise.resolve(JSON.parse(handedOver) as BacklotConfig) : loadConfig(projectRoot());
  return configPromise;
}
