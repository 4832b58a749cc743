import assert from 'node:assert/strict';
import { test } from 'node:test';
import { health } from './index.ts';

test('health says the service is ok', () => {
  assert.deepEqual(health(), { service: ${{ values.name | dump }}, status: 'ok' });
});
