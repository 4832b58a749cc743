// The docs half of `backlot lint`: reads and renders a repository's docs exactly as the portal
// will, and gives every docs problem (broken links, refused files, invalid mkdocs.yml) in the
// catalog's problem shape, so a service team sees them in its pull request.
import path from 'node:path';
import type { LocatedEntity, Problem } from '../../lib/catalog/types.ts';
import { DOCS_DEFAULTS } from './config.ts';
import { renderDocsVersion } from '../../lib/docs/render-site.ts';
import { readEntityDocs, TECHDOCS_REF } from './collector.ts';

/** Docs problems of the entities' own docs (default branch only), paths relative to `cwd`. */
export async function checkEntityDocs(entities: Pick<LocatedEntity, 'ref' | 'entity' | 'source'>[], cwd = process.cwd()): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const entity of entities) {
    const ref = entity.entity.metadata.annotations?.[TECHDOCS_REF];
    if (!ref) continue;
    const descriptorFolder = path.dirname(path.resolve(cwd, entity.source.file));
    const docs = await readEntityDocs(entity, ref, {
      root: cwd,
      config: { ...DOCS_DEFAULTS, versions: { tags: DOCS_DEFAULTS.versions.tags, last: 0 } },
      assets: { async write() {} },
      collectedAt: new Date().toISOString(),
      catalogRoots: [descriptorFolder],
    });
    const found = [...docs.problems];
    const version = docs.versions.find((v) => v.isDefault);
    if (version) found.push(...(await renderDocsVersion(docs, version, { base: '/' })).problems);
    for (const p of found) {
      problems.push({
        severity: p.severity,
        rule: p.message.startsWith('broken ') ? 'docs-broken-link' : 'docs',
        message: p.message,
        file: p.file,
        line: p.line,
        column: 1,
        entityRef: entity.ref,
      });
    }
  }
  return problems;
}
