/**
 * The keyhole every transport implements, and the typed client built on top of it.
 * The Electron preload exposes exactly this shape as `window.remo` (invoke + subscribe), the web
 * transport implements it over fetch + WebSocket, and the in-process transport over direct calls.
 */
import type { ApiArgs, ApiMethod, ApiResults, ServerEventName, ServerEvents, ServerMessage } from './contract';
import type { ApiResult } from './result';
import { fail } from './result';

/** Untyped on purpose: it is what crosses a process or network boundary. */
export interface ApiTransport {
  /** Calls `method` with `args`; always resolves with an envelope, never rejects. */
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>>;
  /** Receives every pushed server message. Returns an unsubscribe function. */
  subscribe(listener: (message: ServerMessage) => void): () => void;
}

/** Typed view over a transport. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<ApiResults[M]>>;
  on<E extends ServerEventName>(event: E, listener: (payload: ServerEvents[E]) => void): () => void;
}

export function createApiClient(transport: ApiTransport): ApiClient {
  return {
    async call(method, args) {
      try {
        return (await transport.invoke(method, args)) as ApiResult<ApiResults[typeof method]>;
      } catch (error) {
        // A transport must not reject, but a broken one should still give a readable envelope.
        return fail('internal', `transport failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    on(event, listener) {
      return transport.subscribe((message) => {
        if (message.event === event) listener(message.payload as ServerEvents[typeof event]);
      });
    },
  };
}
