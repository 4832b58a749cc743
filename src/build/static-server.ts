// Serves a built portal the way a CDN would: under its base path, index.html for folders, the
// portal's 404 page for anything missing, and never a file outside the output folder.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { normaliseBase } from '../../lib/config/base.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  // Pagefind's index files.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolution =
  | { status: 200; file: string }
  | { status: 301; location: string }
  | { status: 404 }
  | { status: 400 };

/** Maps a request path to a file under `root` (served at `base`), a redirect, or not found. */
export function resolveRequest(root: string, base: string, urlPath: string): Resolution {
  const prefix = normaliseBase(base);
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0')) return { status: 400 };
  if (`${pathname}/` === prefix) return { status: 301, location: prefix };
  if (!pathname.startsWith(prefix)) return { status: 404 };
  const relative = pathname.slice(prefix.length);
  const rootDir = path.resolve(root);
  const target = path.resolve(rootDir, `.${path.posix.sep}${relative}`);
  if (target !== rootDir && !target.startsWith(rootDir + path.sep)) return { status: 404 };
  if (!existsSync(target)) return { status: 404 };
  if (statSync(target).isDirectory()) {
    if (!pathname.endsWith('/')) return { status: 301, location: `${encodeURI(pathname)}/` };
    const index = path.join(target, 'index.html');
    return existsSync(index) ? { status: 200, file: index } : { status: 404 };
  }
  return { status: 200, file: target };
}

export function createStaticServer(root: string, base: string): Server {
  const notFound = path.join(root, '404.html');
  return createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const result = resolveRequest(root, base, request.url ?? '/');
    if (result.status === 301) {
      response.writeHead(301, { location: result.location }).end();
      return;
    }
    if (result.status === 400) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request\n');
      return;
    }
    const file = result.status === 200 ? result.file : existsSync(notFound) ? notFound : null;
    const status = result.status === 200 ? 200 : 404;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    response.writeHead(status, { 'content-type': contentType(file), 'content-length': statSync(file).size, 'cache-control': 'no-cache' });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
}
