// JSON read from files Backlot did not just write in memory (content, caches, $json, definitions,
// --known): parsed, then held to the one key rule of keys.ts, with the line and column of a fault.
import { describeDataFault, findDataFault, MAX_NESTING_DEPTH } from './keys.ts';

/** A parse failure with where it is: what every caller turns into a Problem or a refused file. */
export class InputError extends Error {
  override name = 'InputError';
  /** What is wrong, without the position. */
  readonly reason: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
  constructor(reason: string, file: string, line: number, column: number, hint?: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.reason = reason;
    this.file = file;
    this.line = line;
    this.column = column;
    this.hint = hint;
  }
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where `"key":` first appears after the keys before it on `path`: good enough to send a person to the line. */
function offsetOfKeyPath(text: string, path: string[]): number {
  let from = 0;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue;
    const pattern = new RegExp(`"${JSON.stringify(key).slice(1, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) return from;
    from = match.index;
  }
  return from;
}

/** `JSON.parse`, then the key and depth rule; throws InputError naming `file`, line and column. */
export function parseJsonInput(text: string, file: string, maxDepth = MAX_NESTING_DEPTH): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, column } = positionAt(text, offset);
    throw new InputError(`not valid JSON: ${message.split('\n')[0]}`, file, line, column, 'Fix the JSON syntax.');
  }
  const fault = findDataFault(value, maxDepth);
  if (fault) {
    const { message, hint } = describeDataFault(fault, maxDepth);
    const { line, column } = positionAt(text, offsetOfKeyPath(text, fault.path));
    throw new InputError(message, file, line, column, hint);
  }
  return value;
}
