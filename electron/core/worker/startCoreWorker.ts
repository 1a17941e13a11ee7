import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppInfo, ServerMessage } from '../../../shared/api/contract';
import { fail, type ApiErrorCode, type ApiResult } from '../../../shared/api/result';
import type { ApiTransport } from '../../../shared/api/transport';
import { MAX_JSON_DEPTH, valueExceedsDepth } from '../../../shared/json/boundedJson';
import type { CoreWorkerOptions, FromWorker, ToWorker } from './coreWorkerProtocol';

/** The source-tree entry (runs under tsx). Bundled apps pass their own built file. */
export const SOURCE_WORKER_ENTRY = fileURLToPath(new URL('./coreWorker.mjs', import.meta.url));

/** A call's answer with its JSON text already made by the worker (what the web host sends as is). */
export interface JsonAnswer {
  ok: boolean;
  code?: ApiErrorCode;
  json: string;
}

export interface CoreWorker {
  readonly dbPath: string;
  /** The contract over the worker's port; `name` is what app.info reports as the transport. */
  transport(name: AppInfo['transport']): ApiTransport;
  /** One call with its body as JSON text, parsed and answered as JSON text in the worker. */
  invokeJson(name: AppInfo['transport'], method: string, body: string): Promise<JsonAnswer>;
  /** Every pushed message (committed-event summaries). */
  subscribe(listener: (message: ServerMessage) => void): () => void;
  /** Replaces the worker's copy of the API keys (the parent keeps the originals). */
  setKeys(keys: Record<string, string>): void;
  /** Pauses the worker's runs at their next safe point, closes the database, ends the thread. */
  close(): Promise<void>;
}

/** Omit over each member of a union (plain Omit would merge them). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Thrown when the worker could not open the core (a damaged database, a newer schema…). */
export class CoreStartError extends Error {
  constructor(message: string, readonly code?: string, readonly originalName?: string) {
    super(message);
    this.name = 'CoreStartError';
  }
}

/**
 * Starts the core in a worker thread and resolves once it has opened the database. The relay's
 * thread then only moves messages: a fold of a big run or an engine burst no longer stalls
 * HTTP answers or the window. A worker that dies answers every pending and later call with an
 * `unavailable` envelope (transports never reject).
 */
export function startCoreWorker(options: CoreWorkerOptions, entry: string = SOURCE_WORKER_ENTRY): Promise<CoreWorker> {
  const worker = new Worker(entry, { workerData: options, stdout: false, stderr: false });
  const pending = new Map<number, (message: FromWorker & { type: 'result' | 'resultJson' }) => void>();
  const listeners = new Set<(message: ServerMessage) => void>();
  let nextId = 1;
  let stopped: string | null = null;
  let closed: (() => void) | undefined;

  const send = (message: ToWorker) => worker.postMessage(message);
  const stop = (reason: string) => {
    if (stopped) return;
    stopped = reason;
    for (const [id, settle] of pending) settle({ type: 'result', id, result: fail('unavailable', reason) });
    pending.clear();
  };

  return new Promise<CoreWorker>((resolve, reject) => {
    let ready = false;
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          resolve(handle(message.dbPath));
          return;
        case 'failed':
          reject(new CoreStartError(message.message, message.code, message.name));
          void worker.terminate();
          return;
        case 'result':
        case 'resultJson': {
          const settle = pending.get(message.id);
          pending.delete(message.id);
          settle?.(message);
          return;
        }
        case 'push':
          for (const listener of listeners) listener(message.message);
          return;
        case 'closed':
          closed?.();
          return;
      }
    });
    worker.on('error', (error) => {
      stop(`the core stopped: ${error.message}`);
      if (!ready) reject(error);
    });
    worker.on('exit', (code) => {
      stop(`the core stopped (exit code ${code})`);
      closed?.();
      if (!ready) reject(new Error(`the core worker exited (code ${code}) before opening the database`));
    });
  });

  function call(message: WithoutId<Extract<ToWorker, { type: 'invoke' | 'invokeJson' }>>) {
    return new Promise<FromWorker & { type: 'result' | 'resultJson' }>((settle) => {
      if (stopped) return settle({ type: 'result', id: 0, result: fail('unavailable', stopped) });
      const id = nextId++;
      pending.set(id, settle);
      send({ ...message, id } as ToWorker);
    });
  }

  function handle(dbPath: string): CoreWorker {
    return {
      dbPath,
      transport(name) {
        return {
          async invoke(method, args) {
            // Posting clones the value recursively: refuse what is too deep here, as the dispatcher would.
            if (valueExceedsDepth(args)) return fail('bad-request', `invalid arguments for ${method}: nested deeper than ${MAX_JSON_DEPTH} levels`);
            const answer = await call({ type: 'invoke', transport: name, method, args });
            return answer.type === 'result' ? answer.result : (JSON.parse(answer.json) as ApiResult<unknown>);
          },
          subscribe(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
          },
        };
      },
      async invokeJson(name, method, body) {
        const answer = await call({ type: 'invokeJson', transport: name, method, body });
        if (answer.type === 'resultJson') return { ok: answer.ok, ...(answer.code ? { code: answer.code as ApiErrorCode } : {}), json: answer.json };
        return { ok: answer.result.ok, ...(answer.result.ok ? {} : { code: answer.result.error.code }), json: JSON.stringify(answer.result) };
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      setKeys(keys) {
        if (!stopped) send({ type: 'keys', keys });
      },
      close() {
        if (stopped) return Promise.resolve();
        return new Promise<void>((resolve) => {
          closed = () => {
            stop('the core was closed');
            resolve();
          };
          send({ type: 'close' });
        }).then(() => worker.terminate().then(() => undefined));
      },
    };
  }
}
