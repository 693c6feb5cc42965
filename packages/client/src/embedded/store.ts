import Database from 'better-sqlite3';
import { accessSync, chmodSync, closeSync, constants, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFolder, statOf } from '../folders.js';
import { StoreError, storeFailure } from '../storeError.js';
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

/** Every file of a store: the database, SQLite's WAL and shared memory, and the notify file. */
export function storeFiles(dbPath: string): string[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, notifyPath(dbPath)];
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

/** How to open a store. */
export interface StoreOptions {
  readonly?: boolean;
  /**
   * Create the folder (mode 0700) and the database (0600) when missing (default true). When
   * false, a missing store is a `no_store` error naming the folder.
   */
  create?: boolean;
}

/**
 * Checks, before anything else touches it, that the store's folder is a folder if it exists, and
 * (unless it may be created) that the store exists: for a store that is not there, no profile is
 * made and no file is left behind.
 */
export function checkStore(path: string, { create = true }: { create?: boolean } = {}): void {
  const folder = dirname(path);
  const stats = statOrFail(folder);
  if (stats && !stats.isDirectory()) {
    throw new StoreError('store_unavailable', `${folder} is not a folder`, folder);
  }
  if (!create && (!stats || !statOrFail(path))) {
    throw new StoreError(
      'no_store',
      `no Spaces store in ${folder}: create one with \`spaces init\` (or choose another --home)`,
      folder,
    );
  }
}

/**
 * Opens (creating if allowed) a store file with the schema derived from core's declarations.
 * Every failure is a StoreError naming the path. A store that cannot be written is refused before
 * SQLite opens it: SQLite would otherwise create `-shm` with the database's read-only mode, and
 * the store would stay unwritable after the user fixed the database's mode.
 */
export function openStore(path: string, options: StoreOptions = {}): Database.Database {
  if (path === ':memory:') return prepare(new Database(path), false);
  const { readonly = false, create = true } = options;
  checkStore(path, { create });
  if (create) makeFolder(dirname(path));
  // Each file SQLite would read must be a regular file: reading a FIFO or a device blocks forever.
  for (const each of storeFiles(path)) {
    const stats = statOrFail(each);
    if (stats && !stats.isFile()) {
      throw new StoreError('store_unavailable', `${each} is not a regular file`, each);
    }
  }
  const file = statOrFail(path);
  if (!readonly) {
    checkWritable(dirname(path));
    if (file) checkWritable(path);
    else createFile(path);
    tightenModes(path);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly, fileMustExist: true });
    prepare(db, readonly);
    if (!readonly) createFile(notifyPath(path));
  } catch (error) {
    db?.close();
    throw storeFailure(error, path);
  }
  return db;
}

function prepare(db: Database.Database, readonly: boolean): Database.Database {
  for (const pragma of PRAGMAS) db.pragma(pragma);
  if (!readonly) {
    // Creating the schema takes the write lock, so two processes opening a new store at once
    // serialize here rather than failing.
    db.transaction(() => {
      for (const sql of storeDdl()) db.exec(sql);
      migrateMessageSeq(db);
    }).immediate();
  }
  return db;
}

function statOrFail(path: string) {
  try {
    return statOf(path);
  } catch (error) {
    throw storeFailure(error, path);
  }
}

function checkWritable(path: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw storeFailure(error, path);
  }
}

/** Creates an empty file readable only by its owner (SQLite copies the database's mode). */
function createFile(path: string): void {
  try {
    closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    throw storeFailure(error, path);
  }
}

/**
 * Narrows the store's files to 0600 before SQLite opens them: stores made before files were
 * created 0600, or a `-shm` left read-only by an older version. Only the owner may chmod; other
 * users' files are left alone (and then fail, named, if they cannot be written).
 */
function tightenModes(dbPath: string): void {
  for (const file of storeFiles(dbPath)) {
    const stats = statOf(file);
    if (!stats || (stats.mode & 0o777) === 0o600) continue;
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) continue;
    try {
      chmodSync(file, 0o600);
    } catch {
      // Best effort: the store works whatever its mode.
    }
  }
}
