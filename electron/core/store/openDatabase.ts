import { existsSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as sqliteVec from 'sqlite-vec';
import type BetterSqlite3 from 'better-sqlite3';
import type { Clock, Db } from './types';
import type { Migration } from './migrations/migration';
import { migrations as knownMigrations } from './migrations/index';
import { applyMigrations, pendingMigrations, readAppliedMigrations } from './migrations/migrationHistory';
import { assertSupportedRuntime } from './assertSupportedRuntime';
import { REMO_APPLICATION_ID } from './applicationId';
import { ForeignDatabaseError, OutdatedSchemaError } from './databaseOpenErrors';

/**
 * How hard a commit is pushed to disk. In WAL mode:
 * - 'normal' (default): no fsync per commit. A committed transaction survives a killed or crashed
 *   process (it is in the OS page cache and the WAL); only an OS crash or power loss can lose the
 *   last transactions since the previous checkpoint, and never corrupts the file. We choose it
 *   because everything the log records can be recomputed by resuming the run (the engine resumes
 *   from the log's end), while an fsync per append would cap single appends at the disk's fsync
 *   rate (hundreds per second) during optimisation loops.
 * - 'full': fsync the WAL on every commit; survives power loss, for callers that want it.
 */
export type Durability = 'normal' | 'full';

export interface OpenDatabaseOptions {
  /** A second connection for readers: no migration, no writes (WAL lets it read while the writer appends). */
  readonly?: boolean;
  /** The schema to migrate to. Default: every known migration. Tests pass a prefix. */
  migrations?: readonly Migration[];
  /** Stamps `schema_migrations.applied_at`. Default: the wall clock. */
  clock?: Clock;
  durability?: Durability;
  /**
   * Read-only tools that only read the events table (`remo verify`) accept a file whose schema is
   * behind this build's. Readers of projections must not.
   */
  allowOutdatedSchema?: boolean;
  /** Where the sqlite-vec loadable extension lives (packaged apps: inside app.asar.unpacked). */
  vecExtensionPath?: string;
}

const SQLITE_BUSY_TIMEOUT_MS = 5_000;
/**
 * Read-path tuning, measured by test/bench/store.bench.ts: a 64 MiB page cache (the default is 2 MiB)
 * and memory-mapped reads (no pread syscall per page) make replaying and folding long runs several
 * times faster. mmap only maps the file; it reserves address space, not memory.
 */
const CACHE_SIZE_KIB = 64 * 1024;
const MMAP_SIZE_BYTES = 1024 * 1024 * 1024;
/**
 * Write-path tuning, same benchmark: checkpoint the WAL every ~40 MB (10,000 pages) instead of
 * ~4 MB. Hot pages (index tails, projection rows) are then copied to the database once per
 * checkpoint rather than ten times: ~10-20% more batched appends/s. The WAL file is truncated back
 * to 64 MiB at most after a checkpoint so it does not stay large on disk.
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/**
 * Page size of NEW databases (an existing file keeps its own). Events are ~1 KB rows; with 8 KiB
 * pages a 100-event append writes half as many WAL frames. Alternating runs against 4 KiB: +11%
 * batched appends/s in an append-only micro-benchmark (61-70k vs 68-77k events/s); in the full
 * store bench appends within noise (55-63k vs 60-62k) and rebuild +10% (216-224k vs 248-251k).
 * Must be set before WAL mode and the first table.
 */
const NEW_DATABASE_PAGE_SIZE = 8192;
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

function tuneConnection(db: Db): void {
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
  db.pragma(`mmap_size = ${MMAP_SIZE_BYTES}`);
}

function tuneWriter(db: Db): void {
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
}

type DatabaseConstructor = typeof BetterSqlite3;

/** better-sqlite3 is required lazily, AFTER the runtime check: on Node 20 loading it segfaults. */
function loadBetterSqlite3(): DatabaseConstructor {
  assertSupportedRuntime();
  const require = createRequire(import.meta.url);
  return require('better-sqlite3') as DatabaseConstructor;
}

function isEmptyOrMissing(path: string): boolean {
  return !existsSync(path) || statSync(path).size === 0;
}

/**
 * Looks at an existing file through a read-only connection and decides whether it is ours, without
 * writing a byte: a foreign file, a newer schema or a mismatched history throws here.
 * Returns the migrations still to apply.
 */
function inspectExisting(Database: DatabaseConstructor, path: string, known: readonly Migration[]): Migration[] {
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let probe: Db | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
    const applicationId = probe.pragma('application_id', { simple: true }) as number;
    const objectCount = (probe.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    if (applicationId === 0 && objectCount === 0) return [...known]; // an empty SQLite file: ours to initialise
    if (applicationId !== REMO_APPLICATION_ID) {
      throw new ForeignDatabaseError(path, `application_id is ${applicationId}, expected ${REMO_APPLICATION_ID}`);
    }
    return pendingMigrations(readAppliedMigrations(probe), known, path);
  } catch (error) {
    if (error instanceof Error && (error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new ForeignDatabaseError(path, 'not an SQLite file');
    }
    throw error;
  } finally {
    probe?.close();
    removeProbeSideFiles(sideFiles);
  }
}

/**
 * A read-only connection to a WAL-mode file creates `-wal`/`-shm` files and, unlike a writer, does
 * not remove them on close. Remove the ones the probe created (an empty WAL holds nothing), so that a
 * refused file's folder is left exactly as it was.
 */
function removeProbeSideFiles(createdIfPresent: readonly string[]): void {
  for (const file of createdIfPresent) {
    if (existsSync(file) && (file.endsWith('-shm') || statSync(file).size === 0)) rmSync(file, { force: true });
  }
}

/**
 * Where the installed sqlite-vec package keeps its loadable extension. A host that relocates native
 * files (the packaged Electron app: app.asar.unpacked) rewrites this path and passes it back as
 * `vecExtensionPath`, so only core knows about the sqlite-vec package.
 */
export function defaultVecExtensionPath(): string {
  return sqliteVec.getLoadablePath();
}

function loadVectorExtension(db: Db, extensionPath: string | undefined): void {
  if (extensionPath) db.loadExtension(extensionPath);
  else sqliteVec.load(db);
}

/**
 * Opens (creating when missing or empty) a REMO Studio database: checks the runtime, refuses files
 * that are not ours or that a newer build wrote (leaving them byte-for-byte unchanged), sets WAL and
 * the chosen durability, loads sqlite-vec and applies pending migrations.
 *
 * With `readonly: true` it opens a second connection for readers on an existing, migrated file.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  const Database = loadBetterSqlite3();
  const known = options.migrations ?? knownMigrations;
  if (path !== ':memory:' && existsSync(path) && statSync(path).isDirectory()) {
    throw new Error(`${path} is a directory, not a database file`); // SQLite would say "disk I/O error"
  }
  const fresh = isEmptyOrMissing(path);
  if (options.readonly && fresh) throw new Error(`no database at ${path}`);
  const pending = fresh ? pendingMigrations([], known, path) : inspectExisting(Database, path, known);

  if (options.readonly) {
    if (pending.length > 0 && !options.allowOutdatedSchema) {
      throw new OutdatedSchemaError(`${path} needs ${pending.length} migration(s); open it with a writer first`);
    }
    const reader = new Database(path, { readonly: true, fileMustExist: true });
    tuneConnection(reader);
    loadVectorExtension(reader, options.vecExtensionPath);
    return reader;
  }

  const db = new Database(path);
  try {
    if (fresh) db.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    tuneConnection(db);
    tuneWriter(db);
    loadVectorExtension(db, options.vecExtensionPath);
    // Reached only for our own files or empty ones (inspectExisting refused the rest): claim empty ones.
    if (db.pragma('application_id', { simple: true }) !== REMO_APPLICATION_ID) {
      db.pragma(`application_id = ${REMO_APPLICATION_ID}`);
    }
    applyMigrations(db, pending, options.clock ?? (() => new Date()));
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
