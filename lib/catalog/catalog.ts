// Read then assemble, in one call: what collectors and `backlot lint` want, with every problem —
// those found while reading and those found across entities — attached to the entity it concerns.
import type { CatalogResult, CatalogSource, LocationSpec } from './types.ts';
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
  const byRef = new Map(assembled.entities.map((e) => [e.ref, e]));
  // Warnings of kept entities (e.g. unknown-kind) travel with them.
  for (const problem of read.problems) {
    const entity = problem.entityRef ? byRef.get(problem.entityRef) : undefined;
    if (entity && problem.severity === 'warning' && problem.file === entity.source.file) entity.problems.push(problem);
  }
  return { entities: assembled.entities, problems: [...read.problems, ...assembled.problems].sort(compareProblems), files: read.files };
}
