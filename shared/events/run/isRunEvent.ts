import type { StoredEvent } from '../envelope';
import { RUN_EVENT_TYPES } from './runEventSchemas';
import type { StoredRunEvent } from './runEventTypes';

const RUN_TYPES: ReadonlySet<string> = new Set(RUN_EVENT_TYPES);

/**
 * Narrows a stored event to the run catalogue by its type. The type is enough: the store's registry
 * validated the data against that type's schema on append and lifts old shapes on read.
 */
export function isRunEvent(event: StoredEvent): event is StoredRunEvent {
  return RUN_TYPES.has(event.type);
}
