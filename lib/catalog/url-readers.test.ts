import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readEntities } from './read.ts';
import { withUrlReaders } from './url-readers.ts';
import type { UrlReader } from './types.ts';
import { createLocalSource, fileLocation } from '../../collectors/local/source.ts';
import { writeTree, component } from './__fixtures__/tree.ts';

const trees: { remove: () => void }[] = [];
after(() => trees.forEach((t) => t.remove()));

/** A reader over an in-memory site: what the GitHub source or the allow-listed HTTP reader do over the network. */
function siteReader(host: string, files: Record<string, string>): UrlReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    handles: (url) => url.host === host,
    async read(url, { maxBytes }) {
      reads.push(url.href);
      const text = files[url.pathname];
      if (text !== undefined && Buffer.byteLength(text) > maxBytes) throw new Error(`over ${maxBytes} bytes`);
      return text ?? null;
    },
  };
}

async function read(files: Record<string, string>, readers: UrlReader[], maxBytes?: number) {
  const tree = writeTree(files);
  trees.push(tree);
  const source = withUrlReaders(createLocalSource(tree.root), readers, { maxBytes });
  return readEntities([fileLocation(tree.path('catalog-info.yaml'))], source, { maxFileBytes: maxBytes });
}

const locationTo = (target: string) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Location', 'metadata:', '  name: root', 'spec:', '  type: url', `  target: ${target}`].join('\n') + '\n';

test('a $text URL on a host a reader handles is read through that reader', async () => {
  const reader = siteReader('specs.example.com', { '/a/openapi.yaml': 'openapi: 3.0.0\n' });
  const r = await read({ 'catalog-info.yaml': component('a', ['definition:', '  $text: https://specs.example.com/a/openapi.yaml']) }, [reader]);
  assert.deepEqual(r.problems, []);
  assert.equal(r.entities[0].entity.spec?.definition, 'openapi: 3.0.0\n');
  assert.deepEqual(reader.reads, ['https://specs.example.com/a/openapi.yaml']);
});

test('a Location target URL is read through its reader, and relative targets inside it resolve against its URL', async () => {
  const reader = siteReader('cat.example.com', {
    '/org/all.yaml': locationTo('./teams/a.yaml').replace('name: root', 'name: remote'),
    '/org/teams/a.yaml': component('a', ['definition:', '  $text: ../specs/a.txt']),
    '/org/specs/a.txt': 'hello',
  });
  const r = await read({ 'catalog-info.yaml': locationTo('https://cat.example.com/org/all.yaml') }, [reader]);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.entities.map((e) => e.ref).sort(), ['component:default/a', 'location:default/remote', 'location:default/root']);
  assert.equal(r.entities.find((e) => e.ref === 'component:default/a')?.entity.spec?.definition, 'hello');
  assert.deepEqual(reader.reads, ['https://cat.example.com/org/all.yaml', 'https://cat.example.com/org/teams/a.yaml', 'https://cat.example.com/org/specs/a.txt']);
});

test('the first reader that handles a URL reads it; a URL none handles is a "not fetched" warning, never read', async () => {
  const first = siteReader('specs.example.com', { '/x': 'first' });
  const second = siteReader('specs.example.com', { '/x': 'second' });
  const r = await read({ 'catalog-info.yaml': component('a', ['definition:', '  $text: https://specs.example.com/x', 'other:', '  $text: https://elsewhere.example.org/y']) }, [first, second]);
  assert.equal(r.entities[0].entity.spec?.definition, 'first');
  assert.deepEqual(second.reads, []);
  assert.deepEqual(r.problems.map((p) => [p.rule, p.severity, p.line]), [['placeholder-not-fetched', 'warning', 12]]);
  assert.match(r.problems[0].message, /elsewhere\.example\.org is not a host this run reads/);
});

test('a reader\'s failure is one problem at the field; "no network" (notFetched) is a warning', async () => {
  const failing: UrlReader = { handles: () => true, read: async () => { throw new Error('refused: 127.0.0.1 is a loopback address'); } };
  const r = await read({ 'catalog-info.yaml': component('a', ['definition:', '  $text: https://specs.example.com/x']) }, [failing]);
  assert.deepEqual(r.problems.map((p) => [p.rule, p.severity]), [['placeholder-unreadable', 'error']]);
  assert.match(r.problems[0].message, /loopback/);
  const offline: UrlReader = { handles: () => true, read: async () => { throw Object.assign(new Error('no network (ENOTFOUND)'), { notFetched: true }); } };
  const o = await read({ 'catalog-info.yaml': component('a', ['definition:', '  $text: https://specs.example.com/x']) }, [offline]);
  assert.deepEqual(o.problems.map((p) => [p.rule, p.severity]), [['placeholder-not-fetched', 'warning']]);
  assert.equal(o.entities.length, 1);
});

test('the reader is told the size cap, and a relative target of a local file stays a local file', async () => {
  const reader = siteReader('specs.example.com', { '/big': 'x'.repeat(3000) });
  const r = await read({ 'catalog-info.yaml': component('a', ['definition:', '  $text: https://specs.example.com/big', 'local:', '  $text: ./local.txt']), 'local.txt': 'near' }, [reader], 2000);
  assert.deepEqual(r.problems.map((p) => p.rule), ['placeholder-unreadable']);
  assert.match(r.problems[0].message, /over 2000 bytes/);
  assert.equal(r.entities[0].entity.spec?.local, 'near');
});
