import { RUN_EVENT_SCHEMAS } from '../../../shared/events/run/runEventSchemas';
import type { EventRegistry } from '../store/eventRegistry';

/**
 * Registers every run event type with its schema version and zod schema. RunForked is the
 * store's own type; the engine re-registers it with its richer schema (the fork's resolved config),
 * which the registry allows for that one type.
 */
export function registerRunEvents(registry: EventRegistry): EventRegistry {
  for (const [type, { version, schema }] of Object.entries(RUN_EVENT_SCHEMAS)) {
    if (type !== 'RunForked' && registry.has(type)) continue;
    registry.register({ type, version, schema });
  }
  return registry;
}
