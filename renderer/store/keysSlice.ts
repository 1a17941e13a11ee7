import type { KeysStatus } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/result';
import type { SliceContext } from './appStore';
import { knownEndpointNames } from './knownEndpointNames';

export interface KeysSlice {
  /** What the host says about key storage; never a key (the contract has no method returning one). */
  keysStatus: KeysStatus | null;
  /** keys.status failed: in the browser build `unavailable` (keys belong to the desktop app). */
  keysError: ApiError | null;
  /** Endpoint names to offer a key for (defaults, recent runs, names already holding a key). */
  keyEndpoints: string[];
  loadKeys(): Promise<void>;
  /** Stores or replaces a key; the answer's error, if any, for the form to show. */
  saveKey(endpoint: string, key: string): Promise<ApiError | null>;
  deleteKey(endpoint: string): Promise<ApiError | null>;
}

export function createKeysSlice({ set, get, client }: SliceContext): KeysSlice {
  async function refreshStatus(): Promise<void> {
    const status = await client.call('keys.status', {});
    if (status.ok) set({ keysStatus: status.value, keysError: null, keyEndpoints: merge(get().keyEndpoints, status.value.stored) });
    else set({ keysStatus: null, keysError: status.error });
  }
  return {
    keysStatus: null,
    keysError: null,
    keyEndpoints: [],
    async loadKeys() {
      const [names] = await Promise.all([knownEndpointNames(client, get().runs), refreshStatus()]);
      set({ keyEndpoints: merge(names, get().keysStatus?.stored ?? []) });
    },
    async saveKey(endpoint, key) {
      const result = await client.call('keys.set', { endpoint, key });
      await refreshStatus();
      return result.ok ? null : result.error;
    },
    async deleteKey(endpoint) {
      const result = await client.call('keys.delete', { endpoint });
      await refreshStatus();
      return result.ok ? null : result.error;
    },
  };
}

function merge(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => x.localeCompare(y));
}
