import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves one file of the built renderer. `urlPath` is untrusted: it is decoded, normalised and
 * must stay inside `root` (no `..` escape). Returns false when nothing was served (404).
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): boolean {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const absolute = path.resolve(root, '.' + path.posix.normalize(relative));
  const rootWithSep = path.resolve(root) + path.sep;
  if (!absolute.startsWith(rootWithSep) || !existsSync(absolute) || !statSync(absolute).isFile()) return false;
  const type = MIME[path.extname(absolute).toLowerCase()] ?? 'application/octet-stream';
  // Hashed assets may be cached; index.html must not be, so a rebuilt app is picked up.
  const cache = absolute.endsWith('index.html') ? 'no-store' : 'private, max-age=3600';
  res.writeHead(200, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
  createReadStream(absolute).pipe(res);
  return true;
}
