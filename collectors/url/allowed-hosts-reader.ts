// The UrlReader for hosts an organisation allows in backlot.config.yaml (catalog.allowedHosts):
// $text and Location URLs elsewhere than the GitHub host are read only from those hosts, from a
// public address (resolved, checked, then connected to — so DNS cannot swap in 127.0.0.1 after the
// check), within a size cap and a timeout, following redirects only while they stay on the list.
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import type { UrlReader } from '../../lib/catalog/types.ts';
import { refusalOf as defaultRefusalOf } from './addresses.ts';
import { decodeUtf8 } from '../../lib/catalog/text.ts';

export interface AllowedHostsReaderOptions {
  /** Host names (`specs.example.com`) or `host:port`; matched case-insensitively, no wildcards. */
  allowedHosts: readonly string[];
  /** Milliseconds for one read, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /**
   * Why an address may not be reached (default: loopback, link-local, private and reserved ones).
   * Only tests that serve on 127.0.0.1 pass another, to exercise caps and redirects.
   */
  refusalOf?: (address: string) => string | undefined;
}

/** Network failures that mean "this machine cannot reach it now" (offline lint): a warning, not an error. */
const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);

class ReadRefused extends Error {
  override name = 'ReadRefused';
}

const notFetched = (message: string) => Object.assign(new Error(message), { notFetched: true });

// Resolves the name, refuses the whole answer if any address is not public, and hands the
// connection exactly the address that was checked.
const checkedLookup = (refusalOf: (address: string) => string | undefined): LookupFunction => (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as { address: string; family: number }[];
    for (const { address } of list) {
      const refusal = refusalOf(address);
      if (refusal) return callback(new ReadRefused(`refused: ${hostname} resolves to ${refusal}`), '', 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

export function createAllowedHostsReader(options: AllowedHostsReaderOptions): UrlReader {
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const lookup = checkedLookup(options.refusalOf ?? defaultRefusalOf);

  const isAllowed = (url: URL) => (url.protocol === 'https:' || url.protocol === 'http:') && (allowed.has(url.hostname.toLowerCase()) || allowed.has(url.host.toLowerCase()));

  const refusal = options.refusalOf ?? defaultRefusalOf;
  const get = (url: URL, maxBytes: number, signal: AbortSignal) =>
    new Promise<{ status: number; location?: string; body?: Buffer }>((resolve, reject) => {
      // Node connects to an IP-literal host without calling `lookup`: check it here.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      const literalRefusal = isIP(literal) ? refusal(literal) : undefined;
      if (literalRefusal) return reject(new ReadRefused(`refused: ${literalRefusal}`));
      const request = (url.protocol === 'https:' ? https : http).get(url, { lookup, signal, headers: { accept: '*/*', 'user-agent': 'backlot' } }, (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          return resolve({ status, location: response.headers.location });
        }
        if (status !== 200) {
          response.resume();
          return resolve({ status });
        }
        const declared = Number(response.headers['content-length']);
        if (declared > maxBytes) {
          response.destroy();
          return reject(new ReadRefused(`${url.href} is ${declared} bytes, over the limit of ${maxBytes}: not read`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            reject(new ReadRefused(`${url.href} is over the limit of ${maxBytes} bytes: not read`));
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      });
      request.on('error', reject);
    });

  return {
    handles: isAllowed,
    async read(start, { maxBytes }) {
      const signal = AbortSignal.timeout(timeoutMs);
      let url = start;
      try {
        for (let hop = 0; ; hop++) {
          const answer = await get(url, maxBytes, signal);
          if (answer.location !== undefined) {
            const next = new URL(answer.location, url);
            if (!isAllowed(next)) throw new ReadRefused(`${url.href} redirects to ${next.href}, which is not in catalog.allowedHosts: not followed`);
            if (hop >= maxRedirects) throw new ReadRefused(`${start.href}: more than ${maxRedirects} redirects: not followed`);
            url = next;
            continue;
          }
          if (answer.status === 404 || answer.status === 410) return null;
          if (!answer.body) throw new ReadRefused(`${url.href} answered HTTP ${answer.status}`);
          return decodeUtf8(answer.body);
        }
      } catch (error) {
        if (error instanceof ReadRefused) throw error;
        const e = error as NodeJS.ErrnoException;
        if (e.name === 'TimeoutError' || e.name === 'AbortError' || signal.aborted) throw new ReadRefused(`${start.href}: no answer within ${timeoutMs} ms`);
        if (e.code && UNREACHABLE.has(e.code)) throw notFetched(`${url.host} cannot be reached from here (${e.code})`);
        throw error;
      }
    },
  };
}
