/**
 * The log holds an event this build cannot read: its type is not registered, its schema version is
 * newer than the current one, or no upcaster leads from its version to the current one.
 * Reported, never silently dropped.
 */
export class UnknownEventError extends Error {
  override name = 'UnknownEventError';
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    /** Global position of the event in the log (0 when refused on append, before it had one). */
    readonly globalPosition: number,
    readonly reason: 'unknown-type' | 'newer-version' | 'missing-upcaster',
  ) {
    const where = globalPosition > 0 ? ` at global position ${globalPosition}` : '';
    const why = {
      'unknown-type': 'is not a registered event type',
      'newer-version': 'has a schema version newer than this build knows',
      'missing-upcaster': 'has no upcaster to the current schema version',
    }[reason];
    super(`event ${eventType} v${schemaVersion}${where} ${why}`);
  }
}

/** An append the store refuses for its content (bad fork, invalid data); nothing was written. */
export class InvalidAppendError extends Error {
  override name = 'InvalidAppendError';
}
