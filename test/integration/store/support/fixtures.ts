import type { NewEvent } from '../../../../shared/events/envelope';
import { EventRegistry } from '../../../../electron/core/store/eventRegistry';

/** The registry the store tests use: two plain types. */
export function testRegistry(): EventRegistry {
  return new EventRegistry().register({ type: 'ValueRecorded', version: 1 }).register({ type: 'NoteWritten', version: 1 });
}

export function value(v: number, metadata?: NewEvent['metadata']): NewEvent {
  return { type: 'ValueRecorded', data: { value: v }, ...(metadata ? { metadata } : {}) };
}

export function note(text: string): NewEvent {
  return { type: 'NoteWritten', data: { text } };
}
