// The catalog model's CatalogSource over GitHub's contents API: descriptors and the files their
// Locations and $text substitutions name are read from a repository's default branch, inside
// the repository or across the organisation's repositories by blob URL, never from elsewhere.
import path from 'node:path/posix';
import type { Octokit } from 'octokit';
import type { CatalogSource, LocationSpec } from '../../lib/catalog/types.ts';
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
}

export interface ContentsSource extends CatalogSource {
  /** Text as GitHub's contents API returns it (a string, never a ReadText). */
  read(location: LocationSpec): Promise<string | null>;
  /** Repositories a file was read from, so a change in one of them re-reads this one next run. */
  repositoriesRead: Set<string>;
  /** Reads that failed for a reason other than "not found": the repository's read counts as failed. */
  failures: string[];
}

interface ContentsItem {
  type: string;
  encoding?: string;
  content?: string;
}

/** What is kept of a contents answer: a file's content, or that it is not a file. */
function reduceContents(data: unknown): ContentsItem | ContentsItem[] {
  if (Array.isArray(data)) return data.map((item: ContentsItem) => ({ type: item.type }));
  const item = data as ContentsItem;
  return { type: item.type, ...(item.encoding ? { encoding: item.encoding } : {}), ...(typeof item.content === 'string' ? { content: item.content } : {}) };
}

export function createContentsSource(options: ContentsSourceOptions): ContentsSource {
  const { octokit, cache, org, webOrigin } = options;
  const repositoriesRead = new Set<string>();
  const failures: string[] = [];
  // One read per file per run, however many Locations reach it.
  const reads = new Map<string, Promise<string | null>>();

  const addressOf = (location: LocationSpec): BlobAddress => {
    if (location.type !== 'url') throw new Error(`${location.target} is not a URL location`);
    const address = parseBlobUrl(location.target, webOrigin);
    if ('error' in address) throw new Error(address.error);
    return address;
  };

  async function fetchText(address: BlobAddress): Promise<string | null> {
    const base = `/repos/${encodeURIComponent(address.owner)}/${encodeURIComponent(address.repo)}/contents/${address.path.split('/').map(encodeURIComponent).join('/')}`;
    const url = `${base}?ref=${encodeURIComponent(address.ref)}`;
    const answer = await conditionalGet<ContentsItem | ContentsItem[]>(octokit, cache, url, { reduce: reduceContents });
    if (!answer) return null;
    if (Array.isArray(answer.data)) throw new Error('is a folder, not a file');
    if (answer.data.type !== 'file') throw new Error(`is a ${answer.data.type}, not a file`);
    if (answer.data.encoding === 'base64' && typeof answer.data.content === 'string') {
      return Buffer.from(answer.data.content.replace(/\s/g, ''), 'base64').toString('utf8');
    }
    // Files over 1 MB come without content; the raw media type returns them whole.
    const raw = await conditionalGet<string>(octokit, cache, url, { mediaType: 'application/vnd.github.raw+json', reduce: (data) => (typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8')) });
    return raw ? raw.data : null;
  }

  return {
    repositoriesRead,
    failures,
    read(location) {
      const address = addressOf(location);
      const key = formatBlobUrl(webOrigin, address);
      let pending = reads.get(key);
      if (!pending) {
        repositoriesRead.add(address.repo);
        pending = fetchText(address).catch((error: unknown) => {
          const message = `${key}: ${(error as Error).message}`;
          failures.push(message);
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
