import WebSocket from 'ws';
import { serverMessageSchema, type ServerMessage } from '../../shared/api/contract';
import { fail, isApiResult, type ApiResult } from '../../shared/api/result';
import type { ApiTransport } from '../../shared/api/transport';
import { TOKEN_HEADER } from './requestGuard';

/** A web transport for Node clients (tests, scripts) that also reports when its socket is live. */
export interface NodeWebTransport extends ApiTransport {
  /** Resolves once the push socket is open (after the first subscribe). */
  ready(): Promise<void>;
  close(): void;
}

/**
 * The web transport from Node: POST /api/<method> and WebSocket /events, authenticated with the
 * X-Remo-Token header (the browser uses the cookie instead, see renderer/api/webTransport.ts).
 * One socket, opened on the first subscribe and shared by every listener.
 */
export function createWebTransport(origin: string, token: string): NodeWebTransport {
  const listeners = new Set<(message: ServerMessage) => void>();
  let socket: WebSocket | undefined;
  let opened: Promise<void> = Promise.resolve();

  function openSocket(): void {
    const ws = new WebSocket(origin.replace(/^http/, 'ws') + '/events', { headers: { [TOKEN_HEADER]: token } });
    socket = ws;
    opened = new Promise((resolve, reject) => {
      ws.once('message', () => resolve()); // the host greets with host.ready once subscribed
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`socket refused: HTTP ${res.statusCode}`)));
    });
    opened.catch(() => undefined);
    ws.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        return;
      }
      const frame = serverMessageSchema.safeParse(parsed);
      if (!frame.success) return; // host.ready and future events this client does not know
      for (const listener of listeners) listener(frame.data as ServerMessage);
    });
  }

  return {
    async invoke(method, args) {
      try {
        const response = await fetch(`${origin}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(args ?? {}),
        });
        const body: unknown = await response.json().catch(() => null);
        if (isApiResult(body)) return body as ApiResult<unknown>;
        return fail('internal', `web host answered HTTP ${response.status} without an envelope`);
      } catch (error) {
        return fail('unavailable', `web host unreachable: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) openSocket();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && socket) {
          socket.close();
          socket = undefined;
        }
      };
    },
    ready: () => opened,
    close() {
      listeners.clear();
      socket?.terminate();
      socket = undefined;
    },
  };
}
