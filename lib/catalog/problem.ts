// Builds Problem values: one place decides their shape, so every rule reports file, line, column,
// entity, message and hint the same way.
import type { Problem, Severity } from './types.ts';
import { positionOf } from './yaml.ts';
import type { Positions } from './yaml.ts';

/** Where an entity's fields are, so a rule can point at the offending one. */
export interface FieldLocator {
  file: string;
  positions: Positions;
  /** The document start: used when no field position is known. */
  start: { line: number; column: number };
  entityRef?: string;
}

export function problemAt(
  at: FieldLocator,
  path: string,
  severity: Severity,
  rule: string,
  message: string,
  hint?: string,
): Problem {
  const { line, column } = positionOf(at.positions, path, at.start);
  const problem: Problem = { file: at.file, line, column, severity, rule, message };
  if (hint) problem.hint = hint;
  if (at.entityRef) problem.entityRef = at.entityRef;
  return problem;
}

/** Errors first, then by file, line, column: the order a person fixes them in. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
