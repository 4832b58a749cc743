// backlot.config.yaml as ONE declaration: a TypeBox schema (plain JSON Schema, validated by ajv,
// which also fills in each `default`) from which the TypeScript type is derived. A concern's own
// block lives next to its code and is composed in below with one line.
import { Type, type Static } from 'typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { githubConfigSchema } from '../../collectors/github/config.ts';
import { costConfigSchema } from '../../collectors/cost/config.ts';
import { metricsConfigSchema } from '../../collectors/metrics/config.ts';
import { docsConfigSchema } from '../../collectors/docs/config.ts';
import { signalsConfigJsonSchema, type SignalsConfig } from '../signals/config.ts';

export type { GithubConfig } from '../../collectors/github/config.ts';

const stringList = (description: string, defaults: string[], extra: { minItems?: number } = {}) =>
  Type.Array(Type.String({ minLength: 1 }), { description, default: defaults, ...extra });

const sectionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]+$', description: 'a section id in lower-case letters, digits and -, e.g. relations or cost' }),
    component: Type.Optional(Type.String({ description: 'path to an .astro component, relative to the project root' })),
    kinds: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'kinds the section shows on; empty means all' }),
  },
  { additionalProperties: false },
);

export { DOCS_DEFAULTS, type DocsConfig } from '../../collectors/docs/config.ts';

/** The built-in sections, in page order (kinds default to all). */
const DEFAULT_SECTION_IDS = [
  { id: 'about' },
  { id: 'members', kinds: ['group'] },
  { id: 'ownership', kinds: ['group', 'user'] },
  { id: 'docs' },
  { id: 'relations' },
  { id: 'diagram' },
  { id: 'api-definition', kinds: ['api'] },
  { id: 'ci', kinds: ['component', 'resource'] },
  { id: 'test-reports', kinds: ['component', 'resource'] },
  { id: 'deployments', kinds: ['component', 'resource'] },
  { id: 'security', kinds: ['component', 'resource'] },
  { id: 'metrics' },
  { id: 'cost' },
  { id: 'signal-rollup', kinds: ['group'] },
  { id: 'problems' },
];

/**
 * Blocks owned by one concern, each declared beside its code. Add yours with one line:
 * `docs: docsConfigSchema,` (import it from `collectors/docs/config.ts`). Optional blocks are
 * absent unless written; give the block a `default: {}` to always get its defaults.
 */
const concernBlocks = {
  github: Type.Optional(githubConfigSchema),
  // Plain JSON Schemas with their own interface; the collectors apply their defaults.
  cost: costConfigSchema,
  metrics: metricsConfigSchema,
  signals: Type.Optional(Type.Unsafe<SignalsConfig>(signalsConfigJsonSchema)),
  docs: docsConfigSchema,
};

/** The whole file. Everything has a default, so an empty file is a working config. */
export const configSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, default: 'Backlot', description: 'the portal title shown in the header and page titles' }),
    site: Type.Optional(Type.String({ format: 'uri', description: 'the public URL, e.g. https://portal.example.com' })),
    base: Type.String({ pattern: '^/', default: '/', description: 'a path that starts with /, e.g. / or /portal/' }),
    source: Type.Enum(['local', 'github'], { default: 'local', description: '`local` (a folder) or `github` (an organisation)' }),
    catalog: Type.Object(
      {
        locations: stringList('paths of root descriptors or folders, relative to the project root', ['examples/catalog-info.yaml'], { minItems: 1 }),
        allowedHosts: stringList('host names (e.g. specs.example.com) whose URL targets are read', []),
        urlTimeoutMs: Type.Integer({ minimum: 1, default: 10_000, description: 'milliseconds for reading one URL, e.g. 10000' }),
        danglingReferences: Type.Enum(['error', 'warning', 'off'], { default: 'error', description: 'how a reference to an entity that is in no descriptor is reported: `error`, `warning` or `off` (a preview of one repository)' }),
      },
      { additionalProperties: false, default: {} },
    ),
    collectors: stringList('collector names or module paths, run in this order (catalog first)', ['catalog', 'docs', 'ci', 'test-reports', 'deployments', 'security', 'metrics', 'cost']),
    exports: Type.Object(
      {
        dir: Type.String({ minLength: 1, default: 'examples/exports', description: 'a folder, relative to the project root, where CI, test, metrics and cost exports are dropped' }),
      },
      { additionalProperties: false, default: {} },
    ),
    diagrams: Type.Object(
      {
        explore: Type.Boolean({
          default: true,
          description: 'pre-render the explore-graph views of systems and domains (18 pages each; `false` leaves them and their link out, for large catalogs where build time matters more)',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    sections: Type.Array(sectionSchema, { default: DEFAULT_SECTION_IDS, description: 'entity page sections, in order' }),
    ...concernBlocks,
  },
  { additionalProperties: false },
);

/** The validated config, every default applied. */
export type BacklotConfig = Static<typeof configSchema>;
export type SectionConfig = Static<typeof sectionSchema>;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, verbose: true, useDefaults: true }));

/** Validates `data` in place, filling in defaults; `errors` is set when it is not valid. */
export const validateConfig = ajv.compile<BacklotConfig>(configSchema);
const validateGithub = ajv.compile(githubConfigSchema);

function defaultsOf<T>(validate: (data: unknown) => boolean, seed: Record<string, unknown>): T {
  const data = structuredClone(seed);
  validate(data);
  return data as T;
}

/** Every default (what an empty file means). */
export const CONFIG_DEFAULTS: BacklotConfig = defaultsOf(validateConfig, {});
export const DEFAULT_SECTIONS: SectionConfig[] = CONFIG_DEFAULTS.sections;
export const GITHUB_DEFAULTS: Omit<Static<typeof githubConfigSchema>, 'org'> = (() => {
  const { org: _org, ...rest } = defaultsOf<Static<typeof githubConfigSchema>>(validateGithub, { org: 'x' });
  return rest;
})();
