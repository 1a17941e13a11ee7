import { apiArgSchemas, type ApiParsedArgs, type ApiResults } from '../../shared/api/contract';
import { fail, ok, type ApiResult } from '../../shared/api/result';
import { formatIssue } from '../core/api/toApiError';
import type { SafeKeyStore } from './safeKeyStore';

/** Answers the contract's keys.* calls in main; see registerIpc. */
export type KeysHandler = (method: string, rawArgs: unknown) => Promise<ApiResult<unknown>>;

/**
 * Every `keys.*` name, known or not, is answered in main and never relayed: a key must not reach
 * the core by a method the core does not know either.
 */
export function isKeysMethod(method: string): boolean {
  return method.startsWith('keys.');
}

/**
 * The desktop app's key methods over the OS-encrypted store. Arguments are parsed with the
 * contract's own schemas (as the core's dispatcher would), a key is never returned or echoed in an
 * error, and after every change the core worker gets the new decrypted map (`onChange`), so runs
 * started or resumed next use it.
 */
export function createKeysHandler(store: SafeKeyStore, onChange: (keys: Record<string, string>) => void): KeysHandler {
  const handlers = {
    'keys.status': (): ApiResults['keys.status'] => {
      const status = store.available();
      return { available: status.ok, ...(status.ok ? {} : { reason: status.reason }), stored: store.names() };
    },
    'keys.set': ({ endpoint, key }: ApiParsedArgs<'keys.set'>): ApiResults['keys.set'] => {
      store.set(endpoint, key);
      onChange(store.all());
      return { endpoint, stored: true };
    },
    'keys.delete': ({ endpoint }: ApiParsedArgs<'keys.delete'>): ApiResults['keys.delete'] => {
      const existed = store.names().includes(endpoint);
      store.delete(endpoint);
      onChange(store.all());
      return { endpoint, deleted: existed };
    },
  };
  return async (method, rawArgs) => {
    if (!Object.prototype.hasOwnProperty.call(handlers, method)) return fail('unknown-method', `unknown method ${JSON.stringify(method).slice(0, 80)}`);
    const name = method as keyof typeof handlers;
    const parsed = apiArgSchemas[name].safeParse(rawArgs === undefined || rawArgs === null ? {} : rawArgs);
    if (!parsed.success) {
      const details = parsed.error.issues.map(formatIssue);
      return fail('bad-request', `invalid arguments for ${name}: ${details.join('; ')}`, details);
    }
    try {
      return ok((handlers[name] as (args: unknown) => unknown)(parsed.data));
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown };
      const message = typeof e?.message === 'string' ? e.message : String(error);
      return fail(e?.code === 'unavailable' ? 'unavailable' : 'internal', message);
    }
  };
}
