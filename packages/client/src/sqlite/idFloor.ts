import type Database from 'better-sqlite3';
import type { TableDecl } from '@spaces/core';
import type { CommitContext } from './tableTx.js';
import { q } from './schema.js';

/**
 * `id_floor(table, id)`: for a table whose newest row was deleted, the id it had. Ids are never
 * reused (as in core's memory engine and SpacetimeDB sequences), so the next id is one past the
 * larger of the table's greatest id and its floor. SQLite's AUTOINCREMENT gives the same promise
 * by rewriting `sqlite_sequence` on every insert, one more page in every commit; the floor is
 * written only when a table's newest row is deleted.
 */
export function idFloorDdl({ temp = false }: { temp?: boolean } = {}): string {
  return `CREATE ${temp ? 'TEMP ' : ''}TABLE IF NOT EXISTS "id_floor" ("table" TEXT PRIMARY KEY, "id" INTEGER NOT NULL) WITHOUT ROWID`;
}

/** How an auto-increment table keeps its ids unique forever. */
export interface IdKeeper {
  /** The id to insert a new row with, or undefined to let SQLite take one past the greatest. */
  next(): bigint | undefined;
  /** Before deleting the row with this id: remembers it if it is the newest. */
  deleting(id: bigint): void;
}

/**
 * The id keeper of one table with an auto-increment key. Tables of stores created before the
 * floor existed were declared AUTOINCREMENT: SQLite keeps their ids, and this does nothing.
 */
export function idKeeper(
  db: Database.Database,
  decl: TableDecl,
  key: string,
  context: CommitContext,
): IdKeeper {
  const t = q(decl.name);
  // The table as this connection sees it: a temp table (verify's replay) shadows the store's.
  const sql = db
    .prepare(
      `SELECT sql FROM sqlite_temp_schema WHERE name = ?
       UNION ALL SELECT sql FROM sqlite_schema WHERE name = ? LIMIT 1`,
    )
    .pluck()
    .get(decl.name, decl.name) as string | undefined;
  if (sql === undefined || /AUTOINCREMENT/i.test(sql)) {
    return { next: () => undefined, deleting: () => {} };
  }
  const greatest = db
    .prepare(`SELECT max(${q(key)}) FROM ${t}`)
    .safeIntegers(true)
    .pluck();
  const floorOf = db
    .prepare(`SELECT id FROM id_floor WHERE "table" = ?`)
    .safeIntegers(true)
    .pluck();
  const raise = db.prepare(
    `INSERT INTO id_floor ("table", id) VALUES (?, ?)
     ON CONFLICT ("table") DO UPDATE SET id = max(id, excluded.id)`,
  );
  // The floor is read once per epoch (see CommitContext): only a commit can move it.
  let floor = 0n;
  let floorEpoch = -1;
  const current = () => {
    if (floorEpoch !== context.epoch) {
      floor = (floorOf.get(decl.name) as bigint | undefined) ?? 0n;
      floorEpoch = context.epoch;
    }
    return floor;
  };
  return {
    next() {
      const at = current();
      if (at === 0n) return undefined; // never a newest row deleted: SQLite's max + 1 is right
      const max = (greatest.get() as bigint | null) ?? 0n;
      return max > at ? undefined : at + 1n;
    },
    deleting(id) {
      if ((greatest.get() as bigint | null) !== id || id <= current()) return;
      raise.run(decl.name, id);
      floor = id;
    },
  };
}
