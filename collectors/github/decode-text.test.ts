import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeText } from './decode-text.ts';

test('UTF-8 (with or without a BOM) is read as is; UTF-16 with a BOM and Latin-1 bytes are read and named', () => {
  assert.deepEqual(decodeText(Buffer.from('name: café')), { text: 'name: café' });
  assert.deepEqual(decodeText(Buffer.from('\ufeffname: café')), { text: 'name: café' });
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: café', 'utf16le')])), { text: 'name: café', encoding: 'UTF-16LE' });
  const be = Buffer.from('name: café', 'utf16le').swap16();
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text: 'name: café', encoding: 'UTF-16BE' });
  assert.deepEqual(decodeText(Buffer.from('name: café', 'latin1')), { text: 'name: café', encoding: 'Windows-1252 (Latin-1)' });
});
