// backlot.config.yaml: its type, its JSON Schema (the one source of truth for validation), and
// its defaults. Every option has a default, so an empty file is a working config.
import { costConfigJsonSchema, type CostConfig } from '../../collectors/cost/config.ts';
import { metricsConfigJsonSchema, type MetricsConfig } from '../../collectors/metrics/config.ts';
import { signalsConfigJsonSchema, type SignalsConfig } from '../signals/config.ts';

export interface GithubConfig {
  /** The organisation whose repositories are read. */
  org: string;
  /** REST API root; set it for GitHub Enterprise Server (`https://ghe.example.com/api/v3`). */
  baseUrl: string;
  /** Name of the environment variable holding the token (a PAT or a GitHub App installation token). */
  tokenEnv: string;
  /** Descriptor path read from each repository's default branch. */
  descriptorPath: string;
  /** Repository name patterns (`*` wildcard) to include; empty means all. */
  include: string[];
  /** Repository name patterns to leave out. */
  exclude: string[];
  /** Only repositories with at least one of these topics; empty means any. */
  topics: string[];
  /** Read archived repositories too. */
  archived: boolean;
  /** Read forks too. */
  forks: boolean;
  /** Register a repository without a descriptor as a Component (owner from CODEOWNERS), so nothing is invisible. */
  registerWithoutDescriptor: boolean;
  /** Requests in flight at once. */
  concurrency: number;
  /** Attempts for a request that fails with 5xx or a timeout. */
  retries: number;
  /** Milliseconds before a request counts as timed out. */
  timeoutMs: number;
  /** Seconds a run may wait in all for primary rate-limit resets before it stops with what it has (exit 3). */
  maxWaitSeconds: number;
  /** Files (descriptors, `$text` targets) above this many bytes are refused without being downloaded. */
  maxFileBytes: number;
  /** `graphql`: changed repositories read in batched GraphQL queries; `rest`: one REST request per file (older GitHub Enterprise Server). */
  api: 'graphql' | 'rest';
}

export interface SectionConfig {
  /** Section id, e.g. `relations`, `api-definition`, or an organisation's own. */
  id: string;
  /** Path to an .astro component (for organisation sections), relative to the project root. */
  component?: string;
  /** Kinds the section shows on; empty means all. */
  kinds: string[];
}

export interface DocsConfig {
  /** Release tags published as versions beside the default branch. */
  versions: { tags: string; last: number };
  /** Hosts whose https iframes docs may embed; all others are removed. */
  iframeHosts: string[];
  /** Hosts docs may show images from (badges); others are left out, so reading a page calls no other site. */
  imageHosts: string[];
}

export const DOCS_DEFAULTS: DocsConfig = { versions: { tags: 'v*', last: 3 }, iframeHosts: [], imageHosts: [] };

export interface BacklotConfig {
  /** Shown in the header and the page titles. */
  title: string;
  /** Public URL of the portal, used for canonical links; optional. */
  site?: string;
  /** Sub-path the portal is served from (`/` or `/portal/`). */
  base: string;
  /** Where catalog descriptors come from. */
  source: 'local' | 'github';
  catalog: {
    /** Root locations for the `local` source: descriptor files or folders, relative to the project root. */
    locations: string[];
    /** Hosts whose `$text`/`$json`/`$yaml` and Location URLs are read (public addresses only); others are "not fetched". */
    allowedHosts: string[];
    /** Milliseconds for reading one URL on an allowed host, redirects included. */
    urlTimeoutMs: number;
  };
  github?: GithubConfig;
  /** Collectors to run, in order: built-in names or paths to modules exporting a `Collector`. */
  collectors: string[];
  /** Entity page sections, in order. */
  sections: SectionConfig[];
  /** Cloud cost exports (collectors/cost/config.ts); defaults applied by the cost collector. */
  cost?: Partial<CostConfig>;
  /** Prometheus queries and snapshots (collectors/metrics/config.ts); defaults applied by the metrics collector. */
  metrics?: Partial<MetricsConfig>;
  /** Settings of the service-signal collectors (lib/signals/config.ts); every key has a default. */
  signals?: SignalsConfig;
  /** Docs-as-code (collectors/docs). */
  docs?: DocsConfig;
}

export const GITHUB_DEFAULTS: Omit<GithubConfig, 'org'> = {
  baseUrl: 'https://api.github.com',
  tokenEnv: 'GITHUB_TOKEN',
  descriptorPath: 'catalog-info.yaml',
  include: [],
  exclude: [],
  topics: [],
  archived: false,
  forks: false,
  registerWithoutDescriptor: false,
  concurrency: 8,
  retries: 3,
  timeoutMs: 30_000,
  maxWaitSeconds: 900,
  maxFileBytes: 1024 * 1024,
  api: 'graphql',
};

export const DEFAULT_SECTIONS: SectionConfig[] = [
  { id: 'about', kinds: [] },
  { id: 'docs', kinds: [] },
  { id: 'relations', kinds: [] },
  { id: 'diagram', kinds: [] },
  { id: 'api-definition', kinds: ['api'] },
  { id: 'ci', kinds: ['component', 'resource'] },
  { id: 'test-reports', kinds: ['component', 'resource'] },
  { id: 'deployments', kinds: ['component', 'resource'] },
  { id: 'security', kinds: ['component', 'resource'] },
  { id: 'metrics', kinds: [] },
  { id: 'cost', kinds: [] },
  { id: 'signal-rollup', kinds: ['group'] },
  { id: 'problems', kinds: [] },
];

export const CONFIG_DEFAULTS: BacklotConfig = {
  title: 'Backlot',
  base: '/',
  source: 'local',
  catalog: { locations: ['examples/catalog-info.yaml'], allowedHosts: [], urlTimeoutMs: 10_000 },
  collectors: ['catalog', 'docs', 'ci', 'test-reports', 'deployments', 'security', 'metrics', 'cost'],
  sections: DEFAULT_SECTIONS,
};

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

/** JSON Schema of the file as a person writes it: everything optional. */
export const configJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, description: 'the portal title' },
    site: { type: 'string', format: 'uri', description: 'the public URL, e.g. https://portal.example.com' },
    base: { type: 'string', pattern: '^/', description: 'a path that starts with /, e.g. / or /portal/' },
    source: { enum: ['local', 'github'], description: '`local` (a folder) or `github` (an organisation)' },
    catalog: {
      type: 'object',
      additionalProperties: false,
      properties: {
        locations: { ...stringList, minItems: 1, description: 'paths of root descriptors or folders' },
        allowedHosts: { ...stringList, description: 'host names (e.g. specs.example.com) whose URL targets are read' },
        urlTimeoutMs: { type: 'integer', minimum: 1, description: 'milliseconds for reading one URL, e.g. 10000' },
      },
    },
    github: {
      type: 'object',
      additionalProperties: false,
      required: ['org'],
      properties: {
        org: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', description: 'the organisation login' },
        baseUrl: { type: 'string', format: 'uri', description: 'the REST API root' },
        tokenEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'an environment variable name' },
        descriptorPath: { type: 'string', minLength: 1 },
        include: stringList,
        exclude: stringList,
        topics: stringList,
        archived: { type: 'boolean' },
        forks: { type: 'boolean' },
        registerWithoutDescriptor: { type: 'boolean' },
        concurrency: { type: 'integer', minimum: 1, maximum: 64 },
        retries: { type: 'integer', minimum: 0, maximum: 10 },
        timeoutMs: { type: 'integer', minimum: 100 },
        maxWaitSeconds: { type: 'integer', minimum: 0, description: 'seconds the run may wait for rate-limit resets, e.g. 900' },
        maxFileBytes: { type: 'integer', minimum: 1, description: 'a size in bytes, e.g. 1048576 (1 MiB)' },
        api: { enum: ['graphql', 'rest'], description: '`graphql` (batched reads) or `rest` (older GitHub Enterprise Server)' },
      },
    },
    collectors: { ...stringList, description: 'collector names or module paths' },
    cost: costConfigJsonSchema,
    metrics: metricsConfigJsonSchema,
    signals: signalsConfigJsonSchema,
    docs: {
      type: 'object',
      additionalProperties: false,
      properties: {
        versions: {
          type: 'object',
          additionalProperties: false,
          properties: {
            tags: { type: 'string', minLength: 1, description: 'a git tag pattern, e.g. v*' },
            last: { type: 'integer', minimum: 0, maximum: 20, description: 'how many of the newest matching tags' },
          },
        },
        iframeHosts: { ...stringList, description: 'host names, e.g. www.youtube-nocookie.com' },
        imageHosts: { ...stringList, description: 'host names, e.g. img.shields.io' },
      },
    },
    sections: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9-]+$' },
          component: { type: 'string' },
          kinds: stringList,
        },
      },
    },
  },
} as const;
