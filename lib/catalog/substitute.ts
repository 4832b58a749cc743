// `$text`, `$json` and `$yaml` placeholders (Backstage's PlaceholderProcessor): a field whose value is
// `{ $text: ./openapi.yaml }` takes the content of that file, read relative to the descriptor.
import type { CatalogSource, LocationSpec, Problem, ReadText, UnresolvedField } from './types.ts';
import { asReadText, NOT_UTF8 } from './text.ts';
import { problemAt } from './problem.ts';
import { parseYamlDocuments } from './yaml.ts';
import { InputError, parseJsonInput } from '../parse/json.ts';
import type { FieldLocator } from './problem.ts';

const PLACEHOLDERS = ['$text', '$json', '$yaml'] as const;


/** Replaces placeholders in place-free fashion: returns a new value, and the problems of those it could not resolve. */
export async function resolvePlaceholders(
  value: unknown,
  base: LocationSpec,
  source: CatalogSource,
  at: FieldLocator,
  maxFileBytes: number,
  path = '',
): Promise<{ value: unknown; problems: Problem[]; unresolved: UnresolvedField[] }> {
  const problems: Problem[] = [];
  const unresolved: UnresolvedField[] = [];
  const walk = async (v: unknown, p: string): Promise<unknown> => {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) out.push(await walk(v[i], p ? `${p}.${i}` : String(i)));
      return out;
    }
    if (typeof v !== 'object' || v === null) return v;
    const entries = Object.entries(v);
    const placeholder = entries.length === 1 ? PLACEHOLDERS.find((k) => k === entries[0][0]) : undefined;
    if (placeholder) return substitute(placeholder, entries[0][1], p);
    const out: Record<string, unknown> = {};
    for (const [k, child] of entries) {
      const resolved = await walk(child, p ? `${p}.${k}` : k);
      if (resolved !== undefined) out[k] = resolved;
    }
    return out;
  };

  const substitute = async (kind: (typeof PLACEHOLDERS)[number], target: unknown, p: string): Promise<unknown> => {
    const fieldPath = `${p}.${kind}`;
    // One problem per placeholder; the field is left out and marked, so the entity is still kept.
    const fail = (rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') => {
      problems.push(problemAt(at, fieldPath, severity, rule, message, hint));
      unresolved.push({ path: p, placeholder: kind, target: String(target), message });
      return undefined;
    };
    if (typeof target !== 'string' || target === '') {
      return fail('invalid-placeholder', `${kind} needs a path or URL as a string`, `Write e.g. ${kind}: ./openapi.yaml`);
    }
    const resolved = source.resolve(base, target);
    if ('error' in resolved) {
      return resolved.notFetched
        ? fail('placeholder-not-fetched', resolved.error, 'Add the host to catalog.allowedHosts in backlot.config.yaml to read it, or point at a file in the repository.', 'warning')
        : fail('placeholder-refused', resolved.error, 'Point at a file inside the repository, with a relative path.');
    }
    let answer: string | ReadText | null;
    try {
      answer = await source.read(resolved);
    } catch (e) {
      if ((e as { notFetched?: boolean }).notFetched) return fail('placeholder-not-fetched', `${source.display(resolved)} was not fetched: ${(e as Error).message}`, 'It is read when the network is reachable; nothing to fix in the descriptor.', 'warning');
      return fail('placeholder-unreadable', `Could not read ${source.display(resolved)}: ${(e as Error).message}`, 'Check the file can be read.');
    }
    if (answer === null) {
      return fail('placeholder-missing', `${kind} target ${source.display(resolved)} does not exist`, `Check the path "${target}"; it is relative to the file that holds it.`);
    }
    const { text, notUtf8 } = asReadText(answer);
    if (notUtf8) {
      problems.push(problemAt(at, fieldPath, 'warning', 'not-utf8', `${source.display(resolved)}:${notUtf8.line}:${notUtf8.column}: ${NOT_UTF8}`, 'Save the file as UTF-8.'));
    }
    if (Buffer.byteLength(text) > maxFileBytes) {
      return fail('file-too-large', `${source.display(resolved)} is larger than ${maxFileBytes} bytes`, 'Keep substituted files small, or link to them instead.');
    }
    if (kind === '$text') return text;
    const shown = source.display(resolved);
    if (kind === '$json') {
      try {
        return parseJsonInput(text, shown);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        return fail('placeholder-parse', e.message, e.hint ?? 'Fix the file, or use $text to take it as plain text.');
      }
    }
    const [doc, ...more] = parseYamlDocuments(text);
    const error = doc?.errors[0];
    if (error) return fail('placeholder-parse', `${shown}:${error.line}:${error.column}: ${error.rule && error.rule !== 'yaml-syntax' ? '' : 'not valid YAML: '}${error.message}`, error.hint ?? 'Fix the file, or use $text to take it as plain text.');
    if (more.length > 0) return fail('placeholder-parse', `${shown} holds ${more.length + 1} YAML documents; $yaml takes one`, 'Keep one document in the file, or use $text.');
    return doc?.value ?? null;
  };

  const result = await walk(value, path);
  return { value: result, problems, unresolved };
}
