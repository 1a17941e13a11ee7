import { cpus } from 'node:os';
import type { ServerMessage } from '../../../shared/api/contract';
import type { ApiTransport } from '../../../shared/api/transport';
import type { CoreWorkerOptions } from './coreWorkerProtocol';
import { READ_ONLY_METHODS } from './readOnlyMethods';
import { SOURCE_WORKER_ENTRY, startCoreWorker, type CoreWorker } from './startCoreWorker';

export interface CorePoolOptions extends CoreWorkerOptions {
  /** Reader threads beside the writer. Default: 2 (1 on a single-core machine); 0 routes everything to the writer. */
  readers?: number;
}

/**
 * The core as Signal keeps SQL: one writer thread (engine, appends, run control, pushes) and a few
 * reader threads on the same SQLite file (WAL lets readers see every committed transaction while
 * the writer works). Read-only methods go to the reader with the fewest calls in flight, so a scrub
 * through a 50,000-event run or an engine burst never queues a cheap call behind it; everything
 * else goes to the writer. Same interface as a single worker: the relays cannot tell them apart.
 */
export async function startCorePool(options: CorePoolOptions, entry: string = SOURCE_WORKER_ENTRY): Promise<CoreWorker> {
  const { readers: readerCount = cpus().length > 1 ? 2 : 1, ...workerOptions } = options;
  // The writer opens (and migrates) the database first; readers then open a current schema.
  const writer = await startCoreWorker(workerOptions, entry);
  let readers: CoreWorker[];
  try {
    readers = await Promise.all(Array.from({ length: readerCount }, () => startCoreWorker({ ...workerOptions, role: 'reader' }, entry)));
  } catch (error) {
    await writer.close();
    throw error;
  }
  const inFlight = new Map<CoreWorker, number>([writer, ...readers].map((worker) => [worker, 0]));

  function route(method: string): CoreWorker {
    if (readers.length === 0 || !READ_ONLY_METHODS.has(method)) return writer;
    let best = readers[0]!;
    for (const reader of readers) if (inFlight.get(reader)! < inFlight.get(best)!) best = reader;
    return best;
  }
  async function counted<T>(worker: CoreWorker, work: () => Promise<T>): Promise<T> {
    inFlight.set(worker, inFlight.get(worker)! + 1);
    try {
      return await work();
    } finally {
      inFlight.set(worker, inFlight.get(worker)! - 1);
    }
  }

  return {
    dbPath: writer.dbPath,
    transport(name): ApiTransport {
      return {
        invoke(method, args) {
          const worker = route(method);
          return counted(worker, () => worker.transport(name).invoke(method, args));
        },
        subscribe: (listener: (message: ServerMessage) => void) => writer.subscribe(listener),
      };
    },
    invokeJson(name, method, body) {
      const worker = route(method);
      return counted(worker, () => worker.invokeJson(name, method, body));
    },
    subscribe: (listener) => writer.subscribe(listener),
    setKeys(keys) {
      writer.setKeys(keys);
      for (const reader of readers) reader.setKeys(keys);
    },
    async close() {
      await Promise.all(readers.map((reader) => reader.close()));
      await writer.close();
    },
  };
}
