import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_METRIC_QUERIES } from './config.ts';
import { fillTemplate, queriesForEntity } from './queries.ts';

const entity = (name: string, annotations: Record<string, string> = {}, kind = 'Component') => ({ kind, namespace: 'default', name, annotations });
const config = { kinds: ['component'], queries: DEFAULT_METRIC_QUERIES, url: 'http://127.0.0.1:9090' };

test('a value put into a template is a PromQL string, never PromQL syntax', () => {
  const hostile = 'x"} or vector(1) or {a="\\';
  assert.equal(
    fillTemplate('up{service="{{name}}"}', { name: hostile, namespace: 'default', kind: 'component' }),
    'up{service="x\\"} or vector(1) or {a=\\"\\\\"}',
  );
});

test('templates apply to the configured kinds, with the service-name annotation in place of the name', () => {
  assert.equal(queriesForEntity(entity('web'), config).length, 4);
  assert.equal(queriesForEntity(entity('db', {}, 'Resource'), config).length, 0);
  const renamed = queriesForEntity(entity('web', { 'backlot.dev/prometheus-service': 'web-frontend' }), config);
  assert.match(renamed[0]!.query, /service="web-frontend"/);
  assert.equal(queriesForEntity(entity('web'), { ...config, url: undefined }).length, 0);
});

test("Backstage's prometheus.io/rule annotation gives one chart per rule", () => {
  const queries = queriesForEntity(entity('db', { 'prometheus.io/rule': 'memUsage|component, node_load1|instance' }, 'Resource'), config);
  assert.deepEqual(queries.map((q) => [q.id, q.query, q.from]), [
    ['rule-1', 'memUsage', 'prometheus.io/rule'],
    ['rule-2', 'node_load1', 'prometheus.io/rule'],
  ]);
});
