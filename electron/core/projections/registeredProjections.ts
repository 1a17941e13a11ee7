import { EventRegistry } from '../store/eventRegistry';
import type { Projection } from './projection';
import { registerRunEvents } from '../engine/registerRunEvents';
import { runProjections } from './run/runProjections';
import { CATALOG_EVENT_SCHEMAS } from '../../../shared/events/catalog';
import { EXPERIMENT_EVENT_SCHEMAS } from '../../../shared/experiments/experimentEvents';

/**
 * The projections of the application, in the order they apply. The engine registers its
 * projections here (run list, prompt versions, metrics, notebook + notebook_vec, usage); the
 * store, `remo rebuild` and the composition root all take the list from this one place.
 */
export function registeredProjections(): Projection[] {
  return [...runProjections()];
}

/**
 * The event types of the application and their upcasters. The engine registers its event types
 * here; until it does, unregistered types are refused, so nothing unknown slips into the log.
 */
export function registeredEventRegistry(): EventRegistry {
  const registry = registerRunEvents(new EventRegistry());
  // The run catalog (stream `$catalog`): renames and archiving, never part of a run's log.
  for (const [type, { version, schema }] of Object.entries(CATALOG_EVENT_SCHEMAS)) registry.register({ type, version, schema });
  // Experiments and their membership (stream `$experiments`), read on demand by electron/core/experiments.
  for (const [type, { version, schema }] of Object.entries(EXPERIMENT_EVENT_SCHEMAS)) registry.register({ type, version, schema });
  return registry;
}
