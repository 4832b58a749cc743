import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../config/load.ts';
import { DEFAULT_MAX_REPORT_BYTES } from '../reports/size-limit.ts';
import { signalsSettings } from './config.ts';

test('without a signals block every setting has its default', () => {
  assert.deepEqual(signalsSettings(parseConfig('')), { exportsDir: 'examples/exports', maxReportBytes: DEFAULT_MAX_REPORT_BYTES, staleDeploymentDays: 30, coverageTrendLength: 10 });
});

test('signals settings are read from backlot.config.yaml, and a mistyped key is named with its line', () => {
  assert.equal(signalsSettings(parseConfig('signals:\n  staleDeploymentDays: 14\n')).staleDeploymentDays, 14);
  assert.throws(() => parseConfig('title: x\nsignals:\n  staleDeploymentDay: 14\n'), /backlot\.config\.yaml:3:3: signals has an unknown key "staleDeploymentDay"/);
  assert.throws(() => parseConfig('signals:\n  maxReportBytes: 10\n'), /signals\.maxReportBytes must be >= 1024/);
});
