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

/** By file, line, column, rule: the order a person reads a file in; code-point order so every machine agrees. */
export function compareProblems(a: Problem, b: Problem): number {
  return cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
