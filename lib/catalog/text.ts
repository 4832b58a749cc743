// Bytes to text for every source: UTF-8, as Backstage reads descriptors, but never silently — a
// byte sequence that is not UTF-8 is replaced by U+FFFD and its line and column are reported.
import type { ReadText } from './types.ts';

/** The one wording for bytes that are not UTF-8, wherever they are read. */
export const NOT_UTF8 = 'Bytes that are not UTF-8 start here; they were read as U+FFFD (�)';

const fatal = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** A source's answer as text and its decoding note, whichever form the source returned. */
export function asReadText(answer: string | ReadText): ReadText {
  return typeof answer === 'string' ? { text: answer } : answer;
}

/**
 * Decodes `bytes`: the text when it is all UTF-8 (as most files are), else the text with
 * `notUtf8` saying where the first invalid sequence was (1-based line and column).
 */
export function decodeUtf8(bytes: Uint8Array): string | ReadText {
  try {
    return fatal.decode(bytes);
  } catch {
    const text = lenient.decode(bytes);
    // Until the first replacement the decoder made, text and bytes are aligned; a U+FFFD that the
    // file itself holds (EF BF BD) keeps them aligned, so the first other one is the bad byte.
    let byte = 0;
    let from = 0;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
      byte += Buffer.byteLength(text.slice(from, i));
      from = i + 1;
      if (bytes[byte] === 0xef && bytes[byte + 1] === 0xbf && bytes[byte + 2] === 0xbd) {
        byte += 3;
        continue;
      }
      const lines = text.slice(0, i).split('\n');
      return { text, notUtf8: { line: lines.length, column: lines[lines.length - 1].length + 1 } };
    }
    return { text, notUtf8: { line: 1, column: 1 } };
  }
}
