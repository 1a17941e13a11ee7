import { serverMessageSchema, type ServerMessage } from '../../shared/api/contract';
import { fail, isApiResult, type ApiResult } from '../../shared/api/result';
import type { ApiTransport } from '../../shared/api/transport';

/** Connection state of the push socket, shown in the status bar. */
export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * The browser side of the web host: POST /api/<method> with JSON, and one WebSocket on /events.
 * Authentication rides on the HttpOnly `remo_token` cookie that the host set when the page was
 * first opened with ?token= (see electron/host/startWebHost.ts); this code never sees the token.
 * The socket reconnects with backoff so a restarted host is picked up without a reload.
 */
export function createBrowserWebTransport(onLiveState: (state: LiveState) => void = () => undefined): ApiTransport {
  const listeners = new Set<(message: ServerMessage) => void>();
  let socket: WebSocket | undefined;
  let retryMs = 500;

  function connect(): void {
    const url = new URL('events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    onLiveState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = (event) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if ((parsed as { event?: unknown }).event === 'host.ready') {
        retryMs = 500;
        onLiveState('live');
        return;
      }
      const frame = serverMessageSchema.safeParse(parsed);
      if (frame.success) for (const listener of listeners) listener(frame.data as ServerMessage);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      onLiveState('offline');
      if (listeners.size > 0) {
        setTimeout(() => {
          if (!socket && listeners.size > 0) connect();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, 10_000);
      }
    };
  }

  return {
    async invoke(method: string, args: unknown): Promise<ApiResult<unknown>> {
      try {
        const response = await fetch(new URL(`api/${encodeURIComponent(method)}`, window.location.href), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
        const body: unknown = await response.json().catch(() => null);
        if (isApiResult(body)) return body;
        return fail('internal', `the web host answered HTTP ${response.status} without a result`);
      } catch (error) {
        return fail('unavailable', `cannot reach the web host: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && socket) {
          const ws = socket;
          socket = undefined;
          ws.close();
        }
      };
    },
  };
}
