import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { organisationData } from './entity-signals.ts';

const envelope = (total: string) => ({ collectedAt: '2026-11-30T00:00:00.000Z', source: { name: 'test export' }, data: { total } });

test('organisation data is read once per file version, and again after a new collect', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backlot-org-data-'));
  const previous = process.env.BACKLOT_CONTENT_DIR;
  process.env.BACKLOT_CONTENT_DIR = dir;
  try {
    assert.equal(organisationData('cost', 'summary'), undefined, 'no cost collected: nothing');
    const file = path.join(dir, 'cost', 'organisation', 'summary.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(envelope('10.00')));
    await utimes(file, new Date('2026-11-30T01:00:00Z'), new Date('2026-11-30T01:00:00Z'));
    const first = organisationData<{ total: string }>('cost', 'summary');
    assert.equal(first?.data.total, '10.00');
    assert.equal(organisationData('cost', 'summary'), first, 'the same file version is not parsed again');

    await writeFile(file, JSON.stringify(envelope('12.50')));
    await utimes(file, new Date('2026-11-30T02:00:00Z'), new Date('2026-11-30T02:00:00Z'));
    assert.equal(organisationData<{ total: string }>('cost', 'summary')?.data.total, '12.50', 'a rewritten file is read again');
  } finally {
    if (previous === undefined) delete process.env.BACKLOT_CONTENT_DIR;
    else process.env.BACKLOT_CONTENT_DIR = previous;
    await rm(dir, { recursive: true, force: true });
  }
});
