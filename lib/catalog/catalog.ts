// Read then assemble, in one call: what collectors and `backlot lint` want, with every problem —
// those found while reading and those found across entities — attached to the entity it concerns.
import type { CatalogEntity, CatalogResult, CatalogSource, LocationSpec, Problem } from './types.ts';
import { readEntities } from './read.ts';
import { assembleCatalog } from './assemble.ts';
import type { AssembleOptions } from './assemble.ts';
import { compareProblems } from './problem.ts';

export interface LoadedCatalog extends CatalogResult {
  /** Every file read, as displayed. */
  files: string[];
}

export async function loadCatalog(
  roots: LocationSpec[],
  source: CatalogSource,
  options: AssembleOptions & { maxFileBytes?: number } = {},
): Promise<LoadedCatalog> {
  const read = await readEntities(roots, source, { maxFileBytes: options.maxFileBytes });
  const assembled = assembleCatalog(read.entities, options);
  attachReadWarnings(assembled.entities, read.problems);
  return { entities: assembled.entities, problems: [...read.problems, ...assembled.problems].sort(compareProblems), files: read.files };
}

/**
 * Problems found while reading a kept entity travel with it, onto its page: warnings (e.g.
 * unknown-kind) and the errors that did not exclude it (a `$text` that could not be read).
 */
export function attachReadWarnings(entities: CatalogEntity[], readProblems: Problem[]): void {
  const byRef = new Map(entities.map((e) => [e.ref, e]));
  for (const problem of readProblems) {
    const entity = problem.entityRef ? byRef.get(problem.entityRef) : undefined;
    if (entity && problem.file === entity.source.file && !entity.problems.includes(problem)) entity.problems.push(problem);
  }
}
