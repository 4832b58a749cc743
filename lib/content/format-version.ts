// The shape version of generated content, checked wherever it is read, so content left by another
// version of Backlot is refused with what to do instead of rendering half-right pages.
import { CONTENT_FORMAT_VERSION } from './records.ts';

/** Throws, saying what to do, when content was written in a shape this Backlot does not read. */
export function checkFormatVersion(file: string, version: unknown): void {
  if (version === CONTENT_FORMAT_VERSION) return;
  const written = typeof version === 'number' ? `format ${version}` : 'no format version';
  const by = typeof version === 'number' && version > CONTENT_FORMAT_VERSION ? 'a newer backlot; update this checkout' : 'an older backlot; run `backlot collect`';
  throw new Error(`${file}: content was written by ${by} (it has ${written}, this backlot reads format ${CONTENT_FORMAT_VERSION})`);
}
