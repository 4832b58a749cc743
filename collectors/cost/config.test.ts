import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../lib/config/load.ts';
import { COST_DEFAULTS, costConfigWithDefaults } from './config.ts';

test('a cost block is validated with the key, the line and what was expected', () => {
  assert.throws(
    () => parseConfig('cost:\n  measure: amortised\n  allocationTags:\n    - key: team\n'),
    (error: Error) =>
      /backlot\.config\.yaml:2:12: cost\.measure must be one of "billed", "effective"/.test(error.message) &&
      /backlot\.config\.yaml:4:7: cost\.allocationTags\.0 must have required property 'kind'/.test(error.message),
  );
});

test("no cost block means the defaults: the example's exports, BilledCost, component and team tags", () => {
  const config = parseConfig('title: x\n');
  assert.deepEqual(costConfigWithDefaults(config.cost), COST_DEFAULTS);
  const custom = parseConfig('cost:\n  exports: [billing/]\n  allocationTags: [{ key: app, kind: component }]\n');
  assert.deepEqual(costConfigWithDefaults(custom.cost), { ...COST_DEFAULTS, exports: ['billing/'], allocationTags: [{ key: 'app', kind: 'component' }] });
});
