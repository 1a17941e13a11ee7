import type { EventStore } from '../store/types';

/** The part of the store projections need: reads only. */
export type EventReader = Pick<EventStore, 'readStream' | 'readOwnEvents' | 'readAll' | 'lastGlobalPosition'>;
