/**
 * The messages between a core worker and its parent (electron/core/worker). The parent is a relay
 * (Electron main, the web host); the worker owns SQLite, the engine and the folds. Every payload is
 * structured-clone safe, so the same protocol runs over a worker_threads port or a MessagePort.
 */
import type { AppInfo, ServerMessage } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';

/** What the worker needs to open the core; plain data only (it crosses a thread boundary). */
export interface CoreWorkerOptions {
  dbPath: string;
  /** The app's version, reported by app.info. */
  version: string;
  resourcesDir?: string;
  vecExtensionPath?: string;
  /** Defaults merged under runs.start configs (e.g. `remo web --simulator`). */
  defaultRunConfig?: Record<string, unknown>;
  /**
   * 'writer' (default) runs the engine and pushes committed events; a 'reader' only answers
   * read-only methods (startCorePool routes them) and pushes nothing.
   */
  role?: 'writer' | 'reader';
  /** API keys by endpoint name, kept by the parent (Electron: safeStorage); replaced by `keys` messages. */
  keys?: Record<string, string>;
}

export type ToWorker =
  | { type: 'invoke'; id: number; transport: AppInfo['transport']; method: string; args: unknown }
  /** The same call with the body still as JSON text: parsing and serialising happen in the worker, off the relay's thread. */
  | { type: 'invokeJson'; id: number; transport: AppInfo['transport']; method: string; body: string }
  | { type: 'keys'; keys: Record<string, string> }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; dbPath: string }
  | { type: 'failed'; message: string; code?: string; name?: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'resultJson'; id: number; ok: boolean; code?: string; json: string }
  | { type: 'push'; message: ServerMessage }
  | { type: 'closed' };
