/**
 * Entry of the core worker thread. Started by startCoreWorker (through coreWorker.mjs under tsx,
 * or as the bundled dist/worker/coreWorker.cjs in the desktop app).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CoreWorkerOptions } from './coreWorkerProtocol';
import { serveCoreWorker } from './serveCoreWorker';

if (!parentPort) throw new Error('coreWorkerMain runs only as a worker thread');
void serveCoreWorker(parentPort, workerData as CoreWorkerOptions);
