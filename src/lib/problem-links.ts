// Where a problem can be seen on its host: the GitHub source names files by their blob URL, so a
// problem links to that line there; a local file has no host to link to.
import type { Problem } from '../../lib/catalog/types.ts';
import { safeUrl } from './annotation-links.ts';

/** The problem's file on the host at its line (`…/blob/…#L12`), or undefined when none is known. */
export function problemSourceUrl(problem: Pick<Problem, 'file' | 'line'>): string | undefined {
  const url = safeUrl(problem.file);
  if (!url) return undefined;
  const withoutHash = url.replace(/#.*$/, '');
  return /\/blob\//.test(withoutHash) && problem.line > 0 ? `${withoutHash}#L${problem.line}` : withoutHash;
}
