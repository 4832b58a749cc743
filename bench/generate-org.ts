// Writes a synthetic organisation of N entities as a folder of repositories with catalog-info.yaml
// files and one root Location, shaped like a real one (a group hierarchy with ~1 team per 40
// entities, users in teams, systems in domains, components depending on each other, APIs provided
// and consumed across teams, some with OpenAPI definitions), so the benchmark measures realistic work.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';

export interface GenerateOrgOptions {
  /** Entities to generate, not counting the root Location. */
  entities: number;
  /** Folder to write into (created). */
  dir: string;
  /** Same seed, same organisation. */
  seed?: number;
  /** Repositories listed per Location file; more are split over `locations/part-N.yaml` (default 10,000). */
  perLocation?: number;
}

export interface GeneratedOrg {
  /** Absolute path of the root catalog-info.yaml (a Location listing every repository's file). */
  rootFile: string;
  /** Entities written per kind (lower-case), not counting the root Location. */
  countsByKind: Record<string, number>;
  /** Descriptor files written (root included). */
  files: number;
}

type Doc = Record<string, unknown>;

const API_VERSION = 'backstage.io/v1alpha1';
const WORDS = [
  'ledger', 'invoice', 'parcel', 'route', 'depot', 'tracking', 'pricing', 'quote', 'carrier', 'customs',
  'warehouse', 'inventory', 'label', 'manifest', 'fleet', 'driver', 'payment', 'refund', 'notification',
  'identity', 'session', 'catalog', 'search', 'report', 'audit', 'export', 'import', 'schedule', 'booking',
  'dispatch', 'telemetry', 'forecast', 'tariff', 'contract', 'settlement', 'address', 'geocode', 'eta',
];
const SUFFIXES = ['service', 'worker', 'gateway', 'ui', 'sync', 'store', 'engine', 'portal', 'lib'];
const FIRST_NAMES = ['ada', 'alan', 'grace', 'linus', 'margaret', 'ken', 'barbara', 'donald', 'frances', 'edsger', 'radia', 'john', 'sophie', 'tim', 'katherine', 'dennis'];
const LAST_NAMES = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'thompson', 'liskov', 'knuth', 'allen', 'dijkstra', 'perlman', 'backus', 'wilson', 'berners-lee', 'johnson', 'ritchie'];
const VERBS = ['computes', 'stores', 'publishes', 'validates', 'aggregates', 'schedules', 'renders', 'reconciles', 'forwards', 'indexes'];
const TAGS = ['java', 'kotlin', 'typescript', 'go', 'python', 'rust', 'grpc', 'kafka', 'postgres', 'redis', 'pci', 'gdpr'];
const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
const COMPONENT_TYPES = ['service', 'service', 'service', 'website', 'library'];
const RESOURCE_TYPES = ['database', 's3-bucket', 'queue', 'cache'];

/** How many of each kind for `n` entities: teams at one per 40 entities, components take the rest. */
export function planShape(n: number): { teams: number; departments: number; counts: Record<string, number> } {
  const teams = Math.max(1, Math.round(n / 40));
  const departments = Math.max(1, Math.ceil(teams / 8));
  const counts: Record<string, number> = {
    group: teams + departments + 1,
    user: Math.max(1, Math.round(n * 0.2)),
    domain: Math.max(1, Math.round(n * 0.002)),
    system: Math.max(1, Math.round(n * 0.02)),
    api: Math.max(1, Math.round(n * 0.12)),
    resource: Math.max(1, Math.round(n * 0.08)),
  };
  const others = Object.values(counts).reduce((a, b) => a + b, 0);
  counts.component = Math.max(1, n - others);
  return { teams, departments, counts };
}

function sentence(random: SeededRandom, subject: string): string {
  const [a, b] = random.sample(WORDS, 2);
  return `${subject} ${random.pick(VERBS)} ${a} and ${b} records for the ${random.pick(WORDS)} flow.`;
}

/** A short, valid OpenAPI 3 document with a couple of operations named after the API. */
function openApiDefinition(random: SeededRandom, apiName: string): string {
  const resource = random.pick(WORDS);
  return stringify({
    openapi: '3.0.3',
    info: { title: apiName, version: `1.${random.int(0, 9)}.0` },
    paths: {
      [`/${resource}s`]: {
        get: { operationId: `list${resource[0].toUpperCase()}${resource.slice(1)}s`, summary: `List ${resource}s`, responses: { '200': { description: 'OK' } } },
        post: { operationId: `create${resource[0].toUpperCase()}${resource.slice(1)}`, summary: `Create a ${resource}`, responses: { '201': { description: 'Created' } } },
      },
      [`/${resource}s/{id}`]: {
        get: {
          operationId: `get${resource[0].toUpperCase()}${resource.slice(1)}`,
          summary: `Read one ${resource}`,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'OK' }, '404': { description: 'Not found' } },
        },
      },
    },
  });
}

function entity(kind: string, metadata: Doc, spec: Doc): Doc {
  return { apiVersion: API_VERSION, kind, metadata, spec };
}

function yamlDocuments(docs: Doc[]): string {
  return docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
}

/** Writes the organisation under `options.dir`; deterministic for a given seed and size. */
export async function generateOrg(options: GenerateOrgOptions): Promise<GeneratedOrg> {
  const random = createSeededRandom(options.seed ?? 42);
  const { teams: teamCount, departments: departmentCount, counts } = planShape(options.entities);
  const dir = path.resolve(options.dir);
  const files = new Map<string, string>();
  const unique = (base: string, i: number) => `${base}-${String(i).padStart(5, '0')}`;

  // Groups: one organisation, departments under it, teams under departments.
  const departments = Array.from({ length: departmentCount }, (_, i) => unique(`${WORDS[i % WORDS.length]}-department`, i));
  const teams = Array.from({ length: teamCount }, (_, i) => unique(`${random.pick(WORDS)}-team`, i));
  const teamsOf = new Map<string, string[]>(departments.map((d) => [d, []]));
  teams.forEach((t, i) => teamsOf.get(departments[i % departmentCount])!.push(t));
  const groupDocs: Doc[] = [
    entity('Group', { name: 'synthetic-org', title: 'Synthetic Org', description: 'The whole synthetic engineering organisation.' }, { type: 'organization', children: departments }),
    ...departments.map((d) =>
      entity('Group', { name: d, description: sentence(random, 'This department') }, { type: 'department', parent: 'synthetic-org', children: teamsOf.get(d) }),
    ),
    ...teams.map((t, i) =>
      entity('Group', { name: t, description: sentence(random, 'This team') }, { type: 'team', parent: departments[i % departmentCount], children: [], profile: { email: `${t}@synthetic.example` } }),
    ),
  ];

  const userDocs: Doc[] = Array.from({ length: counts.user }, (_, i) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const name = `${first}.${last}-${i}`;
    const memberOf = random.chance(0.1) ? random.sample(teams, 2) : [teams[i % teamCount]];
    return entity('User', { name }, { profile: { displayName: `${first} ${last}`, email: `${name}@synthetic.example` }, memberOf });
  });
  // Groups and users live in one org repository, split into files of 3,000 entities (~700 kB) so
  // none passes the 1 MiB descriptor cap (100,000 entities have 22,814 of them: 5.4 MB in one file).
  const orgDocs = [...groupDocs, ...userDocs];
  const PER_ORG_FILE = 3_000;
  for (let i = 0; i < orgDocs.length; i += PER_ORG_FILE) {
    const folder = i === 0 ? 'repos/org' : `repos/org-part-${i / PER_ORG_FILE + 1}`;
    files.set(`${folder}/catalog-info.yaml`, yamlDocuments(orgDocs.slice(i, i + PER_ORG_FILE)));
  }

  // Domains and systems, each owned by a team; systems spread over domains.
  const domains = Array.from({ length: counts.domain }, (_, i) => unique(`${WORDS[i % WORDS.length]}-domain`, i));
  const systems = Array.from({ length: counts.system }, (_, i) => ({ name: unique(`${random.pick(WORDS)}-system`, i), owner: teams[i % teamCount], domain: domains[i % domains.length] }));
  files.set(
    'repos/architecture/catalog-info.yaml',
    yamlDocuments([
      ...domains.map((d, i) => entity('Domain', { name: d, description: sentence(random, 'This domain') }, { owner: `group:${teams[(i * 7) % teamCount]}` })),
      ...systems.map((s) => entity('System', { name: s.name, description: sentence(random, 'This system') }, { owner: `group:${s.owner}`, domain: s.domain })),
    ]),
  );

  // Components: one repository each; owner and system follow the system mostly, sometimes another team.
  const components = Array.from({ length: counts.component }, (_, i) => {
    const system = systems[i % systems.length];
    return { name: unique(`${random.pick(WORDS)}-${random.pick(SUFFIXES)}`, i), system, owner: random.chance(0.85) ? system.owner : random.pick(teams) };
  });
  const apis = Array.from({ length: counts.api }, (_, i) => {
    const provider = components[random.int(0, components.length - 1)];
    return { name: unique(`${random.pick(WORDS)}-api`, i), provider, definitionKind: random.next() };
  });
  const resources = Array.from({ length: counts.resource }, (_, i) => {
    const user = components[random.int(0, components.length - 1)];
    return { name: unique(`${random.pick(WORDS)}-${random.pick(RESOURCE_TYPES)}`, i), user, type: random.pick(RESOURCE_TYPES) };
  });
  const apisByProvider = Map.groupBy(apis, (a) => a.provider.name);
  const resourcesByUser = Map.groupBy(resources, (r) => r.user.name);

  for (const [i, c] of components.entries()) {
    const repo = `repos/${c.name}`;
    const provided = apisByProvider.get(c.name) ?? [];
    const own = resourcesByUser.get(c.name) ?? [];
    // Consumes APIs of other teams: the cross-team edges a portal exists to show.
    const consumed = random.sample(apis, random.int(0, 3)).filter((a) => a.provider.owner !== c.owner);
    const dependsOn = [
      ...random.sample(components.slice(0, i), random.int(0, 3)).map((d) => `component:${d.name}`),
      ...own.map((r) => `resource:${r.name}`),
    ];
    const docs: Doc[] = [
      entity(
        'Component',
        {
          name: c.name,
          description: sentence(random, `The ${c.name.replace(/-\d+$/, '').replace(/-/g, ' ')}`),
          tags: random.sample(TAGS, random.int(1, 3)),
          annotations: { 'github.com/project-slug': `synthetic-org/${c.name}` },
          links: random.chance(0.3) ? [{ url: `https://runbooks.synthetic.example/${c.name}`, title: 'Runbook' }] : undefined,
        },
        {
          type: random.pick(COMPONENT_TYPES),
          lifecycle: random.pick(LIFECYCLES),
          owner: `group:${c.owner}`,
          system: c.system.name,
          providesApis: provided.length ? provided.map((a) => a.name) : undefined,
          consumesApis: consumed.length ? consumed.map((a) => a.name) : undefined,
          dependsOn: dependsOn.length ? dependsOn : undefined,
        },
      ),
    ];
    for (const a of provided) {
      // Half the APIs point at an OpenAPI file with $text, a quarter inline one, the rest are other types.
      let type = 'openapi';
      let definition: unknown;
      if (a.definitionKind < 0.5) {
        const file = `openapi/${a.name}.yaml`;
        files.set(`${repo}/${file}`, openApiDefinition(random, a.name));
        definition = { $text: `./${file}` };
      } else if (a.definitionKind < 0.75) {
        definition = openApiDefinition(random, a.name);
      } else if (a.definitionKind < 0.9) {
        type = 'asyncapi';
        definition = stringify({ asyncapi: '2.6.0', info: { title: a.name, version: '1.0.0' }, channels: { [`${random.pick(WORDS)}.events`]: { subscribe: { message: { payload: { type: 'object' } } } } } });
      } else {
        type = 'grpc';
        definition = `syntax = "proto3";\nservice ${a.name.replace(/[^a-z]/g, '')} {\n  rpc Get (Request) returns (Reply);\n}\nmessage Request { string id = 1; }\nmessage Reply { string body = 1; }\n`;
      }
      docs.push(entity('API', { name: a.name, description: sentence(random, `The ${a.name.replace(/-\d+$/, '')}`) }, { type, lifecycle: random.pick(LIFECYCLES), owner: `group:${c.owner}`, system: c.system.name, definition }));
    }
    for (const r of own) {
      docs.push(entity('Resource', { name: r.name, description: sentence(random, `The ${r.type}`) }, { type: r.type, owner: `group:${c.owner}`, system: c.system.name }));
    }
    files.set(`${repo}/catalog-info.yaml`, yamlDocuments(docs));
  }

  const targets = [...files.keys()].filter((f) => f.endsWith('catalog-info.yaml')).map((f) => `./${f}`);
  // A root Location listing 55,000 files is ~2.9 MB, past the 1 MiB cap on any descriptor file:
  // large organisations get one Location file per 10,000 repositories, as a real monorepo of
  // catalogs would split it.
  const PER_LOCATION = options.perLocation ?? 10_000;
  if (targets.length <= PER_LOCATION) {
    files.set('catalog-info.yaml', yamlDocuments([entity('Location', { name: 'synthetic-org', description: 'Every repository of the synthetic organisation.' }, { targets })]));
  } else {
    const parts: string[] = [];
    for (let i = 0; i < targets.length; i += PER_LOCATION) {
      const part = `locations/part-${parts.length + 1}.yaml`;
      const partTargets = targets.slice(i, i + PER_LOCATION).map((t) => `.${t}`);
      files.set(part, yamlDocuments([entity('Location', { name: `synthetic-org-part-${parts.length + 1}`, description: 'Repositories of the synthetic organisation.' }, { targets: partTargets })]));
      parts.push(`./${part}`);
    }
    files.set('catalog-info.yaml', yamlDocuments([entity('Location', { name: 'synthetic-org', description: 'Every repository of the synthetic organisation.' }, { targets: parts })]));
  }

  const folders = new Set([...files.keys()].map((f) => path.dirname(path.join(dir, f))));
  await Promise.all([...folders].map((f) => mkdir(f, { recursive: true })));
  // Bounded batches: 10,000 files at once would exhaust file descriptors on small machines.
  const entries = [...files.entries()];
  for (let i = 0; i < entries.length; i += 256) {
    await Promise.all(entries.slice(i, i + 256).map(([file, text]) => writeFile(path.join(dir, file), text)));
  }
  return { rootFile: path.join(dir, 'catalog-info.yaml'), countsByKind: counts, files: targets.length + 1 };
}
