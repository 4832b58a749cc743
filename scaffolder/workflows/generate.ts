// One workflow_dispatch workflow per template, generated from its parameters so GitHub renders the
// form: inputs carry titles, descriptions, defaults and choices; the parameters beyond GitHub's
// input limit travel in one JSON input; every input reaches `backlot scaffold` through `env:` only.
import { stringify } from 'yaml';
import { PINNED_ACTIONS, pinnedUses } from '../../lib/workflows/pinned-actions.ts';
import { MORE_VALUES_INPUT, parameterFields } from '../parameters.ts';
import type { ParameterField } from '../parameters.ts';
import type { ScaffoldTemplate } from '../template.ts';

/**
 * GitHub's limit on workflow_dispatch inputs: 25, as GitHub's OpenAPI description says of the
 * dispatch endpoint's `inputs` ("The maximum number of properties is 25"; @octokit/openapi 23).
 */
export const GITHUB_INPUT_LIMIT = 25;
/** Backlot's bound on a picker's choice list: past it the dropdown is no help and the input stays text. */
export const PICKER_CHOICE_LIMIT = 100;
/** The environment variable that carries `toJSON(inputs)` into `backlot scaffold --inputs-env`. */
export const INPUTS_ENV = 'SCAFFOLD_INPUTS';
/** The secret holding a token that may create repositories and pull requests in the organisation. */
export const TOKEN_SECRET = 'BACKLOT_SCAFFOLD_TOKEN';

export interface CatalogNames {
  /** Entity refs by lower-case kind (`group` → ['group:default/team-a', …]). */
  byKind: Record<string, string[]>;
}

export interface WorkflowInput {
  field: ParameterField;
  type: 'string' | 'boolean' | 'choice';
  options?: string[];
}

export interface WorkflowPlan {
  file: string;
  /** Parameters that are inputs of their own, in form order (required ones first when some must overflow). */
  inputs: WorkflowInput[];
  /** Parameters carried in the JSON input `more_values`. */
  overflow: ParameterField[];
}

/** Which parameters become inputs and of what type; the Create page builds its command from the same plan. */
export function planWorkflow(template: Pick<ScaffoldTemplate, 'name' | 'parameters'>, catalog?: CatalogNames): WorkflowPlan {
  const fields = parameterFields(template);
  let own = fields;
  let overflow: ParameterField[] = [];
  if (fields.length > GITHUB_INPUT_LIMIT) {
    // One slot goes to more_values; required parameters keep their own inputs first.
    const ranked = [...fields].sort((a, b) => Number(b.required) - Number(a.required));
    const keep = new Set(ranked.slice(0, GITHUB_INPUT_LIMIT - 1).map((f) => f.name));
    own = fields.filter((f) => keep.has(f.name));
    overflow = fields.filter((f) => !keep.has(f.name));
  }
  return { file: `scaffold-${template.name}.yml`, inputs: own.map((f) => toInput(f, catalog)), overflow };
}

function toInput(field: ParameterField, catalog?: CatalogNames): WorkflowInput {
  if (field.type === 'boolean') return { field, type: 'boolean' };
  if (field.enum && field.enum.every((v) => ['string', 'number'].includes(typeof v))) return { field, type: 'choice', options: field.enum.map(String) };
  // GitHub documents a `number` input type, but actionlint (which checks every workflow here) does
  // not know it yet: numbers travel as text and `backlot scaffold` converts them by the parameter's type.
  if (field.type === 'number' || field.type === 'integer') return { field, type: 'string' };
  const kinds = pickerKinds(field);
  if (catalog && kinds.length && field.type === 'string') {
    const options = kinds.flatMap((k) => catalog.byKind[k] ?? []).sort();
    if (options.length > 0 && options.length <= PICKER_CHOICE_LIMIT) return { field, type: 'choice', options };
  }
  return { field, type: 'string' };
}

/** The kinds an OwnerPicker / EntityPicker offers (Backstage's allowedKinds or catalogFilter.kind; owners default to Group and User). */
export function pickerKinds(field: ParameterField): string[] {
  if (field.uiField !== 'OwnerPicker' && field.uiField !== 'EntityPicker') return [];
  const options = field.uiOptions ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  let kinds = list(options.allowedKinds);
  const filter = options.catalogFilter;
  if (!kinds.length && filter && typeof filter === 'object') {
    const filters = Array.isArray(filter) ? filter : [filter];
    kinds = filters.flatMap((f) => list((f as Record<string, unknown>).kind));
  }
  if (!kinds.length && field.uiField === 'OwnerPicker') kinds = ['Group', 'User'];
  return kinds.map((k) => k.toLowerCase());
}

const pinnedRef = (action: 'checkout' | 'setupNode') => `${PINNED_ACTIONS[action].uses}@${PINNED_ACTIONS[action].sha}`;

/** Template text placed in a workflow stays text: GitHub evaluates `${{` in some keys, so it is broken up. */
const inert = (text: string) => text.replace(/\$\{\{/g, '$ {{').replace(/\r?\n/g, ' ').trim();

export function generateWorkflow(template: ScaffoldTemplate, options: { catalog?: CatalogNames; tokenEnv?: string; source?: string } = {}): { file: string; text: string; plan: WorkflowPlan } {
  const plan = planWorkflow(template, options.catalog);
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const input of plan.inputs) {
    const f = input.field;
    const description = inert([f.title, f.description, input.type === 'string' && (f.type === 'array' || f.type === 'object') ? '(JSON)' : input.type === 'string' && (f.type === 'number' || f.type === 'integer') ? '(a number)' : ''].filter(Boolean).join(' — '));
    const entry: Record<string, unknown> = { description: description || f.name, required: f.required, type: input.type };
    if (input.options) entry.options = input.options;
    if (f.default !== undefined) {
      if (input.type === 'boolean') entry.default = Boolean(f.default);
      else if (typeof f.default === 'string' || typeof f.default === 'number') entry.default = inert(String(f.default));
      else entry.default = JSON.stringify(f.default);
    }
    inputs[f.name] = entry;
  }
  if (plan.overflow.length) {
    inputs[MORE_VALUES_INPUT] = {
      description: inert(`The other parameters as one JSON object (GitHub allows ${GITHUB_INPUT_LIMIT} inputs): ${plan.overflow.map((f) => f.name).join(', ')}`),
      required: plan.overflow.some((f) => f.required),
      type: 'string',
      default: '{}',
    };
  }
  const tokenEnv = options.tokenEnv ?? 'GITHUB_TOKEN';
  const workflow = {
    name: inert(`Scaffold: ${template.title}`),
    on: { workflow_dispatch: { inputs } },
    permissions: {},
    concurrency: { group: `scaffold-${template.name}`, 'cancel-in-progress': false },
    jobs: {
      scaffold: {
        name: inert(template.title),
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 15,
        // The repository is only read; writes to the organisation use the scaffolding token.
        permissions: { contents: 'read' },
        steps: [
          { name: 'Check out the portal', uses: pinnedRef('checkout'), with: { 'persist-credentials': false } },
          { name: "Set up Node from the portal's .nvmrc", uses: pinnedRef('setupNode'), with: { 'node-version-file': '.nvmrc', cache: 'npm' } },
          { name: 'Install Backlot', run: 'npm ci --omit=dev --ignore-scripts --no-audit --no-fund' },
          {
            name: `Run the ${template.name} template`,
            env: { [INPUTS_ENV]: '${{ toJSON(inputs) }}', [tokenEnv]: `\${{ secrets.${TOKEN_SECRET} }}` },
            run: `node cli/backlot.ts scaffold ${template.name} --inputs-env ${INPUTS_ENV}`,
          },
        ],
      },
    },
  };
  const yaml = stringify(workflow, { lineWidth: 0 })
    .replace(`uses: ${pinnedRef('checkout')}`, `uses: ${pinnedUses('checkout')}`)
    .replace(`uses: ${pinnedRef('setupNode')}`, `uses: ${pinnedUses('setupNode')}`);
  const header = [
    `# Generated by \`backlot workflows\` from ${options.source ?? template.file}: do not edit.`,
    '# Change the template and run `npm run backlot -- workflows`; a test fails while they disagree.',
    `# Needs the secret ${TOKEN_SECRET}: a token that may create repositories and pull requests in the organisation.`,
    '',
  ].join('\n');
  return { file: plan.file, text: header + yaml, plan };
}
