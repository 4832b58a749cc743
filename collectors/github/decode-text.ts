// Descriptor bytes to text. Backstage descriptors are UTF-8, but editors on Windows still save
// Latin-1 or UTF-16: such a file is read in the encoding it is in and a warning names it, instead
// of replacement characters or a YAML error that says nothing about the cause.

export interface DecodedText {
  text: string;
  /** Set when the bytes were not plain UTF-8: the encoding they were read as. */
  encoding?: 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252 (Latin-1)';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: single-byte text, and Windows-1252 is what such files nearly always are (a superset of Latin-1's printable range).
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252 (Latin-1)' };
  }
}
