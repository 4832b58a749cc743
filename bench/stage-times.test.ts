// Stage timings are read from the commands' own log lines; these are real lines of collect and build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseStageTimes } from './stage-times.ts';

test('reads each timed stage of a collect and a build log, naming a sub-stage by its first word', () => {
  const log = [
    'catalog: read ../../tmp/org/catalog-info.yaml: 5500 files, 10001 entities (7712 ms)',
    'catalog: assemble: 10001 entities, 0 problems (771 ms)',
    '  entities=10001 errors=0 warnings=0 files=551',
    'render: 10007 pages into bench/.out/run-x/dist (53231 ms)',
    'search index: 10007 pages indexed, 10210 files, 13015.7 kB (60277 ms)',
    'warning: pagefind: something odd',
    'built 10007 pages; preview with `backlot preview --out dist`',
  ].join('\n');
  assert.deepEqual(parseStageTimes(log), { 'catalog: read': 7712, 'catalog: assemble': 771, render: 53231, 'search index': 60277 });
});

test('finds no stage in a log without timed lines', () => {
  assert.deepEqual(parseStageTimes('error: 1 budget(s) exceeded (budgets.json)\n'), {});
});
