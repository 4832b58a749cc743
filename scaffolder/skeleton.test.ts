import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insideFolder, renderSkeleton } from './skeleton.ts';
import { createTemplater } from './templater.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'backlot-skeleton-'));
});
after(async () => rm(dir, { recursive: true, force: true }));

async function skeleton(name: string, files: Record<string, string>) {
  const source = path.join(dir, name, 'skeleton');
  for (const [p, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(source, p)), { recursive: true });
    await writeFile(path.join(source, p), text);
  }
  const target = path.join(dir, name, 'out');
  await mkdir(target, { recursive: true });
  return { source, target };
}

test('file and folder names and contents are rendered; an empty name leaves the entry out', async () => {
  const { source, target } = await skeleton('names', {
    '${{ values.name }}/index.ts': 'export const name = ${{ values.name | dump }};\n',
    '${{ "extra.md" if values.extra else "" }}': 'extra',
    'plain.txt': 'plain ${{ values.name }}',
  });
  const files = await renderSkeleton({ source, target, templater: createTemplater(), context: { values: { name: 'payments', extra: false } } });
  assert.deepEqual(files.sort(), ['payments/index.ts', 'plain.txt']);
  assert.equal(await readFile(path.join(target, 'payments/index.ts'), 'utf8'), 'export const name = "payments";\n');
});

test('copyWithoutTemplating keeps names and contents as they are (GitHub expressions survive)', async () => {
  const { source, target } = await skeleton('verbatim', { '.github/workflows/ci.yml': 'run: echo ${{ github.sha }}\n', 'a.txt': '${{ values.x }}' });
  await renderSkeleton({ source, target, templater: createTemplater(), context: { values: { x: 'X' } }, copyWithoutTemplating: ['.github/workflows/*'] });
  assert.equal(await readFile(path.join(target, '.github/workflows/ci.yml'), 'utf8'), 'run: echo ${{ github.sha }}\n');
  assert.equal(await readFile(path.join(target, 'a.txt'), 'utf8'), 'X');
});

for (const hostile of ['../escape', '..', 'a/../../b', '/etc/passwd', 'x\\..\\y']) {
  test(`a name value ${JSON.stringify(hostile)} is refused and nothing is written outside the target`, async () => {
    const { source, target } = await skeleton(`hostile-${hostile.replace(/\W/g, '_')}`, { '${{ values.name }}': 'x' });
    await assert.rejects(renderSkeleton({ source, target, templater: createTemplater(), context: { values: { name: hostile } } }), /is not a single file or folder name/);
    assert.deepEqual(await readdir(target), []);
    assert.deepEqual((await readdir(path.dirname(target))).sort(), ['out', 'skeleton']);
  });
}

test('a symbolic link in a skeleton is refused', async () => {
  const { source, target } = await skeleton('link', { 'a.txt': 'a' });
  await symlink('/etc/passwd', path.join(source, 'passwd'));
  await assert.rejects(renderSkeleton({ source, target, templater: createTemplater(), context: { values: {} } }), /symbolic link/);
});

test('insideFolder refuses paths that leave the folder', () => {
  assert.equal(insideFolder('/w', 'a/b', 'p'), '/w/a/b');
  assert.equal(insideFolder('/w', './', 'p'), '/w');
  assert.throws(() => insideFolder('/w', '../x', 'targetPath'), /targetPath "\.\.\/x" leaves its folder/);
  assert.throws(() => insideFolder('/w', '/etc', 'targetPath'), /must be relative/);
});
