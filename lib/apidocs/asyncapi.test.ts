// AsyncAPI 2 and 3 view models, from fixtures written for these tests (lib/apidocs/fixtures/).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAsyncApiView } from './asyncapi.ts';
import { parseDefinitionText } from './parseDefinitionText.ts';
import type { AsyncApiView } from './types.ts';

function asyncApiView(fixture: string): AsyncApiView {
  const parsed = parseDefinitionText(readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url), 'utf8'));
  assert.ok(parsed.ok);
  const view = buildAsyncApiView(parsed.document);
  assert.equal(view.kind, 'asyncapi');
  return view as AsyncApiView;
}

test('AsyncAPI 2: lists channels with their publish/subscribe operations and $ref messages resolved', () => {
  const view = asyncApiView('streetlights-asyncapi-2.yaml');
  assert.equal(view.specVersion, '2.6.0');
  assert.equal(view.info.title, 'Streetlights API');
  assert.deepEqual(view.servers.map((s) => [s.name, s.url, s.protocol]), [['production', 'mqtt.example.com:{port}', 'mqtt']]);
  assert.equal(view.channels.length, 2);
  const measured = view.channels[0];
  assert.equal(measured.address, 'smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured');
  assert.deepEqual(measured.operations.map((o) => [o.action, o.operationId]), [['subscribe', 'receiveLightMeasurement']]);
  const message = measured.operations[0].messages[0];
  assert.equal(message.name, 'lightMeasured');
  assert.equal(message.contentType, 'application/json');
  assert.deepEqual(message.payload?.children.map((c) => [c.name, c.type]), [
    ['lumens', 'integer'],
    ['sentAt', 'string (date-time)'],
  ]);
  assert.deepEqual(measured.parameters.map((p) => [p.name, p.type]), [['streetlightId', 'string']]);
});

test('AsyncAPI 2: an operation with `oneOf` messages lists each message, $ref or inline', () => {
  const turnOn = asyncApiView('streetlights-asyncapi-2.yaml').channels[1];
  assert.deepEqual(turnOn.operations[0].messages.map((m) => m.name), ['turnOnOff', 'dimLight']);
  assert.deepEqual(turnOn.operations[0].messages[0].payload?.children[0].enumValues, ['"on"', '"off"']);
  assert.equal(turnOn.parameters[0].description.length > 0, true, 'a $ref parameter is resolved');
});

test('AsyncAPI 3: puts send/receive operations under the channel they point at, with their messages', () => {
  const view = asyncApiView('streetlights-asyncapi-3.yaml');
  assert.equal(view.specVersion, '3.0.0');
  assert.deepEqual(view.servers.map((s) => [s.url, s.protocol]), [['broker.example.com:8883', 'mqtt']]);
  const [measured, turnOn] = view.channels;
  assert.equal(measured.name, 'lightingMeasured');
  assert.equal(measured.address, 'smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured');
  assert.deepEqual(measured.operations.map((o) => [o.action, o.operationId]), [['receive', 'receiveLightMeasurement']]);
  assert.equal(measured.operations[0].messages[0].name, 'lightMeasured');
  assert.deepEqual(measured.operations[0].messages[0].payload?.children.map((c) => c.name), ['lumens']);
  assert.deepEqual(turnOn.operations.map((o) => o.action), ['send']);
});

test('AsyncAPI 3: reads a multi-format payload `{ schemaFormat, schema }` as its schema', () => {
  const turnOn = asyncApiView('streetlights-asyncapi-3.yaml').channels[1];
  const payload = turnOn.operations[0].messages[0].payload;
  assert.deepEqual(payload?.children.map((c) => c.name), ['command']);
});

test('AsyncAPI 3: lists a channel message that no operation uses apart', () => {
  const turnOn = asyncApiView('streetlights-asyncapi-3.yaml').channels[1];
  assert.deepEqual(turnOn.messages.map((m) => m.name), ['unused']);
});

test('names a non-JSON-Schema payload format (Avro) instead of misreading it as a schema', () => {
  const view = buildAsyncApiView({
    asyncapi: '3.0.0',
    info: { title: 'Avro', version: '1' },
    channels: { users: { address: 'users', messages: { created: { payload: { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: { type: 'record', name: 'User', fields: [] } } } } } },
  }) as AsyncApiView;
  const payload = view.channels[0].messages[0].payload;
  assert.equal(payload?.type, 'application/vnd.apache.avro;version=1.9.0');
  assert.equal(payload?.children.length, 0);
});

test('warns about an operation that points at a channel the document does not define', () => {
  const view = buildAsyncApiView({ asyncapi: '3.0.0', info: { title: 't', version: '1' }, channels: {}, operations: { lost: { action: 'send', channel: { $ref: '#/channels/missing' } } } });
  assert.equal(view.kind, 'asyncapi');
  assert.match(view.notices.map((n) => n.message).join('\n'), /lost.*#\/channels\/missing/);
});

test('a document without `asyncapi`, or of another major version, gives a raw view with why', () => {
  assert.equal(buildAsyncApiView({ openapi: '3.0.0' }).kind, 'raw');
  const v1 = buildAsyncApiView({ asyncapi: '1.2.0' });
  assert.equal(v1.kind, 'raw');
  assert.match(v1.notices[0].message, /1\.2\.0/);
});
