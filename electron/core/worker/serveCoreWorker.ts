import type { MessagePort } from 'node:worker_threads';
import { summarizeAppended, type AppInfo } from '../../../shared/api/contract';
import { fail } from '../../../shared/api/result';
import { describeBodyParseError, parseJsonBounded } from '../../../shared/json/boundedJson';
import { apiDepsFromCore, createApiService, type ApiDispatcher } from '../api';
import { createCore } from '../composition/createCore';
import type { KeyResolver } from '../composition/createRunGateway';
import type { CoreWorkerOptions, FromWorker, ToWorker } from './coreWorkerProtocol';

/**
 * The worker's side: opens the core, answers `invoke` messages through the contract's dispatcher
 * (the same one every transport uses, so validation is identical) and pushes committed-event
 * summaries. `close` pauses local runs at their next safe point and closes the database.
 */
export async function serveCoreWorker(port: MessagePort, options: CoreWorkerOptions): Promise<void> {
  const post = (message: FromWorker) => port.postMessage(message);
  // Keys live in the parent (safeStorage); the worker holds the latest copy it was sent, in memory only.
  let keys: Record<string, string> = { ...(options.keys ?? {}) };
  const keyResolver: KeyResolver = (endpoint) => keys[endpoint.name];
  let core: Awaited<ReturnType<typeof createCore>>;
  try {
    core = await createCore({
      dbPath: options.dbPath,
      keyResolver,
      ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
      ...(options.vecExtensionPath ? { vecExtensionPath: options.vecExtensionPath } : {}),
    });
  } catch (error) {
    const failure = error as { message?: unknown; code?: unknown; name?: unknown };
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      ...(typeof failure?.code === 'string' ? { code: failure.code } : {}),
      ...(typeof failure?.name === 'string' ? { name: failure.name } : {}),
    });
    return;
  }
  const api = createApiService(
    apiDepsFromCore(core, {
      version: options.version,
      keyResolver,
      ...(options.defaultRunConfig ? { defaultRunConfig: options.defaultRunConfig } : {}),
    }),
  );
  const dispatchers = new Map<AppInfo['transport'], ApiDispatcher>();
  const dispatcherFor = (transport: AppInfo['transport']) => {
    let dispatcher = dispatchers.get(transport);
    if (!dispatcher) dispatchers.set(transport, (dispatcher = api.dispatcher(transport)));
    return dispatcher;
  };
  // Only the writer appends, so only its feed has anything to push.
  const unsubscribe = options.role === 'reader'
    ? () => undefined
    : api.subscribe((events) => post({ type: 'push', message: { event: 'runs.appended', payload: summarizeAppended(events) } }));

  let closing = false;
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'invoke':
        if (closing) return post({ type: 'result', id: message.id, result: fail('unavailable', 'the core is shutting down') });
        void dispatcherFor(message.transport)(message.method, message.args).then((result) => post({ type: 'result', id: message.id, result }));
        return;
      case 'invokeJson': {
        let args: unknown;
        try {
          args = message.body.length === 0 ? {} : parseJsonBounded(message.body);
        } catch (error) {
          return post({ type: 'resultJson', id: message.id, ok: false, code: 'bad-request', json: JSON.stringify(fail('bad-request', describeBodyParseError(error))) });
        }
        const pending = closing ? Promise.resolve(fail('unavailable', 'the core is shutting down')) : dispatcherFor(message.transport)(message.method, args);
        void pending.then((result) =>
          post({ type: 'resultJson', id: message.id, ok: result.ok, ...(result.ok ? {} : { code: result.error.code }), json: JSON.stringify(result) }),
        );
        return;
      }
      case 'keys':
        keys = { ...message.keys };
        return;
      case 'close':
        if (closing) return;
        closing = true;
        unsubscribe();
        void core.close().finally(() => {
          post({ type: 'closed' });
          port.close();
        });
        return;
    }
  });
  post({ type: 'ready', dbPath: core.dbPath });
}
