// The docs benchmark's corpus is one both tools accept as it is: MkDocs (Debian's package) builds
// every page of it strictly, and the docs collector reads the same pages and nav.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeDocsCorpus, corpusPagePath } from './docs-corpus.ts';
import { collectLocalDocs, docsConfig } from '../collectors/docs/collector.ts';
import { renderDocsVersion } from '../lib/docs/render-site.ts';

test('a 60-page corpus: mkdocs build --strict passes, and Backlot reads 60 pages, the nav and no broken link', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'docs-corpus-'));
  try {
    await writeDocsCorpus(dir, 60);
    execFileSync('mkdocs', ['build', '--strict', '--quiet', '--site-dir', path.join(dir, 'site')], { cwd: dir, stdio: 'pipe' });
    assert.ok(existsSync(path.join(dir, 'site', corpusPagePath(59).replace(/\.md$/, ''), 'index.html')));
    const record = await collectLocalDocs({ ref: 'component:default/docs-corpus', repositoryRoot: dir, dir: '.', config: docsConfig({}), assets: { async write() {} }, collectedAt: 'now', descriptorFile: 'catalog-info.yaml' });
    const [version] = record.versions;
    assert.equal(version.pages.length, 60);
    assert.deepEqual(version.problems, []);
    assert.equal(version.nav.length, 1 + 1, 'Home and one area for 59 pages');
    const rendered = await renderDocsVersion(record, version, { base: '/' });
    assert.deepEqual(rendered.problems, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
