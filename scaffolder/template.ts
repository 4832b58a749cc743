// Reads a Backstage `scaffolder.backstage.io/v1beta3` Template as written for Backstage, and
// refuses what cannot run (unknown actions, parameter names that would act as structure) with the
// file and line, before anything is rendered or created.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseYamlDocuments, positionOf } from '../lib/catalog/yaml.ts';
import type { Positions } from '../lib/catalog/yaml.ts';
import type { Problem } from '../lib/catalog/types.ts';
import { knownActionIds } from './actions/index.ts';

export type JsonSchema = Record<string, unknown>;

export interface TemplateStep {
  id: string;
  name?: string;
  action: string;
  input: Record<string, unknown>;
  /** Backstage's `if:` (an expression or a boolean); the step is skipped when it is false. */
  if?: unknown;
  /** YAML path of the step (`spec.steps.2`), for positions. */
  at: string;
}

export interface TemplateOutput {
  links?: { title?: string; url?: string; entityRef?: string; icon?: string }[];
  text?: { title?: string; content?: string }[];
  [key: string]: unknown;
}

export interface ScaffoldTemplate {
  /** The template.yaml path as given (relative paths stay relative: messages show them). */
  file: string;
  /** The folder holding template.yaml: `fetch:*` URLs are relative to it. */
  dir: string;
  name: string;
  title: string;
  description: string;
  owner: string;
  type: string;
  tags: string[];
  /** `spec.parameters` as one or several JSON Schema steps (Backstage allows an object or a list). */
  parameters: JsonSchema[];
  steps: TemplateStep[];
  output: TemplateOutput;
  /** Line and column of a YAML path in template.yaml. */
  lineOf(yamlPath: string): { line: number; column: number };
}

/** Parameter names that would act as object structure, not data, anywhere they are used as keys. */
export const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** A parameter name becomes a workflow_dispatch input id, an env variable suffix and an object key. */
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

export function parseTemplate(text: string, file: string): { template?: ScaffoldTemplate; problems: Problem[] } {
  const problems: Problem[] = [];
  const docs = parseYamlDocuments(text);
  const doc = docs[0];
  const at = (positions: Positions, start: { line: number; column: number }) => (p: string) => positionOf(positions, p, start);
  const problem = (where: { line: number; column: number }, rule: string, message: string, hint?: string) =>
    problems.push({ file, ...where, severity: 'error', rule, message, ...(hint ? { hint } : {}) });
  if (!doc) {
    problem({ line: 1, column: 1 }, 'template-yaml', 'template.yaml is empty', 'Write a Template entity (apiVersion scaffolder.backstage.io/v1beta3).');
    return { problems };
  }
  for (const e of doc.errors) problem(e, 'template-yaml', `YAML: ${e.message}`);
  if (doc.errors.length > 0) return { problems };
  const lineOf = at(doc.positions, doc.start);
  const root = doc.value as Record<string, unknown> | undefined;
  if (!isObject(root)) {
    problem(doc.start, 'template-shape', 'template.yaml must be a mapping (a Template entity)');
    return { problems };
  }
  if (root.apiVersion !== 'scaffolder.backstage.io/v1beta3' || root.kind !== 'Template') {
    problem(lineOf('apiVersion'), 'template-kind', `expected apiVersion scaffolder.backstage.io/v1beta3 and kind Template, found ${String(root.apiVersion)} ${String(root.kind)}`,
      'Backlot runs v1beta3 templates (the format Backstage documents today).');
    return { problems };
  }
  const metadata = isObject(root.metadata) ? root.metadata : {};
  const spec = isObject(root.spec) ? root.spec : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    problem(lineOf('metadata.name'), 'template-name', `metadata.name ${JSON.stringify(name)} must be lower-case letters, digits and dashes (it names the workflow file scaffold-<name>.yml)`);
  }

  const parameters = (Array.isArray(spec.parameters) ? spec.parameters : spec.parameters === undefined ? [] : [spec.parameters]) as unknown[];
  const parameterBase = Array.isArray(spec.parameters) ? 'spec.parameters' : 'spec.parameters';
  parameters.forEach((step, i) => {
    const stepPath = Array.isArray(spec.parameters) ? `${parameterBase}.${i}` : parameterBase;
    if (!isObject(step)) return problem(lineOf(stepPath), 'template-parameters', 'each parameters step must be a JSON Schema object');
    checkParameterNames(step, stepPath, (p, message) => problem(lineOf(p), 'parameter-name', message,
      'Rename the parameter: letters, digits, _ and -, starting with a letter or _ (it becomes a workflow input id).'));
  });

  const stepsRaw = Array.isArray(spec.steps) ? spec.steps : [];
  if (!Array.isArray(spec.steps)) problem(lineOf('spec'), 'template-steps', 'spec.steps must be a list of steps');
  const steps: TemplateStep[] = [];
  const known = knownActionIds();
  stepsRaw.forEach((raw, i) => {
    const stepPath = `spec.steps.${i}`;
    if (!isObject(raw)) return problem(lineOf(stepPath), 'template-steps', `step ${i + 1} must be a mapping with an action`);
    const action = typeof raw.action === 'string' ? raw.action : '';
    if (!known.includes(action)) {
      problem(lineOf(`${stepPath}.action`), 'unknown-action', `unknown action ${JSON.stringify(action)} in step ${JSON.stringify(raw.id ?? i + 1)}`,
        `Backlot runs: ${known.join(', ')}.`);
    }
    const id = typeof raw.id === 'string' && raw.id ? raw.id : `step-${i + 1}`;
    if (steps.some((s) => s.id === id)) problem(lineOf(`${stepPath}.id`), 'template-steps', `step id ${JSON.stringify(id)} is used twice`);
    if (RESERVED_NAMES.has(id)) problem(lineOf(`${stepPath}.id`), 'template-steps', `step id ${JSON.stringify(id)} is reserved`);
    steps.push({
      id,
      ...(typeof raw.name === 'string' ? { name: raw.name } : {}),
      action,
      input: isObject(raw.input) ? raw.input : {},
      ...('if' in raw ? { if: raw.if } : {}),
      at: stepPath,
    });
  });

  if (problems.length > 0) return { problems };
  const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);
  return {
    template: {
      file,
      dir: path.dirname(file),
      name,
      title: str(metadata.title, name),
      description: str(metadata.description),
      owner: str(spec.owner),
      type: str(spec.type),
      tags: Array.isArray(metadata.tags) ? metadata.tags.filter((t): t is string => typeof t === 'string') : [],
      parameters: parameters as JsonSchema[],
      steps,
      output: isObject(spec.output) ? (spec.output as TemplateOutput) : {},
      lineOf,
    },
    problems,
  };
}

/** Every property name under `properties` (also inside dependencies/oneOf/allOf/items) must be a safe identifier. */
function checkParameterNames(schema: Record<string, unknown>, at: string, report: (path: string, message: string) => void): void {
  if (isObject(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties)) {
      const p = `${at}.properties.${key}`;
      if (RESERVED_NAMES.has(key)) report(p, `parameter name ${JSON.stringify(key)} is reserved: it would act as object structure, not data`);
      else if (key === 'more_values') report(p, 'parameter name "more_values" is reserved: the generated workflow uses it for parameters beyond GitHub\'s input limit');
      else if (!PARAMETER_NAME.test(key)) report(p, `parameter name ${JSON.stringify(key)} is not a valid input id`);
      if (isObject(child)) checkParameterNames(child, p, report);
    }
  }
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.forEach((s, i) => isObject(s) && checkParameterNames(s, `${at}.${keyword}.${i}`, report));
  }
  if (isObject(schema.dependencies)) {
    for (const [key, dep] of Object.entries(schema.dependencies)) if (isObject(dep)) checkParameterNames(dep, `${at}.dependencies.${key}`, report);
  }
  if (isObject(schema.items)) checkParameterNames(schema.items, `${at}.items`, report);
}

export async function loadTemplate(file: string): Promise<{ template?: ScaffoldTemplate; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, line: 1, column: 1, severity: 'error', rule: 'template-read', message: `cannot read template: ${(error as Error).message}` }] };
  }
  return parseTemplate(text, file);
}

/** Every `<dir>/<name>/template.yaml`, in name order; a broken one gives problems and the rest still load. */
export async function loadTemplates(dir: string): Promise<{ templates: ScaffoldTemplate[]; problems: Problem[] }> {
  const templates: ScaffoldTemplate[] = [];
  const problems: Problem[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return { templates, problems };
  }
  for (const name of names) {
    const file = path.join(dir, name, 'template.yaml');
    if (!(await stat(file).catch(() => null))?.isFile()) continue;
    const loaded = await loadTemplate(file);
    problems.push(...loaded.problems);
    if (loaded.template) templates.push(loaded.template);
  }
  return { templates, problems };
}

/** Finds a template by name in a folder, or reads a template.yaml / its folder given as a path. */
export async function resolveTemplate(nameOrPath: string, templatesDir: string): Promise<{ template?: ScaffoldTemplate; problems: Problem[] }> {
  const asPath = nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml') ? nameOrPath : path.join(nameOrPath, 'template.yaml');
  if (nameOrPath.includes('/') || nameOrPath.includes(path.sep)) return loadTemplate(asPath);
  return loadTemplate(path.join(templatesDir, nameOrPath, 'template.yaml'));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
