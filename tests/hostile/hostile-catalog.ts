// A catalog that attacks Backlot with every class of hostile descriptor of issue 13, beside a
// small healthy one that must still build: written to a temp folder by the spec that uses it, so
// the bytes (non-UTF-8, 930 kB definitions) live in code a reviewer can read.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const COMMANDS = ['::error file=catalog-info.yaml,line=1::forged annotation', '::add-mask::hunter2', '::stop-commands::pwned', '::warning::forged'];

/** Names that are words of the file system or of the portal's own layout: each must get its own page. */
export const FILE_SYSTEM_NAMES = ['index.html', '404', 'api', 'pagefind', 'entity.json', 'index.htm', 'favicon.ico', 'catalog', 'con', 'a..b', 'x.html'];

/** Titles and descriptions that try to be structure: HTML, Mermaid, Handlebars, template literals, workflow commands. */
export const HOSTILE_TEXT = [
  '<script>alert("title")</script><img src=x onerror=alert(1)>',
  'A-->B; click A call alert(1) %%{init: {"securityLevel": "loose"}}%%',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)}',
  `line one\n${COMMANDS.join('\n')}`,
];

const component = (name: string, lines: string[] = [], kind = 'Component') =>
  [
    'apiVersion: backstage.io/v1alpha1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${JSON.stringify(name)}`,
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-a',
    ...lines.map((l) => `  ${l}`),
  ].join('\n') + '\n';

/** An OpenAPI document of about `bytes` bytes: many operations, as a large real API has. */
export function largeOpenApi(bytes: number): string {
  const operation = (i: number) => ({
    get: {
      operationId: `getItem${i}`,
      summary: `Reads item ${i} of the resource collection, with every field the client asked for`,
      tags: [`group-${i % 40}`],
      parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { description: 'The item', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, count: { type: 'integer' } } } } } } },
    },
  });
  const each = JSON.stringify(operation(0)).length + 40;
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(bytes / each); i++) paths[`/resources/${i}/items/{itemId}`] = operation(i);
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Large API', version: '1.0.0' }, paths });
}

export interface HostileCatalog {
  root: string;
  /** Refs that must have a page. */
  pages: string[];
  /** Refs that must not exist (refused entities, shadows). */
  absent: string[];
}

/** Writes the catalog under `dir` and returns the path of its root Location and what to expect. */
export function writeHostileCatalog(dir: string): HostileCatalog {
  const files: Record<string, string | Buffer> = {};
  const targets: string[] = [];
  const add = (name: string, text: string | Buffer) => {
    files[name] = text;
    targets.push(`./${name}`);
  };

  // The healthy part: what must still build whatever else is wrong.
  add('healthy.yaml', [
    ['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata:', '  name: team-a', 'spec:', '  type: team', '  children: []'].join('\n'),
    ['apiVersion: backstage.io/v1alpha1', 'kind: System', 'metadata:', '  name: shop', 'spec:', '  owner: team-a'].join('\n'),
    component('good-svc', ['system: shop', 'providesApis: [good-api]']),
    ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: good-api', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a', '  system: shop', '  definition:', '    $text: ./good-api.json'].join('\n'),
    ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: tools-mcp', '  title: Tools MCP server', 'spec:', '  type: mcp-server', '  lifecycle: experimental', '  owner: team-a', '  remotes:', '    - type: streamable-http', '      url: https://tools.example.com/mcp', '    - type: sse', '      url: "javascript:alert(1)"'].join('\n'),
  ].join('\n---\n') + '\n');
  files['good-api.json'] = largeOpenApi(4_000);

  // Names that are file-system words.
  add('file-system-names.yaml', FILE_SYSTEM_NAMES.map((n) => component(n)).join('---\n'));

  // Content that tries to be structure, in titles and descriptions.
  add('hostile-text.yaml', HOSTILE_TEXT.map((t, i) => component(`hostile-text-${i}`, [], 'Component').replace('metadata:\n', `metadata:\n  title: ${JSON.stringify(t)}\n  description: ${JSON.stringify(t)}\n`)).join('---\n'));

  // Workflow commands in values that problem messages quote (an invalid tag, a dangling owner).
  add('workflow-commands.yaml', COMMANDS.map((c, i) => component(`commands-${i}`, [`owner: ${JSON.stringify(`nobody\n${c}`)}`]).replace('  owner: team-a\n', '').replace('metadata:\n', `metadata:\n  tags: [${JSON.stringify(`bad tag\n${c}`)}]\n`)).join('---\n'));

  // Prototype keys, under metadata and under spec, and in a $json file.
  add('prototype-keys.yaml', [
    ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  __proto__:', '    name: proto-meta', 'spec:', '  type: service', '  lifecycle: production', '  owner: team-a'].join('\n'),
    component('proto-spec').replace('  owner: team-a\n', '  constructor:\n    owner: team-a\n'),
    component('proto-json', ['extra:', '  $json: ./proto.json']),
  ].join('\n---\n') + '\n');
  files['proto.json'] = '{ "ok": true, "__proto__": { "polluted": true } }';

  // Kinds: a lower-case component that would shadow good-svc; an unknown kind with relation-shaped fields.
  add('kinds.yaml', [component('good-svc', ['dependsOn: [component:default/index.html]'], 'component'), component('pipe', ['dependsOn: [component:default/good-svc]'], 'Pipeline'), component('weird', [], 'constructor')].join('---\n'));

  // An API whose definition is large (930 kB), one whose $text is missing, one behind a URL no reader reads.
  add('apis.yaml', [
    ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: large-api', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a', '  definition:', '    $text: ./large-api.json'].join('\n'),
    ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: missing-api', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a', '  definition:', '    $text: ./no-such-file.yaml'].join('\n'),
    ['apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: remote-api', 'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a', '  definition:', '    $text: https://specs.example.com/openapi.yaml'].join('\n'),
    component('uses-missing', ['consumesApis: [missing-api, remote-api]']),
  ].join('\n---\n') + '\n');
  files['large-api.json'] = largeOpenApi(930_000);

  // Nesting far past the limit.
  add('deep.yaml', component('deep', [`x: ${'['.repeat(30_000)}${']'.repeat(30_000)}`]));

  // Latin-1 bytes (é as 0xE9) in a description.
  const [before, after] = component('latin1').replace('metadata:\n', 'metadata:\n  description: "caf\u0000"\n').split('\u0000');
  add('latin1.yaml', Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]));

  files['catalog-info.yaml'] = ['apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata:', '  name: hostile', 'spec:', '  targets:', ...targets.map((t) => `    - ${t}`)].join('\n') + '\n';

  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return {
    root: path.join(dir, 'catalog-info.yaml'),
    pages: [
      'group:default/team-a', 'system:default/shop', 'component:default/good-svc', 'api:default/good-api', 'api:default/tools-mcp',
      ...FILE_SYSTEM_NAMES.map((n) => `component:default/${n}`),
      ...HOSTILE_TEXT.map((_, i) => `component:default/hostile-text-${i}`),
      'api:default/large-api', 'api:default/missing-api', 'api:default/remote-api', 'component:default/uses-missing', 'pipeline:default/pipe', 'component:default/latin1',
      // Kept: only its $json field is refused (one problem), the entity itself is fine.
      'component:default/proto-json',
    ],
    absent: ['component:default/proto-meta', 'component:default/proto-spec', 'constructor:default/weird', 'component:default/deep'],
  };
}
