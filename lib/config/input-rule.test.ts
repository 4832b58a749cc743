// backlot.config.yaml under lib/parse's one rule for input data (kept apart from load.test.ts, which
// follows the schema).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from './load.ts';

for (const key of ['__proto__', 'constructor', 'prototype']) {
  test(`refuses a "${key}" key anywhere in the config, naming its line`, () => {
    const text = `title: Portal\ncatalog:\n  locations: [examples/catalog-info.yaml]\n  ${key}:\n    polluted: true\n`;
    assert.throws(() => parseConfig(text), (e: unknown) => e instanceof ConfigError && /backlot\.config\.yaml:5:5: The key "/.test(e.message) && e.message.includes(`catalog.${key}`));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
}
