// The one template engine: Nunjucks configured exactly as Backstage's scaffolder configures it
// (`${{ … }}` for expressions, `{% … %}` for blocks, no autoescape), with the filters Backstage
// templates use. Values are only ever context data: a value that looks like template syntax is text.
import nunjucks from 'nunjucks';
import { safeParseEntityRef } from '../lib/catalog/ref.ts';
import { isObject } from './template.ts';

export interface RepoUrlParts {
  host: string;
  owner?: string;
  repo: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

/** Backstage's RepoUrlPicker value `github.com?owner=acme&repo=payments` split into its parts. */
export function parseRepoUrl(repoUrl: unknown): RepoUrlParts {
  if (typeof repoUrl !== 'string' || !repoUrl.includes('?')) {
    throw new Error(`invalid repoUrl ${JSON.stringify(repoUrl)}: expected host?owner=…&repo=… (e.g. github.com?owner=acme&repo=payments)`);
  }
  const url = new URL(`https://${repoUrl}`);
  const repo = url.searchParams.get('repo') ?? '';
  const parts: RepoUrlParts = { host: url.host, repo };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const v = url.searchParams.get(key);
    if (v) parts[key] = v;
  }
  if (!repo || !url.host) throw new Error(`invalid repoUrl ${JSON.stringify(repoUrl)}: it names no host or no repo`);
  return parts;
}

export interface Templater {
  /** Renders a template string (a skeleton file, a file name) with the context as data. */
  renderString(source: string, context: Record<string, unknown>): string;
  /**
   * Evaluates step inputs and outputs as Backstage does: every string is rendered, and a string that
   * is exactly one `${{ expression }}` keeps the expression's type (object, list, boolean …).
   */
  evaluate(input: unknown, context: Record<string, unknown>): unknown;
}

const SINGLE_EXPRESSION = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;

export function createTemplater(): Templater {
  // No loader: `{% include %}` and `{% import %}` cannot reach the file system.
  const env = new nunjucks.Environment(null, {
    autoescape: false,
    throwOnUndefined: false,
    tags: { variableStart: '${{', variableEnd: '}}' },
  });
  env.addFilter('parseRepoUrl', (value: unknown) => parseRepoUrl(value));
  env.addFilter('projectSlug', (value: unknown) => {
    const parts = parseRepoUrl(value);
    return `${parts.owner ?? parts.organization ?? parts.workspace ?? parts.project}/${parts.repo}`;
  });
  env.addFilter('pick', (value: unknown, key: unknown) => (isObject(value) && typeof key === 'string' && Object.hasOwn(value, key) ? value[key] : undefined));
  env.addFilter('parseEntityRef', (value: unknown, defaults?: { defaultKind?: string; defaultNamespace?: string }) => {
    const parsed = safeParseEntityRef(String(value), defaults ?? {});
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
  });

  const renderString = (source: string, context: Record<string, unknown>) => env.renderString(source, context);

  const evaluate = (input: unknown, context: Record<string, unknown>): unknown => {
    if (typeof input === 'string') {
      if (!input.includes('${{')) return input;
      const single = SINGLE_EXPRESSION.exec(input);
      if (single && !single[1]!.includes('${{')) {
        const json = renderString(`\${{ (${single[1]}) | dump }}`, context);
        return json === '' ? undefined : (JSON.parse(json) as unknown);
      }
      return renderString(input, context);
    }
    if (Array.isArray(input)) return input.map((v) => evaluate(v, context));
    if (isObject(input)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(input)) {
        const value = evaluate(v, context);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    return input;
  };

  return { renderString, evaluate };
}
