/**
 * PRAGMA application_id of every REMO Studio database: the ASCII bytes "REMO" (0x52454D4F).
 * Checked on open so another program's SQLite file is refused instead of being migrated.
 */
export const REMO_APPLICATION_ID = 0x52454d4f;
