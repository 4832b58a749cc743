// The catalog model's CatalogSource over GitHub's contents API: descriptors and the files their
// Locations and $text substitutions name are read from a repository's default branch, inside
// the repository or across the organisation's repositories by blob URL, never from elsewhere.
import path from 'node:path/posix';
import type { Octokit } from 'octokit';
import type { CatalogSource, LocationSpec, Problem } from '../../lib/catalog/types.ts';
import { decodeText } from './decode-text.ts';
import { conditionalGet } from './http-cache.ts';
import type { HttpCache } from './http-cache.ts';
import { formatBlobUrl, parseBlobUrl } from './github-urls.ts';
import type { BlobAddress } from './github-urls.ts';

export interface ContentsSourceOptions {
  octokit: Octokit;
  cache: HttpCache;
  org: string;
  /** Web origin of the organisation's host: blob URLs elsewhere are refused. */
  webOrigin: string;
  /** Files above this many bytes are refused without being downloaded (github.maxFileBytes). */
  maxFileBytes: number;
  /** Files already read another way (a GraphQL batch), by blob URL: text, null for "does not exist", or the refusal. */
  preloaded?: Map<string, string | null | FileTooLarge>;
}

/** A file over github.maxFileBytes: refused, and neither downloaded nor cached. */
export class FileTooLarge extends Error {
  override name = 'FileTooLarge';
  readonly rule = 'file-too-large';
  readonly hint: string;
  constructor(size: number, limit: number) {
    super(`it is ${size.toLocaleString('en-US')} bytes, over the limit of ${limit.toLocaleString('en-US')} (github.maxFileBytes): not downloaded`);
    this.hint = `To read it, raise github.maxFileBytes in the configuration file (e.g. maxFileBytes: ${Math.ceil(size / 1048576) * 1048576}), or split the file into several joined by a Location.`;
  }
}

export interface ContentsSource extends CatalogSource {
  /** Text as GitHub's contents API returns it (a string, never a ReadText). */
  read(location: LocationSpec): Promise<string | null>;
  /** Repositories a file was read from, so a change in one of them re-reads this one next run. */
  repositoriesRead: Set<string>;
  /** Reads that failed for a reason other than "not found": the repository's read counts as failed. */
  failures: string[];
  /** Warnings about files that were read (an encoding other than UTF-8). */
  warnings: Problem[];
}

interface ContentsItem {
  type: string;
  size?: number;
  encoding?: string;
  content?: string;
}

/** What is kept of a contents answer: a file's content (unless over the limit), or that it is not a file. */
const reduceContents = (maxFileBytes: number) => (data: unknown): ContentsItem | ContentsItem[] => {
  if (Array.isArray(data)) return data.map((item: ContentsItem) => ({ type: item.type }));
  const item = data as ContentsItem;
  const tooLarge = typeof item.size === 'number' && item.size > maxFileBytes;
  return {
    type: item.type,
    ...(typeof item.size === 'number' ? { size: item.size } : {}),
    ...(item.encoding ? { encoding: item.encoding } : {}),
    ...(typeof item.content === 'string' && !tooLarge ? { content: item.content } : {}),
  };
};

export function createContentsSource(options: ContentsSourceOptions): ContentsSource {
  const { octokit, cache, org, webOrigin, maxFileBytes } = options;
  const repositoriesRead = new Set<string>();
  const failures: string[] = [];
  const warnings: Problem[] = [];
  // One read per file per run, however many Locations reach it.
  const reads = new Map<string, Promise<string | null>>();

  const addressOf = (location: LocationSpec): BlobAddress => {
    if (location.type !== 'url') throw new Error(`${location.target} is not a URL location`);
    const address = parseBlobUrl(location.target, webOrigin);
    if ('error' in address) throw new Error(address.error);
    return address;
  };

  async function fetchText(address: BlobAddress): Promise<string | null> {
    const preloaded = options.preloaded?.get(formatBlobUrl(webOrigin, address));
    if (preloaded instanceof FileTooLarge) throw preloaded;
    if (preloaded !== undefined) return preloaded;
    const base = `/repos/${encodeURIComponent(address.owner)}/${encodeURIComponent(address.repo)}/contents/${address.path.split('/').map(encodeURIComponent).join('/')}`;
    const url = `${base}?ref=${encodeURIComponent(address.ref)}`;
    const answer = await conditionalGet<ContentsItem | ContentsItem[]>(octokit, cache, url, { reduce: reduceContents(maxFileBytes) });
    if (!answer) return null;
    if (Array.isArray(answer.data)) throw new Error('is a folder, not a file');
    if (answer.data.type !== 'file') throw new Error(`is a ${answer.data.type}, not a file`);
    if (typeof answer.data.size === 'number' && answer.data.size > maxFileBytes) throw new FileTooLarge(answer.data.size, maxFileBytes);
    if (answer.data.encoding === 'base64' && typeof answer.data.content === 'string') {
      return decoded(address, Buffer.from(answer.data.content.replace(/\s/g, ''), 'base64'));
    }
    // Files over 1 MB come without content (when github.maxFileBytes allows more); the raw media type returns them whole.
    const raw = await conditionalGet<Uint8Array>(octokit, cache, url, { mediaType: 'application/vnd.github.raw+json', reduce: (data) => (typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data as ArrayBuffer)) });
    return raw ? decoded(address, Buffer.from(raw.data as Uint8Array)) : null;
  }

  /** Bytes to text; a file not in UTF-8 is read in its encoding and a warning names it. */
  function decoded(address: BlobAddress, bytes: Uint8Array): string {
    const { text, encoding } = decodeText(bytes);
    if (encoding) {
      warnings.push({
        file: formatBlobUrl(webOrigin, address),
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'file-encoding',
        message: `${address.path} is encoded as ${encoding}, not UTF-8; it was read as ${encoding}`,
        hint: 'Save the file as UTF-8 (without a byte order mark): Backstage and most tools expect it.',
      });
    }
    return text;
  }

  return {
    repositoriesRead,
    failures,
    warnings,
    read(location) {
      const address = addressOf(location);
      const key = formatBlobUrl(webOrigin, address);
      let pending = reads.get(key);
      if (!pending) {
        repositoriesRead.add(address.repo);
        pending = fetchText(address).catch((error: unknown) => {
          // A refused file is the file's problem, reported on it; anything else fails the repository.
          if (!(error instanceof FileTooLarge)) failures.push(`${key}: ${(error as Error).message}`);
          throw error;
        });
        reads.set(key, pending);
      }
      return pending;
    },
    resolve(base, target) {
      let from: BlobAddress;
      try {
        from = addressOf(base);
      } catch (error) {
        return { error: (error as Error).message };
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        const address = parseBlobUrl(target, webOrigin);
        if ('error' in address) return address;
        if (address.owner.toLowerCase() !== org.toLowerCase()) {
          return { error: `${target} is in ${address.owner}, outside the organisation ${org} this catalog is read from` };
        }
        return { type: 'url', target: formatBlobUrl(webOrigin, address) };
      }
      // As Backstage's GitHub integration does: `/x` is from the repository root, `x` from the file's folder.
      const joined = target.startsWith('/') ? path.normalize(target.slice(1)) : path.normalize(path.join(path.dirname(from.path), target));
      if (joined === '..' || joined.startsWith('../') || joined === '.' || joined === '') {
        return { error: `${target} leaves the repository ${from.owner}/${from.repo}` };
      }
      return { type: 'url', target: formatBlobUrl(webOrigin, { ...from, path: joined }) };
    },
    display: (location) => location.target,
  };
}
