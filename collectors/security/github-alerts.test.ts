import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGithubClient } from '../github/client.ts';
import { loadHttpCache, saveHttpCache } from '../github/http-cache.ts';
import { startGithubStandIn, type GithubStandIn } from '../github/testing/github-stand-in.ts';
import { signalsRecordings } from '../github/testing/routes/signals-recordings.ts';
import { readGithubAlerts } from './github-alerts.ts';

describe('GitHub security alerts from the stand-in', () => {
  let standIn: GithubStandIn;
  before(async () => {
    standIn = await startGithubStandIn({
      org: 'acme',
      repositories: [
        {
          name: 'open-book',
          extra: {
            securityAlerts: {
              dependabot: [
                { number: 1, state: 'open', severity: 'critical', createdAt: '2026-10-01T00:00:00Z', subject: 'lodash' },
                { number: 2, state: 'open', severity: 'medium', createdAt: '2026-11-01T00:00:00Z', subject: 'yaml' },
                { number: 3, state: 'fixed', severity: 'high', createdAt: '2026-09-01T00:00:00Z', subject: 'minimist' },
              ],
              codeScanning: [{ number: 7, state: 'open', severity: 'high', createdAt: '2026-11-20T00:00:00Z', subject: 'js/zipslip' }],
              secretScanning: [{ number: 4, state: 'open', severity: 'high', createdAt: '2026-11-02T00:00:00Z', subject: 'adafruit_io_key' }],
            },
          },
        },
        { name: 'locked', extra: { securityAlerts: { dependabot: 'forbidden', codeScanning: 'forbidden', secretScanning: 'not-found' } } },
      ],
    });
  });
  after(() => standIn.close());

  it('open Dependabot and code-scanning alerts become findings by severity, with links; secret scanning only a count', async () => {
    const { octokit } = createGithubClient({ baseUrl: standIn.baseUrl, retries: 0, timeoutMs: 2000, log: { warn() {}, info() {} } });
    const cache = await loadHttpCache('/nonexistent');
    const alerts = await readGithubAlerts(octokit, cache, 'acme', 'open-book');
    assert.ok(alerts.dependabot.available);
    assert.deepEqual(alerts.dependabot.findings.map((f) => [f.severity, f.package]).sort(), [['critical', 'lodash'], ['medium', 'yaml']]);
    assert.match(alerts.dependabot.findings[0]!.url ?? '', /\/acme\/open-book\/security\/dependabot\/\d$/);
    assert.ok(alerts.codeScanning.available);
    assert.equal(alerts.codeScanning.findings[0]!.severity, 'high');
    assert.deepEqual(alerts.secretScanning, { available: true, open: 1, oldestAt: '2026-11-02T00:00:00Z' });

    // The recorded secret-scanning example carries a secret value: it must reach neither the result nor the cache.
    const secret = String(signalsRecordings.secretScanningAlerts[0]!.secret);
    assert.ok(secret.length > 4);
    const dir = await mkdtemp(path.join(tmpdir(), 'alerts-'));
    await saveHttpCache(path.join(dir, 'cache.json'), cache, () => true);
    assert.equal((await readFile(path.join(dir, 'cache.json'), 'utf8')).includes(secret), false);
    assert.equal(JSON.stringify(alerts).includes(secret), false);
  });

  it('403 and 404 are "not available" with the reason, never zero', async () => {
    const { octokit } = createGithubClient({ baseUrl: standIn.baseUrl, retries: 0, timeoutMs: 2000, log: { warn() {}, info() {} } });
    const alerts = await readGithubAlerts(octokit, await loadHttpCache('/nonexistent'), 'acme', 'locked');
    assert.equal(alerts.dependabot.available, false);
    assert.match(!alerts.dependabot.available ? alerts.dependabot.reason : '', /403/);
    assert.equal(alerts.codeScanning.available, false);
    assert.equal(alerts.secretScanning.available, false);
    assert.match(!alerts.secretScanning.available ? alerts.secretScanning.reason : '', /404/);
  });
});
