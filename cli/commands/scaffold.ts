// `backlot scaffold`: validates values against a template's parameters and runs its steps — on a
// laptop with --dry-run (no network), or inside the template's dispatched workflow for real.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendFile, mkdir, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { CONFIG_FILE, loadConfig } from '../../lib/config/load.ts';
import { GITHUB_DEFAULTS } from '../../lib/config/schema.ts';
import { createGithubClient } from '../../collectors/github/client.ts';
import { MORE_VALUES_INPUT, coerceText, parameterFields, validateValues } from '../../scaffolder/parameters.ts';
import { resolveTemplate, isObject } from '../../scaffolder/template.ts';
import { runTemplate } from '../../scaffolder/run.ts';
import { listFiles } from '../../scaffolder/workspace.ts';

const help = `Usage: backlot scaffold <template> [--values file.yaml] [--set name=value …] [options]

Runs a Backstage-format template (templates/<name>/template.yaml, or a path to one): checks the
values against its parameters (JSON Schema, with ajv; errors name the field and the rule), then
runs its steps: fetch:template / fetch:plain render the skeleton into the output folder,
publish:github creates the repository and pushes the files as one commit,
publish:github:pull-request opens a pull request, catalog:register says where the next collection
finds the new entity. Inside GitHub Actions the run's links are written to the job summary.

Options:
  --values <file>       YAML or JSON file of parameter values
  --set <name=value>    one value (repeatable; wins over --values). Numbers and booleans are
                        parsed by the parameter's type; arrays and objects are JSON
  --inputs-env <VAR>    read values from an environment variable holding the workflow's
                        inputs as JSON (what the generated scaffold-<name>.yml passes)
  --dry-run             render into the output folder and print what would be created; no network
  --out <dir>           the workspace folder (default: a new temporary folder). Must be empty
  --templates <dir>     where templates are looked up by name (default: templates)
  --config <file>       configuration file, for github.baseUrl and github.tokenEnv (default: ${CONFIG_FILE})
  -h, --help            show this help

Exit codes: 0 done, 1 a step failed, 2 bad usage, template or values.

Examples:
  backlot scaffold typescript-service --set name=payments --set owner=group:default/team-a --dry-run --out /tmp/payments
  backlot scaffold templates/docs-addition/template.yaml --values values.yaml --dry-run
`;

export interface ScaffoldIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const command: Command = {
  name: 'scaffold',
  summary: 'Run a template: validate values, render the skeleton, publish (or --dry-run)',
  help,
  run: (args) => runScaffold(args, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }),
};

export async function runScaffold(args: string[], io: ScaffoldIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        values: { type: 'string' },
        set: { type: 'string', multiple: true },
        'inputs-env': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        out: { type: 'string' },
        templates: { type: 'string', default: 'templates' },
        config: { type: 'string', default: CONFIG_FILE },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`backlot scaffold: ${(error as Error).message}\n\n${help}`);
    return EXIT.usage;
  }
  const { values: opts, positionals } = parsed;
  if (opts.help) {
    io.stdout.write(help);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    io.stderr.write(`backlot scaffold: name one template${positionals.length ? ` (got ${positionals.length})` : ''}\n\n${help}`);
    return EXIT.usage;
  }
  const fail = (message: string) => {
    io.stderr.write(`backlot scaffold: ${message}\n`);
    return EXIT.usage;
  };

  const { template, problems } = await resolveTemplate(positionals[0]!, path.resolve(io.cwd, opts.templates));
  if (!template) {
    for (const p of problems) io.stderr.write(`${path.relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: error: ${p.message} (${p.rule})${p.hint ? `\n  hint: ${p.hint}` : ''}\n`);
    return problems.length ? EXIT.usage : fail(`no template ${JSON.stringify(positionals[0])} in ${opts.templates}/`);
  }

  // Values: file, then workflow inputs, then --set (last wins). Keys are checked by validateValues.
  const fields = new Map(parameterFields(template).map((f) => [f.name, f]));
  const raw: Record<string, unknown> = {};
  const errors: string[] = [];
  if (opts.values) {
    let data: unknown;
    try {
      data = parseYaml(await readFile(path.resolve(io.cwd, opts.values), 'utf8'), { maxAliasCount: 100 });
    } catch (error) {
      return fail(`cannot read ${opts.values}: ${(error as Error).message}`);
    }
    if (data !== null && data !== undefined && !isObject(data)) return fail(`${opts.values} must hold a mapping of parameter names to values`);
    copyOwn(raw, data ?? {});
  }
  if (opts['inputs-env']) {
    copyOwn(raw, readWorkflowInputs(io.env[opts['inputs-env']], fields, errors));
  }
  for (const pair of opts.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      errors.push(`--set ${JSON.stringify(pair)}: expected name=value`);
      continue;
    }
    const name = pair.slice(0, eq);
    const field = fields.get(name);
    if (!field) {
      errors.push(`--set ${name}: ${JSON.stringify(name)} is not a parameter of ${template.name} (parameters: ${[...fields.keys()].join(', ')})`);
      continue;
    }
    const coerced = coerceText(field, pair.slice(eq + 1));
    if ('error' in coerced) errors.push(`--set ${coerced.error}`);
    else defineValue(raw, name, coerced.value);
  }
  const checked = validateValues(template, raw);
  errors.push(...checked.errors.map((e) => `${e.message} [${e.rule}]`));
  if (errors.length) {
    io.stderr.write(`backlot scaffold: the values do not fit ${template.file}:\n${errors.map((e) => `  - ${e}`).join('\n')}\n`);
    return EXIT.usage;
  }

  let workspace: string;
  if (opts.out) {
    workspace = path.resolve(io.cwd, opts.out);
    await mkdir(workspace, { recursive: true });
    if ((await readdir(workspace)).length > 0) return fail(`--out ${opts.out} is not empty; give an empty or new folder`);
  } else {
    workspace = await mkdtemp(path.join(tmpdir(), `backlot-scaffold-${template.name}-`));
  }

  const dryRun = opts['dry-run'];
  let octokit;
  if (!dryRun) {
    const config = await loadConfig(io.cwd, opts.config);
    const github = { ...GITHUB_DEFAULTS, ...(config.github ?? {}) };
    const token = io.env[github.tokenEnv];
    if (!token) return fail(`a real run needs a token in $${github.tokenEnv} (set github.tokenEnv in ${opts.config} to use another variable), or use --dry-run`);
    octokit = createGithubClient({
      baseUrl: github.baseUrl,
      token,
      retries: github.retries,
      timeoutMs: github.timeoutMs,
      log: { warn: (m) => io.stderr.write(`warning: ${m}\n`), info: () => {} },
    }).octokit;
  }

  const portalRef = io.env.GITHUB_SHA ?? (await currentCommit(io.cwd));
  io.stdout.write(`${dryRun ? 'Dry run of' : 'Running'} ${template.name} (${template.file}) in ${workspace}\n`);
  let result;
  try {
    result = await runTemplate({
      template,
      values: checked.values,
      workspace,
      dryRun,
      ...(octokit ? { octokit } : {}),
      log: (m) => io.stdout.write(`${m}\n`),
      ...(io.env.GITHUB_ACTOR ? { actor: io.env.GITHUB_ACTOR } : {}),
      ...(io.env.GITHUB_REPOSITORY ? { portalRepository: io.env.GITHUB_REPOSITORY } : {}),
      ...(portalRef ? { portalRef } : {}),
    });
  } catch (error) {
    io.stderr.write(`backlot scaffold: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
  const files = await listFiles(workspace);
  io.stdout.write(`\n${files.length} file${files.length === 1 ? '' : 's'} in ${workspace}:\n${files.map((f) => `  ${f.path}`).join('\n')}\n`);
  if (result.output.links.length) {
    io.stdout.write(`\nLinks:\n${result.output.links.map((l) => `  ${l.title}: ${l.url ?? l.entityRef}`).join('\n')}\n`);
  }
  for (const t of result.output.text) io.stdout.write(`\n${t.title}\n${t.content}\n`);
  if (io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, result.summary);
  return EXIT.ok;
}

/**
 * The workflow's `toJSON(inputs)`: each input is a parameter (strings converted by type; an empty
 * string means "not given"), and the overflow input carries the other parameters as one JSON object.
 */
function readWorkflowInputs(text: string | undefined, fields: Map<string, { name: string; type: import('../../scaffolder/parameters.ts').FieldType }>, errors: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (text === undefined) {
    errors.push('--inputs-env names a variable that is not set');
    return out;
  }
  let inputs: unknown;
  try {
    inputs = JSON.parse(text);
  } catch {
    errors.push('the workflow inputs are not JSON');
    return out;
  }
  if (!isObject(inputs)) return out;
  for (const [name, value] of Object.entries(inputs)) {
    if (name === MORE_VALUES_INPUT) {
      if (value === '' || value === undefined) continue;
      let more: unknown;
      try {
        more = JSON.parse(String(value));
      } catch {
        errors.push(`${MORE_VALUES_INPUT} must be a JSON object of the remaining parameters, e.g. {"name":"value"}`);
        continue;
      }
      if (!isObject(more)) errors.push(`${MORE_VALUES_INPUT} must be a JSON object`);
      else for (const [k, v] of Object.entries(more)) defineValue(out, k, v);
      continue;
    }
    if (value === '') continue;
    const field = fields.get(name);
    if (field && typeof value === 'string' && field.type !== 'string') {
      const coerced = coerceText(field, value);
      if ('error' in coerced) errors.push(coerced.error);
      else defineValue(out, name, coerced.value);
    } else defineValue(out, name, value);
  }
  return out;
}

/** The portal checkout's commit, so a generated workflow can pin the portal's reusable workflows to it. */
async function currentCommit(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd });
    return /^[0-9a-f]{40}$/.test(stdout.trim()) ? stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Own entries, defined (never assigned): a `__proto__` key stays a key, and validation then refuses it. */
function copyOwn(target: Record<string, unknown>, data: object): void {
  for (const [k, v] of Object.entries(data)) defineValue(target, k, v);
}

function defineValue(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
