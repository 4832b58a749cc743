// The one YAML loader with positions: every document of a file, as plain data plus the
// line/column of each field path, and syntax errors as values rather than exceptions.
import { LineCounter, parseAllDocuments, isMap, isSeq, isPair, isScalar } from 'yaml';
import type { Node } from 'yaml';

export type Positions = Record<string, { line: number; column: number }>;

export interface ParsedDocument {
  /** The document's data, or undefined when it had errors or was empty. */
  value: unknown;
  /** Where the document's content starts. */
  start: { line: number; column: number };
  positions: Positions;
  errors: { line: number; column: number; message: string }[];
}

// Bounds alias expansion so a "billion laughs" document cannot exhaust memory.
const MAX_ALIAS_COUNT = 100;

export function parseYamlDocuments(text: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return list.map((doc) => {
    const contents = doc.contents as Node | null;
    const start = pos(contents?.range?.[0] ?? doc.range?.[0] ?? 0);
    const errors = doc.errors.map((e) => {
      const p = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return { line: p.line, column: p.col, message: e.message.split('\n')[0] };
    });
    const positions: Positions = {};
    if (errors.length > 0 || !contents) return { value: undefined, start, positions, errors };
    collectPositions(contents, '', positions, pos);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push({ ...start, message: (e as Error).message });
    }
    return { value, start, positions, errors };
  });
}

function collectPositions(node: unknown, path: string, out: Positions, pos: (o: number) => { line: number; column: number }): void {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const child = path ? `${path}.${key}` : key;
      const at = (item.value as Node | null)?.range?.[0] ?? (item.key as Node | null)?.range?.[0];
      if (at !== undefined) out[child] = pos(at);
      collectPositions(item.value, child, out, pos);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = path ? `${path}.${i}` : String(i);
      const at = (item as Node | null)?.range?.[0];
      if (at !== undefined) out[child] = pos(at);
      collectPositions(item, child, out, pos);
    });
  }
}

/** The position of `path`, or of its nearest ancestor that has one. */
export function positionOf(positions: Positions, path: string, fallback: { line: number; column: number }): { line: number; column: number } {
  let p = path;
  while (p) {
    if (positions[p]) return positions[p];
    const dot = p.lastIndexOf('.');
    p = dot === -1 ? '' : p.slice(0, dot);
  }
  return fallback;
}
