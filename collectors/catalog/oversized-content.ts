// Content from repositories never fails the build, but a person should know when it is too large
// to show well: an API definition past the page's reference limit gets a warning on its entity.
import type { CatalogEntity, Problem } from '../../lib/catalog/types.ts';
import { problemAt } from '../../lib/catalog/problem.ts';
import { formatSize, PAGE_REFERENCE_MAX_CHARS } from '../../lib/apidocs/parseDefinitionText.ts';

/** Adds a `large-definition` warning to each API whose definition the page will show raw only; returns them. */
export function warnOversizedContent(entities: CatalogEntity[]): Problem[] {
  const warnings: Problem[] = [];
  for (const item of entities) {
    const definition = item.entity.spec?.definition;
    if (item.entity.kind !== 'API' || typeof definition !== 'string' || definition.length <= PAGE_REFERENCE_MAX_CHARS) continue;
    const at = { file: item.source.file, positions: item.positions, start: item.source, entityRef: item.ref };
    const warning = problemAt(
      at,
      'spec.definition',
      'warning',
      'large-definition',
      `spec.definition is ${formatSize(definition.length)}, over the ${formatSize(PAGE_REFERENCE_MAX_CHARS)} the API page renders as a reference: the page shows it raw, collapsed`,
      'Split the definition (one API entity per part), or leave it: the portal still builds.',
    );
    item.problems.push(warning);
    warnings.push(warning);
  }
  return warnings;
}
