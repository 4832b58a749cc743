// The one expensive set-up the browser tests share: collect the example organisation into a temp
// content folder, build it (optionally under a base path) into a temp out folder, serve it with
// `backlot preview`. Everything lives in one temp folder that `dispose()` removes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, runBacklot } from './backlot-cli.ts';
import { startPreview, type PreviewServer } from './preview-server.ts';

export const EXAMPLES_ROOT_FILE = path.join(PROJECT_ROOT, 'examples/catalog-info.yaml');

export interface Workspace {
  dir: string;
  contentDir: string;
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
export async function collectExamples(): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-e2e-'));
  const contentDir = path.join(dir, 'content');
  const configFile = await writeConfig(dir, '/');
  // Exit code 3 (partial) still wrote content; the examples should give 0, the tests check the rest.
  await runBacklot(['collect', '--config', configFile, '--content-dir', contentDir, '--cache-dir', path.join(dir, 'cache'), '--quiet']);
  return { dir, contentDir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function writeConfig(dir: string, base: string): Promise<string> {
  const configFile = path.join(dir, `backlot${base === '/' ? '' : base.replace(/\W+/g, '-').replace(/-$/, '')}.config.yaml`);
  await writeFile(configFile, `title: Backlot\nbase: ${base}\ncatalog:\n  locations:\n    - ${JSON.stringify(EXAMPLES_ROOT_FILE)}\n`);
  return configFile;
}

/** Builds the collected content with `base` into `<workspace>/dist<base>` and serves it. */
export async function buildAndServe(workspace: Workspace, base: string): Promise<BuiltPortal> {
  const configFile = await writeConfig(workspace.dir, base);
  const outDir = path.join(workspace.dir, base === '/' ? 'dist' : `dist${base.replace(/\/$/, '').replace(/\//g, '-')}`);
  await runBacklot(['build', '--config', configFile, '--content-dir', workspace.contentDir, '--out', outDir]);
  const server = await startPreview(['--out', outDir, '--config', configFile]);
  return { base, outDir, configFile, server, home: new URL(base, server.origin).href };
}
