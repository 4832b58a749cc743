// Reads a JSON report with its position in every error: JSON.parse says where the syntax breaks
// (turned into line:column); a value that parses but is wrong is located afterwards by re-reading
// the text with the yaml package, which keeps positions (JSON is YAML), only when there is a problem.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { ReportError } from './problem.ts';
import { describeDataFault, findDataFault } from '../parse/keys.ts';
import { positionAt as lineColumnAt } from '../parse/json.ts';

export interface JsonText {
  text: string;
  value: unknown;
  /** line:column of the value at a path like ['runs', 0, 'results', 3], or of its nearest existing parent. */
  positionOf(path: (string | number)[]): { line: number; column: number };
}

/** Parses `text`; a syntax error becomes a ReportError at its line and column. */
export function parseJsonReport(text: string): JsonText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    const { line, column } = lineColumnAt(text, offset);
    const what = offset >= text.length - 1 && /end of (JSON )?input|Unterminated/i.test(message) ? 'the JSON ends too early (a truncated file?)' : `invalid JSON: ${message.replace(/ in JSON at position.*$/, '')}`;
    throw new ReportError(what, line, column, 'regenerate the report; a file cut off while copying or uploading looks like this');
  }
  let located: { doc: ReturnType<typeof parseDocument>; counter: LineCounter } | undefined;
  const report: JsonText = {
    text,
    value,
    positionOf(path) {
      located ??= (() => {
        const counter = new LineCounter();
        return { doc: parseDocument(text, { lineCounter: counter, keepSourceTokens: false }), counter };
      })();
      let node = located.doc.contents as Node | null;
      let found = node;
      for (const key of path) {
        if (isMap(node)) node = (node.items.find((p) => isScalar(p.key) && p.key.value === key)?.value ?? null) as Node | null;
        else if (isSeq(node) && typeof key === 'number') node = (node.items[key] ?? null) as Node | null;
        else node = null;
        if (!node) break;
        found = node;
      }
      const offset = found?.range?.[0] ?? 0;
      const pos = located.counter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
  // lib/parse's one rule for input data: __proto__/constructor/prototype keys and nesting past the limit are refused.
  const fault = findDataFault(value);
  if (fault) {
    const { message, hint } = describeDataFault(fault);
    const at = fault.kind === 'too-deep' ? { line: 1, column: 1 } : report.positionOf(fault.path.map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
    throw new ReportError(message, at.line, at.column, hint);
  }
  return report;
}

export async function readJsonReport(absolutePath: string): Promise<JsonText> {
  return parseJsonReport(await readFile(absolutePath, 'utf8'));
}

