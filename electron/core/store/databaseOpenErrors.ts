/** The file is not a REMO Studio database (another application's SQLite file, or not SQLite at all). Nothing was changed. */
export class ForeignDatabaseError extends Error {
  override name = 'ForeignDatabaseError';
  constructor(readonly path: string, detail: string) {
    super(`${path} is not a REMO Studio database (${detail}); it was left unchanged.`);
  }
}

/** The database was written by a newer build (more migrations applied than this build knows). Nothing was changed. */
export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
  constructor(readonly path: string, readonly appliedCount: number, readonly knownCount: number) {
    super(
      `${path} was written by a newer version of REMO Studio (schema ${appliedCount}, this build knows ${knownCount}); ` +
        'update the application. The file was left unchanged.',
    );
  }
}

/** The applied migrations are not a prefix of the known list (renamed, reordered or foreign history). Nothing was changed. */
export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError';
}

/** A read-only connection found a schema older than this build's: a writer must open (and migrate) it first. */
export class OutdatedSchemaError extends Error {
  override name = 'OutdatedSchemaError';
}
