import { summarizeAppended, type ServerMessage } from '../../../shared/api/contract';
import type { ApiTransport } from '../../../shared/api/transport';
import { valueExceedsDepth } from '../../../shared/json/boundedJson';
import type { ApiDispatcher } from './createApiDispatcher';
import type { RunService } from '../runs/runService';

/**
 * The in-process transport (CLI, tests): same dispatcher as the other transports, no wire.
 * Results and pushed events are structured-cloned so a caller can never mutate core state by
 * reference, and so a value that would not survive IPC fails here too.
 */
export function createInProcessTransport(dispatch: ApiDispatcher, runs: Pick<RunService, 'subscribe'>): ApiTransport {
  return {
    async invoke(method, args) {
      // Too deep to clone (structuredClone recurses): hand it over as is, the dispatcher refuses it unread.
      return structuredClone(await dispatch(method, valueExceedsDepth(args) ? args : structuredClone(args)));
    },
    subscribe(listener: (message: ServerMessage) => void) {
      return runs.subscribe((events) => listener({ event: 'runs.appended', payload: summarizeAppended(events) }));
    },
  };
}
