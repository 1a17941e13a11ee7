/** Public API of the event store; see README.md in this folder. */
export { openDatabase, defaultVecExtensionPath, type OpenDatabaseOptions, type Durability } from './openDatabase';
export { openEventStore, type OpenEventStoreOptions, type OpenedEventStore } from './openEventStore';
export { EventRegistry, type EventTypeDefinition, type Upcaster } from './eventRegistry';
export { VersionConflict } from './versionConflict';
export { UnknownEventError, InvalidAppendError } from './storeErrors';
export { ForeignDatabaseError, NewerSchemaError, MigrationHistoryError, OutdatedSchemaError } from './databaseOpenErrors';
export { assertSupportedRuntime, UnsupportedRuntimeError } from './assertSupportedRuntime';
export { verifyEventLog, type VerifyResult } from './verifyEventLog';
export { REMO_APPLICATION_ID } from './applicationId';
export type { Db, Clock, EventStore, AppendOptions, AppendResult, ReadStreamOptions, ReadAllOptions } from './types';
