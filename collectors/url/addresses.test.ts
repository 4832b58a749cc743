import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusalOf } from './addresses.ts';

test('refuses loopback, link-local (cloud metadata), private, unspecified and multicast addresses, v4 and v6', () => {
  for (const address of ['127.0.0.1', '127.8.9.10', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '::ffff:10.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:a9fe:a9fe']) {
    assert.match(refusalOf(address) ?? 'accepted', /loopback, link-local, private or reserved/, address);
  }
});

test('accepts public addresses, including ones next to the refused ranges', () => {
  for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '172.15.255.255', '11.0.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34']) {
    assert.equal(refusalOf(address), undefined, address);
  }
});
