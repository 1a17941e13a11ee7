// Source-tree entry of the core worker: a worker thread does not inherit the parent's tsx loader,
// so it registers its own before loading the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./coreWorkerMain.ts');
