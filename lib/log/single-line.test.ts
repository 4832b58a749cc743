import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toLogLine } from './single-line.ts';

// Each is a way input could end a log line and start a workflow command on the next one.
const BREAKS = ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029'];
const COMMANDS = ['::error file=x.yaml::fake', '::add-mask::secret', '::stop-commands::token', '##[set-output name=x]y', '::warning::w'];

test('no line break survives, so nothing after it can start a line', () => {
  for (const br of BREAKS) {
    for (const command of COMMANDS) {
      const line = toLogLine(`name: svc${br}${command}`);
      assert.doesNotMatch(line, /[\n\r\u0085\u2028\u2029]/, JSON.stringify(br));
      assert.ok(line.startsWith('name: svc'));
    }
  }
});

test('input that is itself a whole line cannot be a workflow command', () => {
  for (const command of COMMANDS) {
    for (const lead of ['', '  ', '\t']) assert.doesNotMatch(toLogLine(lead + command), /^\s*(::|##\[)/, JSON.stringify(lead + command));
  }
});

test('terminal control sequences are shown, not obeyed; ordinary text is unchanged', () => {
  assert.equal(toLogLine('\u001b[2Jcleared'), '\\u001b[2Jcleared');
  assert.equal(toLogLine('a\u0000b\u007fc'), 'a\\u0000b\\u007fc');
  assert.equal(toLogLine('catalog-info.yaml:3:5: metadata.name "a::b" is not valid — ünïcödé ✔'), 'catalog-info.yaml:3:5: metadata.name "a::b" is not valid — ünïcödé ✔');
  assert.equal(toLogLine('two\nlines'), 'two\\nlines');
});
