import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAmount, formatChange, formatShare, monthLabel, serviceTrend } from './money.ts';

test('amounts are rounded to cents only for display, grouped by thousands', () => {
  assert.equal(formatAmount('1234567.891'), '1,234,567.89');
  assert.equal(formatAmount('0.0000009984'), '0.00');
  assert.equal(formatAmount('-12.5'), '−12.50');
  assert.equal(formatChange('10', '12.5'), '−2.50');
  assert.equal(formatChange('12.5', '10'), '+2.50');
  assert.equal(formatShare('1', '8'), '12.5 %');
  assert.equal(formatShare('1', '0'), '–');
  assert.equal(monthLabel('2024-09'), 'Sep 2024');
});

test('the service trend lines up each service across months, biggest last month first', () => {
  const rows = serviceTrend(
    {
      currency: 'USD', total: '0',
      months: [
        { month: '2025-12', total: '3', byService: [{ service: 'EC2', provider: 'AWS', amount: '3' }] },
        { month: '2026-01', total: '9', byService: [{ service: 'S3', provider: 'AWS', amount: '5' }, { service: 'EC2', provider: 'AWS', amount: '4' }] },
      ],
    },
    ['2025-12', '2026-01'],
  );
  assert.deepEqual(rows.map((r) => [r.service, r.amounts]), [['S3', [undefined, '5']], ['EC2', ['3', '4']]]);
});
