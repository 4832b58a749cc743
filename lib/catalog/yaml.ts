// The one YAML loader with positions: every document of a file, as plain data plus the
// line/column of each field path, and syntax errors as values rather than exceptions.
import { LineCounter, parseAllDocuments, isMap, isSeq, isPair, isScalar } from 'yaml';
import type { Node } from 'yaml';
import { describeDataFault, findDataFault, MAX_NESTING_DEPTH } from '../parse/keys.ts';

export type Positions = Record<string, { line: number; column: number }>;

export interface ParsedDocument {
  /** The document's data, or undefined when it had errors or was empty. */
  value: unknown;
  /** Where the document's content starts. */
  start: { line: number; column: number };
  positions: Positions;
  errors: DocumentError[];
}

export interface DocumentError {
  line: number;
  column: number;
  message: string;
  /** `yaml-syntax` unless said: `forbidden-key` and `too-deep` are lib/parse's one rule for input data. */
  rule?: 'yaml-syntax' | 'forbidden-key' | 'too-deep';
  hint?: string;
}

const tooDeep = (at: { line: number; column: number }): DocumentError => ({
  ...at,
  rule: 'too-deep',
  ...describeDataFault({ kind: 'too-deep', path: [] }),
});

/** A stack overflow while parsing means nesting far past the limit: said as the limit, not as the overflow. */
const isStackOverflow = (e: unknown) => e instanceof RangeError && /call stack/i.test(e.message);

// Bounds alias expansion so a "billion laughs" document cannot exhaust memory.
const MAX_ALIAS_COUNT = 100;

export function parseYamlDocuments(text: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return [{ value: undefined, start: { line: 1, column: 1 }, positions: {}, errors: [tooDeep({ line: 1, column: 1 })] }];
  }
  const list = Array.isArray(docs) ? docs : [];
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return list.map((doc) => {
    const contents = doc.contents as Node | null;
    const start = pos(contents?.range?.[0] ?? doc.range?.[0] ?? 0);
    const reported: DocumentError[] = doc.errors.map((e) => {
      const p = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      // yaml catches its own stack overflow on very deep nesting and reports it as a syntax error.
      if (/maximum call stack/i.test(e.message)) return tooDeep({ line: p.line, column: p.col });
      return { line: p.line, column: p.col, message: e.message.split('\n')[0] };
    });
    // One overflow is reported once per document, not once per level it unwound.
    const firstTooDeep = reported.find((e) => e.rule === 'too-deep');
    const errors = reported.filter((e) => e.rule !== 'too-deep' || e === firstTooDeep);
    // No prototype: a field path is data, and "__proto__" must not become this object's prototype.
    const positions: Positions = Object.create(null) as Positions;
    if (errors.length > 0 || !contents) return { value: undefined, start, positions, errors };
    collectPositions(contents, '', positions, pos, 0);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      errors.push(isStackOverflow(e) ? tooDeep(start) : { ...start, message: (e as Error).message });
      return { value: undefined, start, positions, errors };
    }
    const fault = findDataFault(value);
    if (fault) {
      const at = positionOf(positions, fault.path.join('.'), start);
      errors.push({ ...at, rule: fault.kind, ...describeDataFault(fault) });
      return { value: undefined, start, positions, errors };
    }
    return { value, start, positions, errors };
  });
}

function collectPositions(node: unknown, path: string, out: Positions, pos: (o: number) => { line: number; column: number }, depth: number): void {
  // Past the nesting limit the document is refused anyway (findDataFault); stop before the stack does.
  if (depth > MAX_NESTING_DEPTH) return;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const child = path ? `${path}.${key}` : key;
      const at = (item.value as Node | null)?.range?.[0] ?? (item.key as Node | null)?.range?.[0];
      if (at !== undefined) out[child] = pos(at);
      collectPositions(item.value, child, out, pos, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = path ? `${path}.${i}` : String(i);
      const at = (item as Node | null)?.range?.[0];
      if (at !== undefined) out[child] = pos(at);
      collectPositions(item, child, out, pos, depth + 1);
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
