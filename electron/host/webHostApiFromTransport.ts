import { fail } from '../../shared/api/result';
import { describeBodyParseError, parseJsonBounded } from '../../shared/json/boundedJson';
import type { ApiTransport } from '../../shared/api/transport';
import type { WebHostApi } from './startWebHost';

/**
 * The web host's API over any contract transport, parsing and serialising on this thread: for a
 * core in the same thread (tests, benchmarks). The served app uses the core worker's `invokeJson`,
 * which does that work off the host's thread.
 */
export function webHostApiFromTransport(transport: ApiTransport): WebHostApi {
  return {
    async invokeJson(method, body) {
      let args: unknown;
      try {
        args = body.length === 0 ? {} : parseJsonBounded(body);
      } catch (error) {
        return { ok: false, code: 'bad-request', json: JSON.stringify(fail('bad-request', describeBodyParseError(error))) };
      }
      const result = await transport.invoke(method, args);
      return { ok: result.ok, ...(result.ok ? {} : { code: result.error.code }), json: JSON.stringify(result) };
    },
    subscribe: (listener) => transport.subscribe(listener),
  };
}
