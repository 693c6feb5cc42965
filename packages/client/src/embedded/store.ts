import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { storeDdl } from '../sqlite/schema.js';
import { migrateMessageSeq } from './messageSeq.js';

/** The SQLite file of a home folder. */
export function storePath(home: string): string {
  return join(home, 'spaces.db');
}

/** The file a writer touches after each commit, so other processes wake without polling. */
export function notifyPath(dbPath: string): string {
  return `${dbPath}-notify`;
}

/**
 * The pragmas every connection uses. WAL lets readers run beside one writer; synchronous=NORMAL
 * makes a commit durable against a process crash (the WAL write reaches the OS before COMMIT
 * returns) but not against power loss, which may lose the last commits (never corrupt the file).
 * The benchmark's raw baseline uses the same list.
 */
export const PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 10000',
  // Checkpoints are run by the engine after waking subscribers, not inside COMMIT.
  'wal_autocheckpoint = 0',
];

/** Opens (creating if needed) a store file with the schema derived from core's declarations. */
export function openStore(path: string, options: { readonly?: boolean } = {}): Database.Database {
  if (path !== ':memory:') mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const db = new Database(path, { readonly: options.readonly ?? false });
  for (const pragma of PRAGMAS) db.pragma(pragma);
  if (!options.readonly) {
    // Creating the schema takes the write lock, so two processes opening a new store at once
    // serialize here rather than failing.
    db.transaction(() => {
      for (const sql of storeDdl()) db.exec(sql);
      migrateMessageSeq(db);
    }).immediate();
    if (path !== ':memory:') closeSync(openSync(notifyPath(path), 'a', 0o600));
  }
  return db;
}
