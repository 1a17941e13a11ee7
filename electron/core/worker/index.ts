/** electron/core/worker: the core in its own thread, reached through the contract over a port. */
export { startCoreWorker, CoreStartError, SOURCE_WORKER_ENTRY, type CoreWorker, type JsonAnswer } from './startCoreWorker';
export type { CoreWorkerOptions } from './coreWorkerProtocol';
export { startCorePool, type CorePoolOptions } from './startCorePool';
export { READ_ONLY_METHODS } from './readOnlyMethods';
