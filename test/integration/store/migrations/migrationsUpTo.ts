import { migrations, type Migration } from '../../../../electron/core/store/migrations/index';

/** The known migrations with an id <= `id`: "the schema at N". */
export function migrationsUpTo(id: number): Migration[] {
  return migrations.filter((migration) => migration.id <= id);
}
