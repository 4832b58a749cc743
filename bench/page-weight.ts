// What a visitor downloads first: the catalog page's first view (HTML + CSS + the JS it loads up
// front, gzip) and an entity page's up-front JS, measured with the budget check's own rules.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createPageMeasurer, type PageSize } from '../src/build/budgets.ts';

export interface PageWeights {
  /** /catalog/: HTML, CSS and up-front JS, gzip bytes. */
  catalog: PageSize & { total: number };
  /** The first component's page (or any entity page), same measures. */
  entity: (PageSize & { total: number }) | undefined;
}

/** The first entity page in path order, preferring a component (the commonest kind). */
async function firstEntityPage(outDir: string): Promise<string | undefined> {
  const catalog = path.join(outDir, 'catalog');
  const namespaces = (await readdir(catalog, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const kind of ['component', 'api', 'system']) {
    for (const namespace of namespaces) {
      const names = (await readdir(path.join(catalog, namespace, kind)).catch(() => [])).sort();
      if (names.length > 0) return `catalog/${namespace}/${kind}/${names[0]}/index.html`;
    }
  }
  return undefined;
}

export async function measurePageWeights(outDir: string): Promise<PageWeights> {
  const measure = createPageMeasurer(outDir);
  const withTotal = (size: PageSize) => ({ ...size, total: size.html + size.css + size.js });
  const entity = await firstEntityPage(outDir);
  return { catalog: withTotal(measure('catalog/index.html')), entity: entity ? withTotal(measure(entity)) : undefined };
}
