import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PrometheusClient, parseMatrixResponse } from './prometheus-client.ts';
import { freePort, startPrometheus, type PrometheusServer } from './testing/prometheus-server.ts';

// A real Prometheus scraping itself every second: live data, no fixture.
let prometheus: PrometheusServer;
before(async () => {
  prometheus = await startPrometheus({ selfScrape: true });
});
after(async () => prometheus?.stop());

async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('no data in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('an instant query reads the self-scrape: up is 1 for the prometheus job', async () => {
  const client = new PrometheusClient({ url: prometheus.url });
  const sample = await eventually(async () => (await client.query('up{job="prometheus"}'))[0]);
  assert.equal(sample.metric.job, 'prometheus');
  assert.equal(sample.value[1], '1');
  const scalar = await client.query('scalar(vector(42))');
  assert.deepEqual(scalar[0]!.value[1], '42');
});

test('a range query returns a matrix in the format snapshots are saved in', async () => {
  const client = new PrometheusClient({ url: `${prometheus.url}/` });
  const end = Math.floor(Date.now() / 1000);
  const series = await eventually(async () => {
    const result = await client.queryRange('up{job="prometheus"}', end - 60, end + 5, 1);
    return result[0] && result[0].values.length >= 2 ? result : undefined;
  });
  assert.equal(series[0]!.metric.__name__, 'up');
  const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } });
  assert.deepEqual(parseMatrixResponse(text), series);
  assert.ok(client.requests >= 1);
});

test('credentials in the URL are sent as a Basic header, never in the request URL', async () => {
  const client = new PrometheusClient({ url: `${prometheus.url.replace('http://', 'http://reader:p%40ss@')}` });
  const sample = await eventually(async () => (await client.query('up{job="prometheus"}'))[0]);
  assert.equal(sample.value[1], '1');
  const seen: { url: string; authorization: string | null }[] = [];
  const recording = new PrometheusClient({
    url: 'https://reader:p%40ss@prometheus.example.com/prom/',
    fetch: async (input, init) => {
      seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    },
  });
  await recording.query('up');
  assert.deepEqual(seen, [{ url: 'https://prometheus.example.com/prom/api/v1/query?query=up', authorization: `Basic ${Buffer.from('reader:p@ss').toString('base64')}` }]);
});

test("errors say what Prometheus said, or that it cannot be reached", async () => {
  const client = new PrometheusClient({ url: prometheus.url });
  await assert.rejects(client.query('sum(rate('), /answered 400: bad_data: invalid parameter "query": .*parse error/);
  await assert.rejects(client.queryRange('up', 10, 5, 1), /answered 400: bad_data: .*end timestamp must not be before start time/);
  const closed = await freePort();
  const nowhere = new PrometheusClient({ url: `http://127.0.0.1:${closed}`, timeoutMs: 2000 });
  await assert.rejects(nowhere.query('up'), new RegExp(`cannot reach http://127\\.0\\.0\\.1:${closed} \\(connect ECONNREFUSED`));
  const withCredentials = new PrometheusClient({ url: `http://reader:s3cret-pass@127.0.0.1:${closed}`, timeoutMs: 2000 });
  await assert.rejects(withCredentials.query('up'), (error: Error) => !error.message.includes('s3cret') && error.message.startsWith(`cannot reach http://127.0.0.1:${closed} (connect ECONNREFUSED`));
  assert.throws(() => parseMatrixResponse('{"status":"error","error":"boom"}'), /has status "error": boom/);
  assert.throws(() => parseMatrixResponse('<html>'), /is not JSON/);
});
