import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_FORMAT_VERSION, type EntityLinks, type EntityRecord } from '../../lib/content/records.ts';
import { entityPagePath } from '../../lib/content/paths.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(root, 'cli', 'backlot.ts');
const run = (args: string[]) => spawnSync(process.execPath, [cli, 'build', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });

function writeRecord(dir: string, kind: string, name: string, spec: Record<string, unknown>, relations: { type: string; targetRef: string }[], links: EntityLinks = {}) {
  const folder = path.join(dir, 'catalog', 'entities', 'default', kind);
  mkdirSync(folder, { recursive: true });
  const ref = `${kind}:default/${name}`;
  const record: EntityRecord = {
    ref, kind, namespace: 'default', name, title: name, path: entityPagePath(ref), links,
    entity: { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, description: `The ${name} ${kind}.` }, spec, relations },
    source: { file: `${name}/catalog-info.yaml`, line: 1, column: 1 }, problems: [], collectedAt: '2026-01-02T03:04:05.000Z',
  };
  writeFileSync(path.join(folder, `${name}.json`), JSON.stringify(record));
}

const meta = { formatVersion: CONTENT_FORMAT_VERSION, collectedAt: '2026-01-02T03:04:05.000Z', source: 'local', origin: 'test', entityCount: 2, countsByKind: {}, problemCounts: { error: 0, warning: 0 }, filesRead: 1, durationMs: 1 };

test('rejects an unknown option and a section without a component before rendering anything', () => {
  const badFlag = run(['--nope']);
  assert.equal(badFlag.status, 2);
  assert.match(badFlag.stderr, /Unknown option '--nope'/);
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'backlot-build-')), 'backlot.config.yaml');
  writeFileSync(config, 'sections:\n  - id: no-such-section\n');
  const badSection = run(['--config', config, '--out', path.join(tmpdir(), 'backlot-never-built')]);
  assert.equal(badSection.status, 2);
  assert.match(badSection.stderr, /no component for section\(s\) "no-such-section"/);
  assert.equal(existsSync(path.join(tmpdir(), 'backlot-never-built')), false);
});

test('renders entity pages, their JSON and catalog.json under the base path, with a search index', { timeout: 240_000 }, () => {
  const content = mkdtempSync(path.join(tmpdir(), 'backlot-build-content-'));
  const out = mkdtempSync(path.join(tmpdir(), 'backlot-build-out-'));
  writeRecord(content, 'group', 'team-a', { type: 'team' }, [{ type: 'ownerOf', targetRef: 'component:default/web' }]);
  writeRecord(content, 'component', 'web', { type: 'website', lifecycle: 'production', owner: 'team-a' }, [{ type: 'ownedBy', targetRef: 'group:default/team-a' }], {
    owner: { ref: 'group:default/team-a', kind: 'group', title: 'team-a', path: 'catalog/default/group/team-a/' },
  });
  writeFileSync(path.join(content, 'catalog', 'meta.json'), JSON.stringify(meta));
  const result = run(['--content-dir', content, '--out', out, '--base', '/portal/']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /render: \d+ pages/);
  assert.match(result.stderr, /search index: 2 entities and 2 pages indexed/);
  const page = readFileSync(path.join(out, 'catalog', 'default', 'component', 'web', 'index.html'), 'utf8');
  assert.match(page, /href="\/portal\/catalog\/default\/group\/team-a\/"/, 'the owner links to its page under the base');
  assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'pagefind', 'parts.json'), 'utf8')), { bundles: [], groupSize: 1 }, 'one entity per search page');
  const json = JSON.parse(readFileSync(path.join(out, 'catalog', 'default', 'component', 'web', 'entity.json'), 'utf8'));
  assert.equal(json.ref, 'component:default/web');
  const catalog = JSON.parse(readFileSync(path.join(out, 'api', 'catalog.json'), 'utf8'));
  assert.equal(catalog.generatedAt, '2026-01-02T03:04:05.000Z', 'generatedAt is the collection time, not the build clock');
  assert.deepEqual(catalog.entities.map((e: { ref: string }) => e.ref), ['component:default/web', 'group:default/team-a']);
  assert.ok(existsSync(path.join(out, 'pagefind', 'pagefind.js')));
});

test('hostile descriptor content is shown as text: no script, no event handler, no javascript: link reaches dist/', { timeout: 240_000 }, () => {
  const content = mkdtempSync(path.join(tmpdir(), 'backlot-build-hostile-'));
  const out = mkdtempSync(path.join(tmpdir(), 'backlot-build-hostile-out-'));
  const attack = '"><img src=x onerror=alert(1)><script>alert(1)</script>';
  const folder = path.join(content, 'catalog', 'entities', 'default', 'api');
  mkdirSync(folder, { recursive: true });
  const definition = `openapi: 3.0.3\ninfo:\n  title: '${attack.replace(/'/g, "''")}'\n  version: '1'\n  description: "[click](javascript:alert(1)) <script>alert(1)</script>"\npaths:\n  /x:\n    get:\n      summary: '${attack.replace(/'/g, "''")}'\n      responses:\n        '200':\n          description: ok\n`;
  const record = {
    ref: 'api:default/evil', kind: 'api', namespace: 'default', name: 'evil', title: attack, path: 'catalog/default/api/evil/',
    links: { owner: { ref: 'group:default/x', kind: 'group', title: attack } },
    entity: {
      apiVersion: 'backstage.io/v1alpha1', kind: 'API',
      metadata: {
        name: 'evil', title: attack, description: attack,
        links: [{ url: 'javascript:alert(1)', title: attack }, { url: 'https://example.com/ok', title: 'fine' }],
        annotations: { 'backstage.io/view-url': 'javascript:alert(1)', 'backstage.io/source-location': 'url:javascript:alert(1)', 'github.com/project-slug': '"><script>alert(1)</script>' },
      },
      spec: { type: 'openapi', lifecycle: 'production', owner: attack, definition },
      relations: [],
    },
    source: { file: 'evil/catalog-info.yaml', line: 1, column: 1, url: 'javascript:alert(1)' }, problems: [], collectedAt: '2026-01-02T03:04:05.000Z',
  };
  writeFileSync(path.join(folder, 'evil.json'), JSON.stringify(record));
  writeFileSync(path.join(content, 'catalog', 'meta.json'), JSON.stringify(meta));
  const result = run(['--content-dir', content, '--out', out, '--no-budgets']);
  assert.equal(result.status, 0, result.stderr);
  const pages = ['catalog/default/api/evil/index.html', 'catalog/index.html', 'index.html'].map((p) => readFileSync(path.join(out, p), 'utf8'));
  for (const html of pages) {
    // Inside a double-quoted attribute `<` is only text; what matters is the markup outside them.
    const markup = html.replace(/="[^"]*"/g, '=""');
    assert.doesNotMatch(markup, /<script>alert\(1\)<\/script>/, 'a script from the descriptor is never markup');
    assert.doesNotMatch(markup, /<img src=x/i, 'an injected element is never markup');
    assert.doesNotMatch(markup, /<[a-z][^>]*\sonerror\s*=/i, 'no injected event handler');
    assert.doesNotMatch(html, /href="\s*javascript:/i, 'no javascript: link');
  }
  assert.match(pages[0]!, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the text is still shown, escaped');
  assert.match(pages[0]!, /href="https:\/\/example\.com\/ok"/, 'a safe link stays');
});

test('the same content builds to the same bytes, and a failed build leaves the previous site untouched', { timeout: 300_000 }, async () => {
  const { fileDigests, diffDigests } = await import('../../src/build/tree-digest.ts');
  const content = mkdtempSync(path.join(tmpdir(), 'backlot-build-same-'));
  writeRecord(content, 'group', 'team-a', { type: 'team' }, [{ type: 'ownerOf', targetRef: 'component:default/web' }]);
  writeRecord(content, 'component', 'web', { type: 'website', lifecycle: 'production', owner: 'team-a' }, [{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
  writeFileSync(path.join(content, 'catalog', 'meta.json'), JSON.stringify(meta));
  const outs = [0, 1].map(() => path.join(mkdtempSync(path.join(tmpdir(), 'backlot-build-same-out-')), 'site'));
  for (const out of outs) assert.equal(run(['--content-dir', content, '--out', out, '--quiet']).status, 0);
  const [first, second] = outs.map(fileDigests);
  assert.ok(first.size > 10);
  assert.deepEqual(diffDigests(first, second), { added: [], removed: [], changed: [] }, 'two builds of one content differ');

  // A record that no longer parses makes the render fail: the live site must not change.
  writeFileSync(path.join(content, 'catalog', 'entities', 'default', 'component', 'web.json'), '{"ref": ');
  const failed = run(['--content-dir', content, '--out', outs[0]]);
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /render failed: .*web\.json.*is unchanged/s);
  assert.deepEqual(diffDigests(first, fileDigests(outs[0])), { added: [], removed: [], changed: [] }, 'a failed build changed the site');
  assert.equal(existsSync(`${outs[0]}.failed`), true, 'the failed build is kept to inspect');
  assert.equal(existsSync(`${outs[0]}.building`), false);
});
