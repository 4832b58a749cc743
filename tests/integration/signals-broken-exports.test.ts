// Broken exports next to good ones, collected as `backlot collect` does for a local catalog: each
// broken file is reported with file and position (or its size) and skipped; the rest still collect.
import { createCollectorContext } from '../../collectors/context.ts';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONFIG_DEFAULTS } from '../../lib/config/schema.ts';
import { createLogger } from '../../lib/log/logger.ts';
import { resolveCollector } from '../../collectors/registry.ts';
import type { CollectorReport } from '../../collectors/types.ts';

const root = path.resolve(import.meta.dirname, '../..');
const examples = path.join(root, 'examples/exports');

describe('broken exports are reported with their position and skipped; the rest collect', { timeout: 120_000 }, () => {
  let dir: string;
  const output: string[] = [];
  const reports: Record<string, CollectorReport> = {};
  const envelope = async (collector: string, name: string) => JSON.parse(await readFile(path.join(dir, 'content', collector, 'entities/default/component', `${name}.json`), 'utf8'));

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'backlot-broken-exports-'));
    const exportsDir = path.join(dir, 'exports');
    await cp(examples, exportsDir, { recursive: true });
    const ship = path.join(exportsDir, 'shipment-service');
    // tests: a JUnit file cut in half beside the good lcov; security: SARIF without runs, an unknown severity, a 200 MB file.
    const junit = await readFile(path.join(ship, 'tests/junit.xml'), 'utf8');
    await writeFile(path.join(ship, 'tests/junit.xml'), junit.slice(0, Math.floor(junit.length / 2)));
    await writeFile(path.join(ship, 'security/empty.sarif'), '{\n  "version": "2.1.0",\n  "runs": []\n}\n');
    const trivy = JSON.parse(await readFile(path.join(ship, 'security/trivy-image.json'), 'utf8'));
    trivy.Results[0].Vulnerabilities[0].Severity = 'APOCALYPTIC';
    await writeFile(path.join(ship, 'security/trivy-image.json'), JSON.stringify(trivy, null, 2));
    const huge = await open(path.join(ship, 'security/huge.sarif'), 'w');
    await huge.write('{"version":"2.1.0","runs":[');
    await huge.truncate(200 * 1024 * 1024);
    await huge.close();
    await writeFile(path.join(exportsDir, 'kubernetes/broken.json'), '{"apiVersion":"v1","kind":"List","items":[');

    const config = { ...structuredClone(CONFIG_DEFAULTS), exports: { dir: exportsDir } } as typeof CONFIG_DEFAULTS;
    const logger = createLogger({ stream: { write: (s: string) => (output.push(s), true), isTTY: false } });
    for (const name of ['catalog', 'ci', 'test-reports', 'deployments', 'security']) {
      const collector = await resolveCollector(name, root);
      const context = createCollectorContext({ config, root, contentDir: path.join(dir, 'content'), cacheRoot: path.join(dir, 'cache'), logger, now: new Date('2026-11-30T12:00:00Z'), env: {} }, name);
      await mkdir(context.outDir, { recursive: true });
      reports[name] = await collector.collect(context);
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('a truncated JUnit file: reported at its line and column; the coverage beside it still shows', async () => {
    const tests = await envelope('test-reports', 'shipment-service');
    assert.equal(tests.data.tests, undefined);
    assert.ok(tests.data.coverage.percent > 0);
    assert.ok(tests.notes.some((n: string) => /shipment-service\/tests\/junit\.xml:\d+:\d+: malformed XML/.test(n)), tests.notes.join('\n'));
    assert.ok(output.some((l) => l.includes('junit.xml') && l.includes('malformed XML')));
  });

  it('SARIF with no runs, an unknown severity and a 200 MB file: each named; ESLint and the other Trivy findings still count', async () => {
    const security = await envelope('security', 'shipment-service');
    const notes = security.notes.join('\n');
    assert.match(notes, /empty\.sarif:3:\d+: is SARIF without runs/);
    assert.match(notes, /trivy-image\.json:\d+:\d+: unknown severity "APOCALYPTIC" for CVE-2019-1549/);
    assert.match(notes, /huge\.sarif: is 200 MB, over the 32 MB limit/);
    assert.equal(security.data.counts.medium, 4, 'three Trivy mediums and ESLint\'s warning');
    assert.equal(security.data.counts.high, 1, "ESLint's error");
    assert.ok(security.data.sources.some((s: { available: boolean; name: string }) => !s.available && s.name.endsWith('huge.sarif')));
  });

  it('a truncated Kubernetes export is reported; the workloads of the good ones still match', async () => {
    const deployments = await envelope('deployments', 'shipment-service');
    assert.equal(deployments.data.workloads[0].name, 'shipment-service');
    assert.ok(output.some((l) => /kubernetes\/broken\.json:1:\d+: the JSON ends too early/.test(l)), output.join(''));
    assert.equal(reports.deployments!.partial, false, 'a bad export is a reported problem, not a failed collection');
  });
});
