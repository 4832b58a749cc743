// Definitions arrive as text (YAML or JSON) from repositories. Parsing them is the first place an
// untrusted document can hurt a build, so this returns errors as values, with line and column,
// and refuses documents over a size cap instead of spending minutes on them.
import { parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { DefinitionNotice } from './types.ts';
import { describeDataFault, findDataFault } from '../parse/keys.ts';
import { InputError, parseJsonInput } from '../parse/json.ts';

/** Largest definition (in characters) turned into a structured view; larger ones show raw only. */
export const DEFAULT_MAX_DEFINITION_CHARS = 2 * 1024 * 1024;

/**
 * Largest definition an entity page renders as a reference. A 930 kB OpenAPI document made a
 * 7.5 MB page (117 kB gzip); past this the page shows the raw definition, collapsed, and the
 * collector warns on the entity (`large-definition`).
 */
export const PAGE_REFERENCE_MAX_CHARS = 256 * 1024;

export type ParsedDefinition =
  | { ok: true; document: unknown; format: 'json' | 'yaml' }
  | { ok: false; notice: DefinitionNotice; format: 'json' | 'yaml' };

/** Parses a YAML or JSON definition. JSON goes through `JSON.parse` first because it is far faster. */
export function parseDefinitionText(text: string, maxChars = DEFAULT_MAX_DEFINITION_CHARS): ParsedDefinition {
  const looksLikeJson = /^\s*[{[]/.test(text);
  const format = looksLikeJson ? 'json' : 'yaml';
  if (text.length > maxChars) {
    return {
      ok: false,
      format,
      notice: {
        level: 'warning',
        message: `The definition is ${formatSize(text.length)}, over the ${formatSize(maxChars)} limit for a rendered reference; only the raw definition is shown.`,
      },
    };
  }
  if (text.trim() === '') return { ok: false, format, notice: { level: 'error', message: 'The definition is empty.' } };
  if (looksLikeJson) {
    try {
      return { ok: true, format, document: parseJsonInput(text, 'definition') };
    } catch (e) {
      // lib/parse's one rule (forbidden keys, nesting limit): shown raw, with the fault and its line.
      if (e instanceof InputError && !e.reason.startsWith('not valid JSON')) return refusedData(format, e.reason, e.line, e.column);
      // Not strict JSON (comments, trailing commas …): YAML is a superset that may still read it.
    }
  }
  // uniqueKeys reports duplicated keys; toJS's maxAliasCount below bounds alias expansion ("billion laughs").
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const position = error.linePos?.[0];
    return {
      ok: false,
      format,
      notice: {
        level: 'error',
        // The position is given apart (line, column): drop yaml's own " at line 4, column 1:" suffix.
        message: `The definition is not valid ${format === 'json' ? 'JSON or YAML' : 'YAML'}: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
        line: position?.line,
        column: position?.col,
      },
    };
  }
  try {
    const document: unknown = doc.toJS({ maxAliasCount: 1000 });
    const fault = findDataFault(document);
    if (fault) {
      const at = positionIn(doc, text, fault.path);
      return refusedData(format, describeDataFault(fault).message, at?.line, at?.column);
    }
    return { ok: true, format, document };
  } catch (cause) {
    return { ok: false, format, notice: { level: 'error', message: `The definition could not be read: ${firstLine(String((cause as Error).message ?? cause))}` } };
  }
}

function refusedData(format: 'json' | 'yaml', reason: string, line?: number, column?: number): ParsedDefinition {
  return { ok: false, format, notice: { level: 'error', message: `The definition is shown raw only: ${reason}`, line, column } };
}

/** Line and column where the node at `path` starts. */
function positionIn(doc: Document, text: string, path: string[]): { line: number; column: number } | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** `1.4 MB`, `512 kB`: sizes a reader can compare at a glance. */
export function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
  if (chars < 1024) return `${chars} B`;
  return `${Math.round(chars / 1024)} kB`;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
