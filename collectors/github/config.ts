// The `github:` block of backlot.config.yaml, kept beside the source that reads it; the root
// schema (lib/config/schema.ts) composes it in. Type and defaults come from this one declaration.
import { Type, type Static } from 'typebox';

const patterns = (description: string) => Type.Array(Type.String({ minLength: 1 }), { default: [], description });

export const githubConfigSchema = Type.Object(
  {
    org: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', description: 'the organisation login whose repositories are read' }),
    baseUrl: Type.String({ format: 'uri', default: 'https://api.github.com', description: 'the REST API root; for GitHub Enterprise Server https://ghe.example.com/api/v3' }),
    tokenEnv: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', default: 'GITHUB_TOKEN', description: 'the name of an environment variable holding the token (a PAT or a GitHub App installation token)' }),
    descriptorPath: Type.String({ minLength: 1, default: 'catalog-info.yaml', description: "the descriptor path read from each repository's default branch" }),
    include: patterns('repository name patterns (`*` wildcard) to include; empty means all'),
    exclude: patterns('repository name patterns to leave out'),
    topics: patterns('only repositories with at least one of these topics; empty means any'),
    archived: Type.Boolean({ default: false, description: 'true to read archived repositories too' }),
    forks: Type.Boolean({ default: false, description: 'true to read forks too' }),
    registerWithoutDescriptor: Type.Boolean({ default: false, description: 'true to register a repository without a descriptor as a Component (owner from CODEOWNERS)' }),
    concurrency: Type.Integer({ minimum: 1, maximum: 64, default: 8, description: 'requests in flight at once, 1 to 64' }),
    retries: Type.Integer({ minimum: 0, maximum: 10, default: 3, description: 'attempts for a request failing with 5xx or a timeout, 0 to 10' }),
    timeoutMs: Type.Integer({ minimum: 100, default: 30_000, description: 'milliseconds before a request counts as timed out (at least 100)' }),
    maxWaitSeconds: Type.Integer({ minimum: 0, default: 900, description: 'seconds the run may wait for rate-limit resets, e.g. 900' }),
    maxFileBytes: Type.Integer({ minimum: 1, default: 1024 * 1024, description: 'a size in bytes, e.g. 1048576 (1 MiB)' }),
    api: Type.Enum(['graphql', 'rest'], { default: 'graphql', description: '`graphql` (batched reads) or `rest` (older GitHub Enterprise Server)' }),
  },
  { additionalProperties: false },
);

export type GithubConfig = Static<typeof githubConfigSchema>;
