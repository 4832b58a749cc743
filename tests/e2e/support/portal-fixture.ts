// The one expensive set-up the browser tests share: collect the example organisation into a temp
// content folder, build it (optionally under a base path) into a temp out folder, serve it with
// `backlot preview`. Everything lives in one temp folder that `dispose()` removes.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, runBacklot } from './backlot-cli.ts';
import { startPreview, type PreviewServer } from './preview-server.ts';

export const EXAMPLES_ROOT_FILE = path.join(PROJECT_ROOT, 'examples/catalog-info.yaml');

export interface Workspace {
  dir: string;
  contentDir: string;
  /** Build output goes here, inside the project (see `collectCatalog`). */
  outRoot: string;
  /** The root Location that was collected. */
  rootFile: string;
  dispose(): Promise<void>;
}

export interface BuiltPortal {
  base: string;
  outDir: string;
  configFile: string;
  server: PreviewServer;
  /** The site's home page URL: origin + base. */
  home: string;
}

/** A temp folder with the examples collected into it. */
export function collectExamples(): Promise<Workspace> {
  return collectCatalog(EXAMPLES_ROOT_FILE);
}

/** A temp folder with the catalog under `rootFile` (a root Location) collected into it. */
export async function collectCatalog(rootFile: string): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-e2e-'));
  // Astro puts its intermediate server chunks in <project>/.astro/ when the out dir is outside the
  // project, shared by every build of the checkout; an out dir inside the (git-ignored)
  // test-results/ folder gives this build its own, so it never collides with another build.
  await mkdir(path.join(PROJECT_ROOT, 'test-results'), { recursive: true });
  const outRoot = await mkdtemp(path.join(PROJECT_ROOT, 'test-results', 'e2e-'));
  const contentDir = path.join(dir, 'content');
  const configFile = await writeConfig(dir, '/', rootFile);
  try {
    await runBacklot(['collect', '--config', configFile, '--content-dir', contentDir, '--cache-dir', path.join(dir, 'cache'), '--quiet']);
  } catch (error) {
    await Promise.all([dir, outRoot].map((d) => rm(d, { recursive: true, force: true })));
    throw error;
  }
  return {
    dir,
    contentDir,
    outRoot,
    rootFile,
    async dispose() {
      await rm(dir, { recursive: true, force: true });
      await rm(outRoot, { recursive: true, force: true });
    },
  };
}

async function writeConfig(dir: string, base: string, rootFile: string): Promise<string> {
  const configFile = path.join(dir, `backlot${base === '/' ? '' : base.replace(/\W+/g, '-').replace(/-$/, '')}.config.yaml`);
  await writeFile(configFile, `title: Backlot\nbase: ${base}\ncatalog:\n  locations:\n    - ${JSON.stringify(rootFile)}\n`);
  return configFile;
}

/** Builds the collected content with `base` into `<workspace>/dist<base>` and serves it; `buildArgs` go to `backlot build`. */
export async function buildAndServe(workspace: Workspace, base: string, buildArgs: string[] = []): Promise<BuiltPortal> {
  const configFile = await writeConfig(workspace.dir, base, workspace.rootFile);
  const outDir = path.join(workspace.outRoot, base === '/' ? 'dist' : `dist${base.replace(/\/$/, '').replace(/\//g, '-')}`);
  // Budgets are the build's own check (and its tests'); here a page over budget must not hide how the site behaves.
  await runBacklot(['build', '--config', configFile, '--content-dir', workspace.contentDir, '--out', outDir, '--no-budgets', '--quiet', ...buildArgs]);
  const server = await startPreview(['--out', outDir, '--config', configFile]);
  return { base, outDir, configFile, server, home: new URL(base, server.origin).href };
}
