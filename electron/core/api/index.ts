/**
 * electron/core/api: the contract (shared/api/contract.ts) implemented over the core, plus the
 * in-process transport. The web host and Electron main build their transports on the dispatcher.
 */
export { createApiDispatcher, type ApiDispatcher } from './createApiDispatcher';
export { createApiHandlers, type ApiCoreDeps } from './createApiHandlers';
export { createInProcessTransport } from './createInProcessTransport';
export { createApiService, type ApiService } from './createApiService';
export { toApiError } from './toApiError';
export { apiDepsFromCore, type ApiDepsOptions } from './apiDepsFromCore';
