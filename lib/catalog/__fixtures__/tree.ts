// Test helper: writes a small folder of descriptor files to a temp dir, so each test's fixture sits
// in the test itself and reads like the repository it stands for.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function writeTree(files: Record<string, string>): { root: string; path: (p: string) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'backlot-catalog-'));
  for (const [name, text] of Object.entries(files)) {
    const full = join(root, name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { root, path: (p) => join(root, p), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A minimal valid Component descriptor; spec lines given replace the defaults of the same key. */
export function component(name: string, specLines: string[] = [], metadataLines: string[] = []): string {
  const given = new Set(specLines.map((l) => l.split(':')[0]));
  const defaults = ['type: service', 'lifecycle: production', 'owner: team-a'].filter((l) => !given.has(l.split(':')[0]));
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    ...metadataLines.map((l) => `  ${l}`),
    'spec:',
    ...defaults.map((l) => `  ${l}`),
    ...specLines.map((l) => `  ${l}`),
  ].join('\n') + '\n';
}
