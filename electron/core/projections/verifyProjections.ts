import type { Db } from '../store/types';
import type { EventReader } from './eventReader';
import type { Projection } from './projection';
import { checksumProjectionTables } from './checksumProjectionTables';
import { rebuildProjections } from './rebuildProjections';

export interface ProjectionsCheck {
  ok: boolean;
  /** Names of the projections whose tables differ from a rebuild of the log. */
  differing: string[];
}

/**
 * `remo verify`'s projection check: rebuilds every projection from the log into `scratch` (an
 * empty database with this build's schema, e.g. in memory) and compares each projection's table
 * checksum there with the live tables in `db`. The live database is only read, never locked for
 * writing: verify stays a read-only method (served by reader connections) and an edited row stays
 * in place for `remo rebuild` to repair. The live checksums and the replay read one snapshot (a
 * read transaction), so appends committed meanwhile by a writer cannot make tables look different.
 * Costs one full replay, like `remo rebuild`.
 */
export function verifyProjections(db: Db, reader: EventReader, projections: readonly Projection[], scratch: Db): ProjectionsCheck {
  return db.transaction((): ProjectionsCheck => {
    const live = projections.map((projection) => checksumProjectionTables(db, [projection]));
    rebuildProjections(scratch, reader, projections);
    const differing = projections
      .filter((projection, index) => checksumProjectionTables(scratch, [projection]) !== live[index])
      .map((projection) => projection.name);
    return { ok: differing.length === 0, differing };
  })();
}
