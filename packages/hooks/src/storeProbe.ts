import { createRequire } from 'node:module';
import { HOOK_ERROR_CODES, HookError } from './errors.js';

/**
 * How long the probe waits for the store's write lock. Other agents' commits hold it for
 * milliseconds, so this rides out contention; a lock held longer is a stuck process.
 */
export const PROBE_WAIT_MS = 200;

interface SqliteDb {
  exec(sql: string): unknown;
  close(): unknown;
}
type SqliteOpen = new (
  path: string,
  options: { fileMustExist: boolean; timeout: number },
) => SqliteDb;

/** An open probe connection; close it once the store is open. */
export interface StoreProbe {
  close(): void;
}

// better-sqlite3 is a dependency of ours: the bundled executables leave it external (native
// code), and the client they bundle resolves it from here too, so the probe loads the same copy.
function loadSqlite(): SqliteOpen {
  return createRequire(import.meta.url)('better-sqlite3') as SqliteOpen;
}

function classify(error: unknown, path: string, waitMs: number): HookError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new HookError(
      HOOK_ERROR_CODES.storeBusy,
      `the Spaces store at ${path} is locked by another process (waited ${waitMs} ms); try again later`,
    );
  }
  return new HookError(
    HOOK_ERROR_CODES.storeUnreadable,
    `the Spaces store at ${path} cannot be used: ${message}`,
  );
}

/**
 * Checks, before the client opens the store, that it is a SQLite file whose write lock can be
 * taken within `waitMs`. Why: the client waits up to 10 s for a lock, synchronously, which no
 * timer can interrupt; a hook must give up within its budget instead. Takes the lock and
 * releases it at once, writing nothing. The connection stays open until {@link StoreProbe.close}
 * so that closing it is never the last close of the store, which would checkpoint it.
 * @throws HookError `hooks.store_busy` or `hooks.store_unreadable`.
 */
export function probeStore(path: string, waitMs = PROBE_WAIT_MS): StoreProbe {
  const Database = loadSqlite();
  let db: SqliteDb | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: waitMs });
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (error) {
    db?.close();
    throw classify(error, path, waitMs);
  }
  const open = db;
  return { close: () => void open.close() };
}
