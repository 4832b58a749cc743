import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from './logger.ts';

function capture() {
  let out = '';
  return { stream: { write: (s: string) => ((out += s), true) }, text: () => out };
}

test('every line the logger prints is single-line and cannot start a workflow command, whichever level', async () => {
  const sink = capture();
  const logger = createLogger({ stream: sink.stream });
  const hostile = 'catalog-info.yaml:3:9: name "x\n::add-mask::token\r\n::stop-commands::abc\u2028::error::forged"';
  logger.info(hostile);
  logger.warn(hostile);
  logger.error(hostile);
  logger.info('::error file=a::starts the message');
  await logger.time(`stage\n::error::x`, async () => 1, () => 'done\n::warning::y');
  const lines = sink.text().split('\n').filter(Boolean);
  assert.equal(lines.length, 5);
  for (const line of lines) assert.doesNotMatch(line, /^\s*::/, line);
  assert.match(lines[0], /name "x\\n::add-mask::token\\r\\n::stop-commands::abc\\u2028::error::forged"/);
});

test('secrets are still masked, before the line is escaped', () => {
  const sink = capture();
  createLogger({ stream: sink.stream, secrets: ['ghp_secret123'] }).error('token ghp_secret123\nleaked?');
  assert.equal(sink.text(), 'error: token ***\\nleaked?\n');
});
