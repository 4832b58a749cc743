// lib/parse's one rule for __proto__/constructor/prototype keys, at every entry point that reads
// JSON Backlot did not just build in memory: cache files, last good content, the portal's content
// reader and lint's --known. (Descriptors, $json/$yaml, definitions and config have theirs beside them.)
import { CONTENT_FORMAT_VERSION } from '../../lib/content/records.ts';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadHttpCache } from '../../collectors/github/http-cache.ts';
import { loadSnapshot } from '../../collectors/github/repository-store.ts';
import { readPreviousRecords } from '../../collectors/catalog/content-store.ts';
import { readCatalogContent } from '../../src/lib/catalog-content.ts';
import { readKnownRefs } from '../../cli/commands/lint.ts';
import { parseMatrixResponse } from '../../collectors/metrics/prometheus-client.ts';
import { readCollectReport } from '../../lib/publish/collect-report.ts';
import { parseTagCell } from '../../collectors/cost/formats.ts';
import { parseJsonReport } from '../../lib/reports/json-report.ts';
import { ReportError } from '../../lib/reports/problem.ts';
import { declaresDispatch } from '../../collectors/ci/github-actions.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'backlot-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const poisoned = (key: string, body: string) => body.replace('"POISON"', `"${key}": { "polluted": true }`);
const polluted = () => ({} as Record<string, unknown>).polluted !== undefined;

for (const key of ['__proto__', 'constructor', 'prototype']) {
  test(`a restored HTTP cache with a "${key}" key is refused whole: the run starts with an empty cache (${key})`, async () => {
    const file = path.join(dir, `http-${key}.json`);
    writeFileSync(file, poisoned(key, '{ "version": 1, "entries": { "/repos/o/r": { "etag": "W/1", "data": { "POISON", "x": 1 } } } }'));
    const cache = await loadHttpCache(file);
    assert.equal(cache.entries.size, 0);
    assert.equal(polluted(), false);
  });

  test(`a repository snapshot with a "${key}" key is not loaded (${key})`, async () => {
    const snapshots = path.join(dir, `snap-${key}`);
    mkdirSync(snapshots, { recursive: true });
    writeFileSync(path.join(snapshots, 'svc.json'), poisoned(key, '{ "name": "svc", "facts": { "POISON" }, "entities": [], "problems": [], "files": [] }'));
    assert.equal(await loadSnapshot(snapshots, 'svc'), undefined);
  });

  test(`last good records with a "${key}" key are not carried over, the others are (${key})`, async () => {
    const catalog = path.join(dir, `content-${key}`, 'catalog');
    mkdirSync(path.join(catalog, 'entities', 'default', 'component'), { recursive: true });
    writeFileSync(path.join(catalog, 'entities', 'default', 'component', 'bad.json'), poisoned(key, '{ "ref": "component:default/bad", "entity": { "metadata": { "POISON" } } }'));
    writeFileSync(path.join(catalog, 'entities', 'default', 'component', 'good.json'), '{ "ref": "component:default/good", "entity": {} }');
    assert.deepEqual([...(await readPreviousRecords(catalog)).keys()], ['component:default/good']);
  });

  test(`the portal refuses collected content with a "${key}" key, naming the file and line (${key})`, () => {
    const root = path.join(dir, `portal-${key}`);
    const entities = path.join(root, 'catalog', 'entities', 'default', 'component');
    mkdirSync(entities, { recursive: true });
    // Content of the current format, so the key check (not the format check) is what refuses it.
    writeFileSync(path.join(root, 'catalog', 'meta.json'), JSON.stringify({ formatVersion: CONTENT_FORMAT_VERSION }));
    writeFileSync(path.join(entities, 'a.json'), poisoned(key, '{\n  "ref": "component:default/a",\n  "entity": {\n    "POISON"\n  }\n}\n'));
    assert.throws(() => readCatalogContent(root), (e: Error) => e.message.includes(`a.json:4:5: The key "${key}"`) && e.message.includes('backlot collect'));
  });

  test(`a Prometheus snapshot with a "${key}" key is refused, saying so (${key})`, () => {
    const snapshot = poisoned(key, '{ "status": "success", "data": { "resultType": "matrix", "result": [{ "metric": { "POISON" }, "values": [] }] } }');
    assert.throws(() => parseMatrixResponse(snapshot), new RegExp(`The key "${key}"`));
  });

  test(`the collect report and a cost tag cell with a "${key}" key are not read (${key})`, async () => {
    const content = path.join(dir, `report-${key}`);
    mkdirSync(content, { recursive: true });
    writeFileSync(path.join(content, 'collect-report.json'), '{ "collectors": [] }');
    assert.deepEqual(await readCollectReport(content), { collectors: [] }, 'a clean report is read');
    writeFileSync(path.join(content, 'collect-report.json'), poisoned(key, '{ "collectors": [], "POISON" }'));
    assert.equal(await readCollectReport(content), undefined);
    assert.equal(parseTagCell('{ "team": "a" }')?.get('team'), 'a');
    assert.equal(parseTagCell(poisoned(key, '{ "team": "a", "POISON" }')), undefined);
  });

  test(`a JSON report (SARIF, coverage …) with a "${key}" key is a report error at the key's line (${key})`, () => {
    assert.equal((parseJsonReport('{ "runs": [] }').value as { runs: unknown[] }).runs.length, 0, 'a clean report is read');
    assert.throws(
      () => parseJsonReport(poisoned(key, '{\n  "runs": [\n    { "tool": { "POISON" } }\n  ]\n}')),
      (e: unknown) => e instanceof ReportError && e.line === 3 && e.message.includes(`"${key}"`),
    );
  });

  test(`a repository's workflow with a "${key}" key is not read as dispatchable (${key})`, () => {
    assert.equal(declaresDispatch('on: [workflow_dispatch]\njobs: {}\n'), true);
    assert.equal(declaresDispatch(`on: [workflow_dispatch]\njobs:\n  ${key}:\n    runs-on: x\n`), false);
  });

  test(`lint --known refuses a file with a "${key}" key, naming its line (${key})`, async () => {
    const file = path.join(dir, `known-${key}.json`);
    writeFileSync(file, poisoned(key, '{\n  "entities": [],\n  "POISON"\n}\n'));
    const result = await readKnownRefs(file);
    assert.ok('error' in result && result.error.includes(`:3:3: The key "${key}"`), JSON.stringify(result));
  });
}
