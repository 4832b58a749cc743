import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../lib/config/load.ts';

test('a cost block is validated with the key, the line and what was expected', () => {
  assert.throws(
    () => parseConfig('cost:\n  measure: amortised\n  allocationTags:\n    - key: team\n'),
    (error: Error) => /backlot\.config\.yaml:2:\d+: cost\.measure/.test(error.message) && /backlot\.config\.yaml:4:\d+: cost\.allocationTags\.0 .*kind/.test(error.message),
  );
});

test("no cost block means the defaults: the shared exports folder, BilledCost, component, resource and team tags", () => {
  const config = parseConfig('title: x\n');
  assert.deepEqual(config.cost, {
    exports: [],
    measure: 'billed',
    allocationTags: [
      { key: 'backstage.io/component', kind: 'component' },
      { key: 'backstage.io/resource', kind: 'resource' },
      { key: 'team', kind: 'group' },
    ],
  });
  const custom = parseConfig('cost:\n  exports: [billing/]\n  allocationTags: [{ key: app, kind: component }]\n');
  assert.deepEqual(custom.cost.exports, ['billing/']);
  assert.deepEqual(custom.cost.allocationTags, [{ key: 'app', kind: 'component' }]);
  assert.equal(custom.cost.measure, 'billed');
});
