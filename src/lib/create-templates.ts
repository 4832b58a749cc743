// What the Create page shows, read once at build time: every template of templates/ with its form
// fields, the JSON Schema the browser checks them against (the one `backlot scaffold` gives ajv),
// which fields are workflow inputs, and the collected runs of its scaffold workflow.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RUNS_FILE, type ScaffoldRunsContent, type WorkflowRuns } from '../../collectors/scaffold-runs/runs.ts';
import type { Problem } from '../../lib/catalog/types.ts';
import { MORE_VALUES_INPUT, parameterFields, parametersSchema } from '../../scaffolder/parameters.ts';
import type { FieldType } from '../../scaffolder/parameters.ts';
import { loadTemplates } from '../../scaffolder/template.ts';
import { planWorkflow } from '../../scaffolder/workflows/generate.ts';
import { ghWorkflowRunCommand, runWorkflowUrl } from '../scripts/gh-command.ts';
import { contentDir, projectRoot } from './portal-config.ts';

export interface FormField {
  name: string;
  title: string;
  description: string;
  type: FieldType;
  required: boolean;
  control: 'select' | 'checkbox' | 'text' | 'number' | 'json';
  default?: unknown;
  options?: { value: string; label: string }[];
  /** Sent in the JSON input more_values rather than as an input of its own. */
  overflow: boolean;
}

/** Everything the browser script needs for one template, embedded as JSON. */
export interface FormSpec {
  workflow: string;
  repository?: string;
  schema: unknown;
  fields: { name: string; type: FieldType; overflow: boolean; default?: unknown }[];
  moreValuesInput: string;
}

export interface CreateTemplate {
  name: string;
  title: string;
  description: string;
  owner: string;
  type: string;
  tags: string[];
  workflow: string;
  fields: FormField[];
  spec: FormSpec;
  /** The command with placeholders for required fields, for readers without JavaScript. */
  exampleCommand: string;
  runWorkflowUrl?: string;
  runs?: WorkflowRuns;
}

export interface CreatePage {
  templates: CreateTemplate[];
  problems: Problem[];
  repository?: string;
  /** Why no runs are shown, when none were collected. */
  runsNote?: string;
}

let page: Promise<CreatePage> | undefined;

/** The portal repository: GITHUB_REPOSITORY, which GitHub Actions sets where the portal is built. */
function portalRepository(): { repository?: string; server: string } {
  const repository = process.env.GITHUB_REPOSITORY;
  return {
    ...(repository && /^[\w.-]+\/[\w.-]+$/.test(repository) ? { repository } : {}),
    server: process.env.GITHUB_SERVER_URL && /^https?:\/\//.test(process.env.GITHUB_SERVER_URL) ? process.env.GITHUB_SERVER_URL : 'https://github.com',
  };
}

function readRuns(): ScaffoldRunsContent | undefined {
  const file = path.join(contentDir(), 'scaffold-runs', RUNS_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ScaffoldRunsContent;
  } catch {
    return undefined;
  }
}

export function createPage(): Promise<CreatePage> {
  page ??= buildCreatePage(path.join(projectRoot(), 'templates'));
  return page;
}

export async function buildCreatePage(templatesDir: string): Promise<CreatePage> {
  const { templates, problems } = await loadTemplates(templatesDir);
  const { repository: envRepository, server } = portalRepository();
  const runs = readRuns();
  const repository = envRepository ?? runs?.repository;
  const runsNote = !runs
    ? 'No runs collected: add scaffold-runs to collectors in backlot.config.yaml (GitHub source) to list recent runs here.'
    : runs.source === 'none'
      ? `No runs collected: ${runs.reason ?? 'nothing to read'}.`
      : undefined;
  return {
    templates: templates.map((template) => {
      const plan = planWorkflow(template);
      const overflow = new Set(plan.overflow.map((f) => f.name));
      const fields: FormField[] = parameterFields(template).map((f) => {
        const control: FormField['control'] = f.type === 'boolean' ? 'checkbox' : f.enum ? 'select' : f.type === 'number' || f.type === 'integer' ? 'number' : f.type === 'array' || f.type === 'object' ? 'json' : 'text';
        return {
          name: f.name,
          title: f.title,
          description: f.description,
          type: f.type,
          required: f.required,
          control,
          ...(f.default !== undefined ? { default: f.default } : {}),
          ...(f.enum ? { options: f.enum.map((v, i) => ({ value: String(v), label: f.enumNames?.[i] ?? String(v) })) } : {}),
          overflow: overflow.has(f.name),
        };
      });
      const example = fields.filter((f) => f.required && !f.overflow).map((f) => [f.name, f.default !== undefined ? String(f.default) : `<${f.name}>`] as [string, string]);
      return {
        name: template.name,
        title: template.title,
        description: template.description,
        owner: template.owner,
        type: template.type,
        tags: template.tags,
        workflow: plan.file,
        fields,
        spec: {
          workflow: plan.file,
          ...(repository ? { repository } : {}),
          schema: parametersSchema(template),
          fields: fields.map((f) => ({ name: f.name, type: f.type, overflow: f.overflow, ...(f.default !== undefined ? { default: f.default } : {}) })),
          moreValuesInput: MORE_VALUES_INPUT,
        },
        exampleCommand: ghWorkflowRunCommand({ workflow: plan.file, ...(repository ? { repository } : {}), fields: example }),
        ...(repository ? { runWorkflowUrl: runWorkflowUrl(server, repository, plan.file) } : {}),
        ...(runs?.workflows[plan.file] ? { runs: runs.workflows[plan.file] } : {}),
      };
    }),
    problems,
    ...(repository ? { repository } : {}),
    ...(runsNote ? { runsNote } : {}),
  };
}

/** JSON for a `<script type="application/json">`: `<` escaped so no value can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
