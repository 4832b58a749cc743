import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, mkdtempSync, writeFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createLocalSource, fileLocation, MAX_READ_BYTES } from './source.ts';
import { writeTree } from '../../lib/catalog/__fixtures__/tree.ts';

const tree = writeTree({ 'repo/catalog-info.yaml': 'a: 1\n', 'repo/docs/x.md': '# x\n', 'outside.txt': 'secret\n' });
const outsideDir = mkdtempSync(join(tmpdir(), 'backlot-outside-'));
writeFileSync(join(outsideDir, 'secret.yaml'), 'secret: 1\n');
symlinkSync(join(outsideDir, 'secret.yaml'), tree.path('repo/link.yaml'));
symlinkSync(outsideDir, tree.path('repo/linked-dir'));
after(() => {
  tree.remove();
  rmSync(outsideDir, { recursive: true, force: true });
});

const source = createLocalSource(tree.path('repo'));
const base = fileLocation(tree.path('repo/catalog-info.yaml'));

test('resolves a relative target against the folder of the file that names it', () => {
  assert.deepEqual(source.resolve(base, './docs/x.md'), { type: 'file', target: tree.path('repo/docs/x.md') });
});

test('reads a file inside the root, and gives null for one that does not exist', async () => {
  assert.equal(await source.read(base), 'a: 1\n');
  assert.equal(await source.read(fileLocation(tree.path('repo/nope.yaml'))), null);
});

test('refuses a relative target that climbs out of the root, naming the path', () => {
  const r = source.resolve(base, '../outside.txt');
  assert.ok('error' in r);
  assert.match(r.error, /outside\.txt/);
});

test('refuses an absolute path outside the root', () => {
  const r = source.resolve(base, '/etc/passwd');
  assert.ok('error' in r && /\/etc\/passwd/.test(r.error));
});

test('refuses a symlink that leads outside the root, both when resolving and when reading', async () => {
  const r = source.resolve(base, './link.yaml');
  assert.ok('error' in r && /symbolic link/.test(r.error));
  await assert.rejects(source.read(fileLocation(tree.path('repo/link.yaml'))), /outside the catalog root/);
});

test('refuses a missing file under a symlinked folder that leads outside the root', () => {
  const r = source.resolve(base, './linked-dir/not-yet.yaml');
  assert.ok('error' in r && /symbolic link/.test(r.error));
});

test('refuses url targets, by type or by scheme', () => {
  assert.ok('error' in source.resolve(base, 'https://example.com/catalog-info.yaml'));
  assert.ok('error' in source.resolve(base, './x.yaml', 'url'));
});

test('displays a location relative to the working directory', () => {
  assert.equal(source.display(base), relative(process.cwd(), tree.path('repo/catalog-info.yaml')));
});

test('refuses to read a file over its ceiling into memory, without reading it', async () => {
  writeFileSync(tree.path('repo/huge.yaml'), '');
  truncateSync(tree.path('repo/huge.yaml'), MAX_READ_BYTES + 1); // sparse: no real disk use
  await assert.rejects(source.read(fileLocation(tree.path('repo/huge.yaml'))), /ceiling/);
});
