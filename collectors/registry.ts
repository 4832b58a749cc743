// Resolves the names in `collectors:` of backlot.config.yaml to Collector objects: a built-in
// name, or a path to an organisation's own module that exports `collector` (or a default).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Collector } from './types.ts';

const builtIn: Record<string, () => Promise<Collector>> = {
  catalog: async () => (await import('./catalog/collector.ts')).catalogCollector,
  ci: async () => (await import('./ci/collector.ts')).ciCollector,
  cost: async () => (await import('./cost/collector.ts')).costCollector,
  deployments: async () => (await import('./deployments/collector.ts')).deploymentsCollector,
  metrics: async () => (await import('./metrics/collector.ts')).metricsCollector,
  'scaffold-runs': async () => (await import('./scaffold-runs/collector.ts')).scaffoldRunsCollector,
  security: async () => (await import('./security/collector.ts')).securityCollector,
  'test-reports': async () => (await import('./test-reports/collector.ts')).testReportsCollector,
  docs: async () => (await import('./docs/collector.ts')).docsCollector,
};

export const BUILT_IN_COLLECTORS = Object.keys(builtIn);

export async function resolveCollector(entry: string, root: string): Promise<Collector> {
  const load = builtIn[entry];
  if (load) return load();
  if (!entry.includes('/') && !entry.includes('.')) {
    throw new Error(`unknown collector "${entry}" in backlot.config.yaml; built-in collectors are: ${BUILT_IN_COLLECTORS.join(', ')} — or give a path to a module, e.g. ./collectors/my-collector.ts`);
  }
  const file = path.resolve(root, entry);
  const mod = (await import(pathToFileURL(file).href)) as { collector?: Collector; default?: Collector };
  const collector = mod.collector ?? mod.default;
  if (!collector || typeof collector.collect !== 'function' || typeof collector.name !== 'string') {
    throw new Error(`${entry} does not export a collector: export const collector = { name, collect(context) { … } }`);
  }
  return collector;
}
