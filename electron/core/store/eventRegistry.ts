import { z } from 'zod';
import { RUN_FORKED } from '../../../shared/events/envelope';
import { InvalidAppendError, UnknownEventError } from './storeErrors';

/** Turns the data of version `v` into the data of version `v + 1`. Pure. */
export type Upcaster = (data: unknown) => unknown;

/** What the registry knows about one event type. */
export interface EventTypeDefinition {
  type: string;
  /** The current schema version (>= 1): new events are stored with it; reads upcast to it. */
  version: number;
  /** Validates (and normalises) data on append. Optional: events without one are stored as given. */
  schema?: z.ZodType;
  /** `upcasters[v]` lifts data from version v to v + 1, for every v below `version` still in the log. */
  upcasters?: Record<number, Upcaster>;
}

export interface EventRegistryOptions {
  /**
   * 'reject' (default): an unregistered type is an error on append and on read.
   * 'passThrough': unregistered types are stored at version 1 and read as stored; for generic
   * tools and tests that do not interpret events.
   */
  unknownTypes?: 'reject' | 'passThrough';
}

const runForkedSchema = z.object({
  parentRunId: z.string().min(1),
  parentPosition: z.number().int().positive(),
  overrides: z.record(z.string(), z.unknown()),
});

/**
 * Knows each event type's current schema version, its optional append-time schema and its
 * upcasters. Stored events are never rewritten: old shapes are lifted on every read.
 * The store registers `RunForked` itself; the engine registers its own types at composition.
 */
export class EventRegistry {
  private readonly definitions = new Map<string, EventTypeDefinition>();
  private readonly unknownTypes: 'reject' | 'passThrough';

  constructor(options: EventRegistryOptions = {}) {
    this.unknownTypes = options.unknownTypes ?? 'reject';
    this.register({ type: RUN_FORKED, version: 1, schema: runForkedSchema });
  }

  /** Adds a type. Registering a type twice is a programming error. */
  register(definition: EventTypeDefinition): this {
    if (this.definitions.has(definition.type) && definition.type !== RUN_FORKED) {
      throw new Error(`event type ${definition.type} is already registered`);
    }
    if (!Number.isInteger(definition.version) || definition.version < 1) {
      throw new Error(`event type ${definition.type}: version must be an integer >= 1`);
    }
    this.definitions.set(definition.type, definition);
    return this;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  /** Registered type names, sorted. */
  types(): string[] {
    return [...this.definitions.keys()].sort();
  }

  /** The version and (validated) data an event is stored with. Throws before anything is written. */
  prepareForAppend(type: string, data: unknown): { schemaVersion: number; data: unknown } {
    const definition = this.definitions.get(type);
    if (!definition) {
      if (this.unknownTypes === 'passThrough') return { schemaVersion: 1, data };
      throw new UnknownEventError(type, 1, 0, 'unknown-type');
    }
    if (!definition.schema) return { schemaVersion: definition.version, data };
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) {
      throw new InvalidAppendError(`invalid ${type} data: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
    }
    return { schemaVersion: definition.version, data: parsed.data };
  }

  /** Lifts stored data to the type's current version. Throws `UnknownEventError` naming type, version and position. */
  upcast(type: string, schemaVersion: number, data: unknown, globalPosition: number): { schemaVersion: number; data: unknown } {
    const definition = this.definitions.get(type);
    if (!definition) {
      if (this.unknownTypes === 'passThrough') return { schemaVersion, data };
      throw new UnknownEventError(type, schemaVersion, globalPosition, 'unknown-type');
    }
    if (schemaVersion === definition.version) return { schemaVersion, data };
    if (schemaVersion > definition.version) throw new UnknownEventError(type, schemaVersion, globalPosition, 'newer-version');
    let lifted = data;
    for (let version = schemaVersion; version < definition.version; version++) {
      const upcaster = definition.upcasters?.[version];
      if (!upcaster) throw new UnknownEventError(type, schemaVersion, globalPosition, 'missing-upcaster');
      lifted = upcaster(lifted);
    }
    return { schemaVersion: definition.version, data: lifted };
  }
}
