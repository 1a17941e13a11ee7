import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenOnLoopback } from '../core/net/listenOnLoopback';
import { FILE_CONTENT_METHODS, type ServerMessage } from '../../shared/api/contract';
import { fail, type ApiErrorCode } from '../../shared/api/result';
import { createRequestGuard, TOKEN_COOKIE, type GuardVerdict, type RequestGuard } from './requestGuard';
import { securityHeaders } from './securityHeaders';
import { serveStatic } from './serveStatic';

/**
 * What the host needs from the core: calls with their body as JSON text, answered as JSON text
 * (the core worker parses and serialises, so this thread only moves bytes), and the pushed messages.
 */
export interface WebHostApi {
  invokeJson: (method: string, body: string) => Promise<{ ok: boolean; code?: ApiErrorCode; json: string }>;
  subscribe: (listener: (message: ServerMessage) => void) => () => void;
}

export interface WebHostOptions {
  api: WebHostApi;
  /** Folder of the built renderer (dist/renderer). Absent or missing: pages answer 503. */
  staticDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); default: 32 random bytes, hex. */
  token?: string;
}

export interface WebHost {
  /** http://127.0.0.1:<port>/?token=<token>: open this once; the token moves to a cookie. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Request bodies above this are refused, except for the methods that carry a file (below). */
const MAX_BODY_BYTES = 1_000_000;
/**
 * Bodies of FILE_CONTENT_METHODS (runs.import, datasets.preview, datasets.import): a whole file
 * travels in them. A logged model call takes about 1 KB of an export (the simulator's short
 * replies; real models' longer ones a few KB), so a full paper-size run exports to tens of MB,
 * and GSM8K's train file is 4 MB (5.6 MB as base64). 256 MiB leaves room for the largest of
 * those with JSON escaping (about +10% on an export) or base64 (+33%), while bounding what one
 * request can make the host hold: the body, its text and the parsed content, a few times the limit.
 * The host only answers token-holding clients on loopback, so the bound is against accidents, not attackers.
 */
export const MAX_FILE_BODY_BYTES = 256 * 1024 * 1024;
const FILE_METHODS: ReadonlySet<string> = new Set(FILE_CONTENT_METHODS);

const STATUS_OF: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'unknown-method': 404,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

/**
 * The loopback web transport: POST /api/<method> with a JSON body answers with an envelope;
 * WebSocket /events pushes `{event, payload}` messages; everything else serves the built renderer.
 * Binds 127.0.0.1 only. Every request passes the Host/Origin/token guard (requestGuard.ts).
 *
 * Token flow for browsers: the printed URL carries `?token=`; the host answers that first load
 * with a `remo_token` cookie (HttpOnly, SameSite=Strict) and a redirect to the same path without
 * the query, so the token leaves the address bar and history. Later requests (assets, API,
 * WebSocket) carry the cookie. Non-browser clients send `X-Remo-Token: <token>` instead.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const sockets = new Set<WebSocket>();

  // Listen first: the guard needs the real port (0 picks one). Handlers are attached right after,
  // in the same tick, so no request can arrive before them.
  const server = createServer();
  const port = await listenOnLoopback(server, options.port ?? 0);
  const guard: RequestGuard = createRequestGuard(port, token);
  const headers = securityHeaders(guard.origins);
  const origin = `http://127.0.0.1:${port}`;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // Last line of defence: a bug answers 500 with an envelope instead of killing the host.
      if (!res.headersSent) sendJson(res, 500, fail('internal', error instanceof Error ? error.message : String(error)));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const place = guard.checkPlace(req);
    if (!place.ok) return refuse(res, place, isApi);

    // First load: exchange the query token for a cookie, then drop it from the URL.
    const queryToken = url.searchParams.get('token');
    if (!isApi && req.method === 'GET' && queryToken !== null) {
      if (!guard.tokenMatches(queryToken)) {
        return sendText(res, 401, 'wrong token: open the URL that `remo web` printed (it carries the token)');
      }
      url.searchParams.delete('token');
      res.writeHead(302, {
        ...headers,
        'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    const auth = guard.checkToken(req);
    if (!auth.ok) return refuse(res, auth, isApi);

    if (isApi) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('bad-request', 'API methods take POST with a JSON body'));
      const type = String(req.headers['content-type'] ?? '');
      // JSON only: rules out "simple" cross-site form posts as a second line behind Origin.
      if (!type.toLowerCase().startsWith('application/json')) {
        return sendJson(res, 415, fail('bad-request', 'Content-Type must be application/json'));
      }
      const method = decodeURIComponentSafe(url.pathname.slice('/api/'.length));
      const limit = FILE_METHODS.has(method) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES;
      const body = await readBody(req, limit);
      if (body === null) return sendJson(res, 413, fail('bad-request', `request body over ${limit} bytes`));
      const answer = await options.api.invokeJson(method, body);
      return sendJsonText(res, answer.ok ? 200 : STATUS_OF[answer.code ?? 'internal'], answer.json);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed');
      return;
    }
    if (!options.staticDir) return sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.');
    if (!serveStatic(options.staticDir, url.pathname, res, headers)) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        return sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.');
      }
      return sendText(res, 404, 'not found');
    }
  }

  function refuse(res: ServerResponse, verdict: Exclude<GuardVerdict, { ok: true }>, asJson: boolean): void {
    if (asJson) return sendJson(res, verdict.status, fail(verdict.code, verdict.message));
    sendText(res, verdict.status, verdict.message);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    sendJsonText(res, status, JSON.stringify(body));
  }

  function sendJsonText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text + '\n');
  }

  // --- push channel -------------------------------------------------------------------------
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict: GuardVerdict =
      url.pathname !== '/events'
        ? { ok: false, status: 403, code: 'forbidden', message: 'unknown socket path' }
        : // Browsers always send Origin on WebSocket handshakes; require it to be ours.
          req.headers.origin === undefined && req.headers['x-remo-token'] === undefined
          ? { ok: false, status: 403, code: 'forbidden', message: 'WebSocket without Origin' }
          : guard.checkPlace(req).ok
            ? guard.checkToken(req)
            : guard.checkPlace(req);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      // The channel is push-only: a client message is a protocol error.
      ws.on('message', () => ws.close(1003, 'push-only channel'));
      ws.send(JSON.stringify({ event: 'host.ready' }));
    });
  });
  const unsubscribe = options.api.subscribe((message) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify(message);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Reads the body as UTF-8; null when it exceeds `limit` bytes (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
