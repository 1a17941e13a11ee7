import type { AppInfo } from '../../../shared/api/contract';
import type { ApiTransport } from '../../../shared/api/transport';
import { createApiDispatcher, type ApiDispatcher } from './createApiDispatcher';
import { createApiHandlers, type ApiCoreDeps } from './createApiHandlers';
import { createInProcessTransport } from './createInProcessTransport';

/** A dispatcher per transport name plus the push source: what host, main and CLI wire up. */
export interface ApiService {
  dispatcher(transport: AppInfo['transport']): ApiDispatcher;
  /** The in-process transport (CLI, tests). */
  inProcess(): ApiTransport;
  /** An in-thread transport that reports itself as `name` in app.info (tests of the other transports' relays). */
  transport(name: AppInfo['transport']): ApiTransport;
  /** Subscribe to committed events (every run). */
  subscribe: ApiCoreDeps['runs']['subscribe'];
}

export function createApiService(deps: ApiCoreDeps): ApiService {
  const dispatcher = (transport: AppInfo['transport']) => createApiDispatcher(createApiHandlers(deps, transport));
  return {
    dispatcher,
    inProcess: () => createInProcessTransport(dispatcher('in-process'), deps.runs),
    transport: (name) => createInProcessTransport(dispatcher(name), deps.runs),
    subscribe: (listener) => deps.runs.subscribe(listener),
  };
}
