import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseConfig } from './load.ts';
import { CONFIG_DEFAULTS, GITHUB_DEFAULTS } from './schema.ts';

test('an empty file is a working config: every default applies', () => {
  const config = parseConfig('');
  assert.equal(config.title, CONFIG_DEFAULTS.title);
  assert.equal(config.base, '/');
  assert.equal(config.source, 'local');
  assert.deepEqual(config.catalog.locations, ['examples/catalog-info.yaml']);
  assert.deepEqual(config.collectors, ['catalog', 'docs', 'ci', 'test-reports', 'deployments', 'security', 'metrics', 'cost']);
});

test('a missing backlot.config.yaml means defaults, not an error', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-config-'));
  try {
    const config = await loadConfig(dir);
    assert.equal(config.source, 'local');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing file named explicitly with --config is an error naming it', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-config-'));
  try {
    await assert.rejects(loadConfig(dir, 'nope.yaml'), (e: Error) => e instanceof ConfigError && /nope\.yaml/.test(e.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('github settings get their defaults, and base always ends with a slash', () => {
  const config = parseConfig('source: github\nbase: /portal\ngithub:\n  org: acme\n  exclude: ["sandbox-*"]\n');
  assert.equal(config.base, '/portal/');
  assert.equal(config.github?.org, 'acme');
  assert.deepEqual(config.github?.exclude, ['sandbox-*']);
  assert.equal(config.github?.concurrency, GITHUB_DEFAULTS.concurrency);
  assert.equal(config.github?.archived, false);
});

test('an unknown key is reported with its line and name', () => {
  assert.throws(
    () => parseConfig('title: Acme\ncatalog:\n  locatoins: [x]\n', 'backlot.config.yaml'),
    (e: Error) => e instanceof ConfigError && /backlot\.config\.yaml:3:3: catalog has an unknown key "locatoins"/.test(e.message),
  );
});

test('a wrong value says what was expected', () => {
  assert.throws(
    () => parseConfig('source: gitlab\n'),
    (e: Error) => /source must be one of "local", "github"/.test(e.message) && /:1:9:/.test(e.message),
  );
  assert.throws(() => parseConfig('base: portal\n'), (e: Error) => /base must match pattern/.test(e.message) && /a path that starts with \//.test(e.message));
});

test('source github without a github section tells what to add', () => {
  assert.throws(() => parseConfig('source: github\n'), (e: Error) => /github\.org/.test(e.message));
});

test('malformed YAML is reported with line and column', () => {
  assert.throws(() => parseConfig('title: [unclosed\n'), (e: Error) => e instanceof ConfigError && /Invalid YAML in backlot\.config\.yaml:\n  backlot\.config\.yaml:\d+:\d+:/.test(e.message));
});

test('section kinds are compared lower-case', () => {
  const config = parseConfig('sections:\n  - id: api-definition\n    kinds: [API]\n');
  assert.deepEqual(config.sections, [{ id: 'api-definition', kinds: ['api'] }]);
});

// The file itself is read from disk like a user's: write one and load it.
test('loadConfig reads the file from the project root', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-config-'));
  try {
    await writeFile(path.join(dir, 'backlot.config.yaml'), 'title: Acme portal\n');
    assert.equal((await loadConfig(dir)).title, 'Acme portal');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a config error names the file it came from, also with --config', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-config-'));
  try {
    await writeFile(path.join(dir, 'other.yaml'), 'source: github\n');
    await assert.rejects(loadConfig(dir, 'other.yaml'), /^ConfigError: other\.yaml: source is "github" but there is no github section/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a mistake in a file given with --config is reported under that file name', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-config-'));
  try {
    await writeFile(path.join(dir, 'other.yaml'), 'title: Acme\nsource: gitlab\n');
    await assert.rejects(loadConfig(dir, 'other.yaml'), (e: Error) => /other\.yaml:2:9: source must be one of/.test(e.message) && !/backlot\.config\.yaml/.test(e.message));
    await writeFile(path.join(dir, 'other.yaml'), 'source: github\n');
    await assert.rejects(loadConfig(dir, 'other.yaml'), (e: Error) => /^other\.yaml: source is "github"/.test(e.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the exports folder defaults to the example organisation\'s and can be set', () => {
  assert.equal(parseConfig('').exports.dir, 'examples/exports');
  assert.equal(parseConfig('exports:\n  dir: ci-exports\n').exports.dir, 'ci-exports');
  assert.throws(() => parseConfig('exports:\n  folder: x\n'), (e: Error) => /exports has an unknown key "folder"/.test(e.message));
});

test('the docs block (collectors/docs/config.ts) gets its defaults, and a wrong value names its line', () => {
  assert.deepEqual(parseConfig('').docs, { versions: { tags: 'v*', last: 3 }, iframeHosts: [], imageHosts: [] });
  assert.deepEqual(parseConfig('docs:\n  versions: { last: 1 }\n').docs.versions, { tags: 'v*', last: 1 });
  assert.throws(() => parseConfig('docs:\n  versions:\n    last: 99\n', 'backlot.config.yaml'), (e: Error) => /backlot\.config\.yaml:3:11: docs\.versions\.last must be <= 20/.test(e.message));
  assert.throws(() => parseConfig('docs:\n  iframehosts: [x]\n', 'backlot.config.yaml'), (e: Error) => /docs has an unknown key "iframehosts"/.test(e.message));
});

test('catalog.danglingReferences is error unless set, and only error, warning or off', () => {
  assert.equal(parseConfig('').catalog.danglingReferences, 'error');
  assert.equal(parseConfig('catalog:\n  danglingReferences: off\n').catalog.danglingReferences, 'off');
  assert.throws(() => parseConfig('catalog:\n  danglingReferences: ignore\n'), (e: Error) => /catalog\.danglingReferences must be one of "error", "warning", "off"/.test(e.message));
});
