// The synthetic organisation must be the same for the same seed (comparable runs) and shaped as
// promised: N entities, one team per ~40, every reference pointing at an entity that exists.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { generateOrg, planShape } from './generate-org.ts';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function generate(entities: number, seed: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-org-test-'));
  dirs.push(dir);
  return { dir, org: await generateOrg({ entities, dir, seed }) };
}

async function readTree(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(files.map(async (e) => [path.relative(dir, path.join(e.parentPath, e.name)), await readFile(path.join(e.parentPath, e.name), 'utf8')] as const));
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

test('plans exactly N entities with one team per 40 entities', () => {
  for (const n of [200, 1000, 10_000]) {
    const { teams, counts } = planShape(n);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), n);
    assert.equal(teams, Math.round(n / 40));
  }
});

test('writes the same files for the same seed, and different ones for another seed', async () => {
  const a = await readTree((await generate(300, 7)).dir);
  const b = await readTree((await generate(300, 7)).dir);
  const c = await readTree((await generate(300, 8)).dir);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('every entity reached from the root Location exists once, and every reference names an entity that exists', async () => {
  const { dir, org } = await generate(400, 3);
  const root = parseAllDocuments(await readFile(org.rootFile, 'utf8'))[0].toJS() as { spec: { targets: string[] } };
  const entities: { kind: string; metadata: { name: string }; spec: Record<string, unknown> }[] = [];
  for (const target of root.spec.targets) {
    for (const doc of parseAllDocuments(await readFile(path.join(dir, target), 'utf8'))) entities.push(doc.toJS());
  }
  assert.equal(entities.length, 400);
  const refs = new Set(entities.map((e) => `${e.kind.toLowerCase()}:${e.metadata.name}`));
  assert.equal(refs.size, 400, 'names are unique per kind');
  const counts: Record<string, number> = {};
  for (const e of entities) counts[e.kind.toLowerCase()] = (counts[e.kind.toLowerCase()] ?? 0) + 1;
  assert.deepEqual(counts, org.countsByKind);
  const missing: string[] = [];
  const expect = (ref: string) => refs.has(ref) || missing.push(ref);
  for (const e of entities) {
    const s = e.spec;
    if (typeof s.owner === 'string') expect(s.owner);
    if (typeof s.system === 'string') expect(`system:${s.system}`);
    if (typeof s.domain === 'string') expect(`domain:${s.domain}`);
    if (typeof s.parent === 'string') expect(`group:${s.parent}`);
    for (const c of (s.children as string[] | undefined) ?? []) expect(`group:${c}`);
    for (const g of (s.memberOf as string[] | undefined) ?? []) expect(`group:${g}`);
    for (const a of [...((s.providesApis as string[] | undefined) ?? []), ...((s.consumesApis as string[] | undefined) ?? [])]) expect(`api:${a}`);
    for (const d of (s.dependsOn as string[] | undefined) ?? []) expect(d);
  }
  assert.deepEqual(missing, []);
});

test('some APIs carry an OpenAPI definition in a file next to their descriptor, through $text', async () => {
  const { dir } = await generate(1000, 42);
  const tree = await readTree(dir);
  const openApiFiles = [...tree.keys()].filter((f) => f.includes('/openapi/'));
  assert.ok(openApiFiles.length > 0);
  for (const file of openApiFiles) {
    const descriptor = tree.get(path.join(path.dirname(path.dirname(file)), 'catalog-info.yaml'))!;
    assert.ok(descriptor.includes(`$text: ./openapi/${path.basename(file)}`), `${file} is referenced from its descriptor`);
    assert.match(tree.get(file)!, /^openapi: 3\./);
  }
});

test('a large organisation is listed through several Location files, and the catalog reads every entity through them', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-org-test-'));
  dirs.push(dir);
  const org = await generateOrg({ entities: 400, dir, seed: 3, perLocation: 5 });
  const root = parseAllDocuments(await readFile(org.rootFile, 'utf8')).map((d) => d.toJS());
  assert.ok(root[0].spec.targets.length > 1 && root[0].spec.targets.every((t: string) => t.startsWith('./locations/part-')));
  const { readEntities } = await import('../lib/catalog/read.ts');
  const { createLocalSource, fileLocation } = await import('../collectors/local/source.ts');
  const read = await readEntities([fileLocation(org.rootFile)], createLocalSource(dir));
  assert.deepEqual(read.problems, []);
  const generated = Object.values(org.countsByKind).reduce((a, b) => a + b, 0);
  assert.equal(read.entities.filter((e) => !e.ref.startsWith('location:')).length, generated);
});
