import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { command, runLint, formatAnnotation } from './lint.ts';
import { writeTree, component } from '../../lib/catalog/__fixtures__/tree.ts';

const BACKLOT = fileURLToPath(new URL('../backlot.ts', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../lib/catalog/__fixtures__/backstage-examples/', import.meta.url));

const trees: { remove: () => void }[] = [];
after(() => trees.forEach((t) => t.remove()));
function tree(files: Record<string, string>) {
  const t = writeTree(files);
  trees.push(t);
  return t;
}

async function lint(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runLint(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env });
  return { code, stdout, stderr };
}

/** Runs the real CLI in `cwd`, as CI does. */
function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BACKLOT, 'lint', ...args], { cwd, env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const BAD = component('my service', ['system: shop'], ['tags: [Java]']);

test('exits 0 with a one-line summary for Backstage\'s example catalog', async () => {
  const r = await lint([EXAMPLES]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '✔ 4 files, 7 entities: no problems\n');
});

test('prints file:line:column: severity: message (rule) [ref] with a hint line, and exits 1 on errors', async () => {
  const t = tree({ 'catalog-info.yaml': BAD });
  const r = await cli([], t.root);
  assert.equal(r.code, 1);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^catalog-info\.yaml:4:9: error: metadata\.name "my service" is not a valid entity name \(invalid-name\) \[component:default\/my service\]$/);
  assert.match(lines[1], /^ {2}hint: /);
  assert.match(lines[2], /^catalog-info\.yaml:5:10: error: .*\(invalid-tag\)/);
  assert.equal(lines.at(-1), '✖ 2 errors, 0 warnings (1 file, 0 entities)');
});

test('reports references outside the repository as warnings without --known, and exits 0', async () => {
  const t = tree({ 'catalog-info.yaml': component('checkout', ['system: shop']) });
  const r = await lint([t.root]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /warning: spec\.owner refers to group:default\/team-a, which is not in the catalog \(dangling-reference\)/);
  assert.match(r.stdout, /warning: spec\.system refers to system:default\/shop/);
  assert.match(r.stdout, /0 errors, 2 warnings/);
});

test('with --known (a JSON array of refs), known references pass and unknown ones are errors', async () => {
  const t = tree({ 'catalog-info.yaml': component('checkout', ['system: shop']), 'known.json': JSON.stringify(['group:default/team-a']) });
  const r = await lint([t.root, '--known', t.path('known.json')]);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, /team-a/);
  assert.match(r.stdout, /error: spec\.system refers to system:default\/shop/);
});

test('accepts the portal\'s /api/catalog.json shape for --known', async () => {
  const t = tree({
    'catalog-info.yaml': component('checkout', ['system: shop']),
    'catalog.json': JSON.stringify({ entities: [{ ref: 'group:default/team-a' }, { ref: 'system:default/shop' }] }),
  });
  const r = await lint([t.root, '--known', t.path('catalog.json')]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /✔ 1 file, 1 entity: no problems/);
});

test('prints ::error workflow commands with escaped properties when GITHUB_ACTIONS=true', async () => {
  const t = tree({ 'catalog-info.yaml': BAD });
  const r = await cli([], t.root, { GITHUB_ACTIONS: 'true' });
  assert.equal(r.code, 1);
  const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
  assert.equal(annotations.length, 2);
  assert.match(annotations[0], /^::error file=catalog-info\.yaml,line=4,col=9,title=invalid-name component%3Adefault\/my service::metadata\.name "my service" is not a valid entity name%0AUse /);
  const plain = await cli([], t.root, {});
  assert.equal(plain.stdout.split('\n').filter((l) => l.startsWith('::')).length, 0);
});

test('escapes %, CR, LF in messages and also : and , in properties of annotations', () => {
  const line = formatAnnotation({ file: 'a,b:c.yaml', line: 2, column: 3, severity: 'warning', rule: 'r', message: '100% bad\r\nreally', hint: 'fix, now' });
  assert.equal(line, '::warning file=a%2Cb%3Ac.yaml,line=2,col=3,title=r::100%25 bad%0D%0Areally%0Afix, now');
});

test('prints { problems, entities } as JSON with --format json', async () => {
  const t = tree({ 'catalog-info.yaml': `${BAD}---\n${component('ok')}` });
  const r = await lint([t.path('catalog-info.yaml'), '--format', 'json']);
  assert.equal(r.code, 1);
  const data = JSON.parse(r.stdout);
  assert.equal(data.entities, 1);
  assert.deepEqual(data.problems.map((p: { rule: string }) => p.rule), ['invalid-name', 'invalid-tag', 'dangling-reference']);
  assert.equal(data.problems[0].file, relative(process.cwd(), t.path('catalog-info.yaml')));
  assert.deepEqual([data.problems[0].line, data.problems[0].column], [4, 9]);
});

test('reports a folder without catalog-info.yaml as an error', async () => {
  const t = tree({ 'README.md': '# x\n' });
  const r = await lint([t.root]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /No catalog-info\.yaml or catalog-info\.yml .*\(no-descriptor\)/);
});

test('finds catalog-info.yml when there is no .yaml', async () => {
  const t = tree({ 'catalog-info.yml': component('a') });
  const r = await lint([t.root]);
  assert.match(r.stdout, /1 file, 1 entity/);
});

test('exits 2 on bad usage: unknown option, bad --format, unreadable or malformed --known', async () => {
  assert.equal((await lint(['--nope'])).code, 2);
  assert.equal((await lint(['--format', 'xml'])).code, 2);
  assert.equal((await lint(['--known', '/nonexistent/known.json'])).code, 2);
  const t = tree({ 'known.json': '{"entities": 3}' });
  const r = await lint(['--known', t.path('known.json')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /expected a JSON array/);
});

test('refuses to follow a Location out of the folder it was given', async () => {
  const t = tree({ 'repo/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: x\nspec:\n  target: ../other/catalog-info.yaml\n', 'other/catalog-info.yaml': component('a') });
  const r = await lint([t.path('repo')]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\(location-refused\)/);
});

test('has help text with usage and examples, served by backlot lint --help', async () => {
  assert.match(command.help, /^Usage: backlot lint/);
  assert.match(command.help, /Examples:/);
  const t = tree({});
  writeFileSync(t.path('x'), '');
  const r = await cli(['--help'], t.root);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /--known <file>/);
});

test('a file named on the command line and also reached through a Location is one file: no duplicate errors', async () => {
  const t = tree({
    'catalog-info.yaml': ['apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata:', '  name: root', 'spec:', '  targets: [./a.yaml, ./b.yaml]'].join('\n') + '\n',
    'a.yaml': component('a'),
    'b.yaml': component('b'),
  });
  for (const order of [['a.yaml', 'catalog-info.yaml'], ['catalog-info.yaml', 'a.yaml', 'b.yaml', 'a.yaml']]) {
    const r = await cli(order, t.root);
    assert.equal(r.code, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /duplicate/);
    // Only the owner group (not in this repository) is pointed out, once per entity.
    assert.match(r.stdout, /^⚠ 0 errors, 2 warnings \(3 files, 3 entities\)$/m, order.join(' '));
  }
});

test('every file of Backstage\'s example catalog (from @backstage/create-app) on the command line gives no duplicate errors', async () => {
  // backstage-examples/ holds create-app's examples and a catalog-info.yaml Location reaching them all.
  const files = ['catalog-info.yaml', 'entities.yaml', 'org.yaml', 'template/template.yaml'];
  const r = await cli(files, EXAMPLES);
  assert.equal(r.stdout, '✔ 4 files, 7 entities: no problems\n');
  // The package as installed: every *.yaml of the default app, as `backlot lint $(find . -name '*.yaml')` lists them.
  const app = fileURLToPath(new URL('../../node_modules/@backstage/create-app/templates/default-app/', import.meta.url));
  const all = ['examples/org.yaml', 'examples/entities.yaml', 'examples/template/template.yaml', 'examples/template/content/catalog-info.yaml', 'app-config.production.yaml'];
  const installed = await cli(all, app);
  assert.doesNotMatch(installed.stdout, /duplicate-entity/);
  // What remains is what is not a catalog: app config, and the template's Handlebars skeleton.
  assert.deepEqual([...new Set([...installed.stdout.matchAll(/^([^:\s]+):\d+:\d+: error/gm)].map((m) => m[1]))].sort(), ['app-config.production.yaml', 'examples/template/content/catalog-info.yaml']);
});

test('a descriptor value with a newline and a workflow command prints as one inert line, in the human output and the annotation', async () => {
  const injected = ['::error file=x.yaml,line=1::forged', '::add-mask::abc', '::stop-commands::pwned'];
  for (const command of injected) {
    // A name is quoted verbatim in its error message, and a system reference in the wrong-kind one.
    const t = tree({ 'catalog-info.yaml': component(JSON.stringify(`svc\n${command}`), [`system: ${JSON.stringify(`shop\r\n${command}`)}`]) });
    const r = await cli([], t.root, { GITHUB_ACTIONS: 'true' });
    const lines = r.stdout.split('\n');
    // Only Backlot's own annotations may start a line with "::".
    for (const line of lines.filter((l) => l.startsWith('::'))) assert.match(line, /^::(error|warning) file=catalog-info\.yaml,line=\d+,col=\d+,title=[^:]*::/, line);
    assert.ok(!lines.some((l) => l.trimStart().startsWith(command)), r.stdout);
    assert.match(r.stdout, /svc\\n::/);
  }
});

test('backlot lint | head: a reader that goes away early ends the run quietly, without an EPIPE crash', async () => {
  const many = Array.from({ length: 400 }, (_, i) => component(`bad name ${i}`)).join('---\n');
  const t = tree({ 'catalog-info.yaml': many });
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BACKLOT, 'lint'], { cwd: t.root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Read the first chunk, then close the pipe, as `head -1` does.
  await new Promise<void>((done) => child.stdout.once('data', () => { child.stdout.destroy(); done(); }));
  const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
  assert.doesNotMatch(stderr, /EPIPE|Error|at /, stderr);
  assert.ok(code === 0 || code === 1, `exit code ${code}`);
});

test('--allow-host reads a $text URL on that host only from a public address: a server on 127.0.0.1 is refused', async () => {
  const { createServer } = await import('node:http');
  let hits = 0;
  const server = createServer((_req, res) => { hits++; res.end('openapi: 3.0.0\n'); });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/openapi.yaml`;
    const t = tree({ 'catalog-info.yaml': component('svc', ['definition:', `  $text: ${url}`]) });
    const refused = await cli(['--allow-host', '127.0.0.1'], t.root);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /placeholder-unreadable/);
    assert.match(refused.stdout, /loopback, link-local, private or reserved address/);
    const notAllowed = await cli([], t.root);
    assert.equal(notAllowed.code, 0, 'without --allow-host the URL is a "not fetched" warning');
    assert.match(notAllowed.stdout, /warning: .*was not fetched.*\(placeholder-not-fetched\)/);
    assert.equal(hits, 0);
  } finally {
    server.close();
  }
});
