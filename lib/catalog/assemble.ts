// Turns individually valid entities into a catalog: one entity per ref (first wins), every
// well-known relation derived in both directions, and references checked against the whole set.
import type { CatalogEntity, CatalogResult, EntityRelation, LocatedEntity, Problem, Severity } from './types.ts';
import { problemAt } from './problem.ts';
import { safeParseEntityRef, stringifyEntityRef } from './ref.ts';
import { RELATION_PAIRS, referencesIn, relationFieldsOf } from './relations.ts';

export interface AssembleOptions {
  /** Refs that exist outside these entities (the rest of the organisation): not reported as dangling. */
  known?: Set<string>;
  /**
   * How a reference to an entity that is nowhere is reported; `error` unless set (lint of one
   * repository uses `warning`; a docs preview of one repository, `off`: its references point outside it).
   */
  danglingSeverity?: Severity | 'off';
}

export function assembleCatalog(entities: LocatedEntity[], options: AssembleOptions = {}): CatalogResult {
  const known = new Set([...(options.known ?? [])].map((r) => r.toLowerCase()));
  const danglingSeverity = options.danglingSeverity ?? 'error';
  const problems: Problem[] = [];
  const byRef = new Map<string, CatalogEntity>();
  const kept: CatalogEntity[] = [];

  for (const located of entities) {
    const first = byRef.get(located.ref);
    if (first) {
      const at = { file: located.source.file, positions: located.positions, start: located.source, entityRef: located.ref };
      problems.push(
        problemAt(at, 'metadata.name', 'error', 'duplicate-entity', `${located.ref} is defined twice: here, and first at ${first.source.file}:${first.source.line}:${first.source.column} (that one is kept)`, 'Remove one of the two, or give this one another name or namespace.'),
      );
      continue;
    }
    const entity: CatalogEntity = { ...located, entity: { ...located.entity }, problems: [] };
    byRef.set(located.ref, entity);
    kept.push(entity);
  }

  const relations = new Map<string, Map<string, EntityRelation>>();
  const addRelation = (from: string, type: string, targetRef: string) => {
    let set = relations.get(from);
    if (!set) relations.set(from, (set = new Map()));
    set.set(`${type}\u0000${targetRef}`, { type, targetRef });
  };

  for (const item of kept) {
    const { entity } = item;
    const at = { file: item.source.file, positions: item.positions, start: item.source, entityRef: item.ref };
    for (const field of relationFieldsOf(entity.kind)) {
      for (const { path, value } of referencesIn(entity.spec, field)) {
        const parsed = safeParseEntityRef(String(value), { defaultKind: field.defaultKind, defaultNamespace: entity.metadata.namespace });
        if ('error' in parsed) {
          // Normally caught by validateEntity; reported here too for entities built some other way.
          item.problems.push(problemAt(at, path, 'error', 'invalid-reference', parsed.error, 'Write the reference as [kind:][namespace/]name.'));
          continue;
        }
        const target = stringifyEntityRef(parsed);
        const targetKind = target.slice(0, target.indexOf(':'));
        addRelation(item.ref, field.relation, target);
        addRelation(target, RELATION_PAIRS[field.relation], item.ref);
        if (!field.targetKinds.includes(targetKind)) {
          item.problems.push(
            problemAt(at, path, 'error', 'wrong-kind', `${path} refers to ${target}, a ${targetKind}; it must be ${field.targetKinds.map(article).join(' or ')}`, `Point ${field.field} at ${field.targetKinds.map(article).join(' or ')}${field.defaultKind ? ` (a bare name means ${field.defaultKind.toLowerCase()}:<name>)` : ''}.`),
          );
        } else if (danglingSeverity !== 'off' && !byRef.has(target) && !known.has(target)) {
          item.problems.push(
            problemAt(at, path, danglingSeverity, 'dangling-reference', `${path} refers to ${target}, which is not in the catalog`, `Check the spelling and namespace of "${String(value)}", or add the ${targetKind} to the catalog.`),
          );
        }
      }
    }
    problems.push(...item.problems);
  }

  for (const item of kept) {
    const own = relations.get(item.ref);
    item.entity.relations = own ? [...own.values()].sort(compareRelations) : [];
  }
  return { entities: kept, problems };
}

function compareRelations(a: EntityRelation, b: EntityRelation): number {
  return a.type < b.type ? -1 : a.type > b.type ? 1 : a.targetRef < b.targetRef ? -1 : a.targetRef > b.targetRef ? 1 : 0;
}

function article(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
