import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tables } from '@spaces/core';
import { EmbeddedEngine } from '../embedded/engine.js';
import type { Outcome } from '../embedded/engine.js';
import { openStore, storePath } from '../embedded/store.js';
import { replayStore, verifyStore } from '../embedded/verify.js';
import { useTempHome } from '../testing/tempHome.js';
import { storeDdl } from './schema.js';

const OWNER = 'e'.repeat(64);
const open: { db: Database.Database; engine: EmbeddedEngine }[] = [];

const { home } = useTempHome([]);

afterEach(() => {
  for (const { db, engine } of open.splice(0)) {
    engine.close();
    db.close();
  }
});

function writer() {
  const db = openStore(storePath(home()));
  const engine = new EmbeddedEngine(db);
  open.push({ db, engine });
  const run = (reducer: string, args: unknown): Outcome =>
    engine.commitGroup([engine.stamp(reducer, args, OWNER)])[0]!;
  const send = (text: string) => {
    const outcome = run('send_message', { channelId: 1n, text });
    if (!outcome.ok) throw outcome.error;
    return outcome.commit.changes[0]!.row['id' as never] as bigint;
  };
  const remove = (messageId: bigint) => expect(run('delete_message', { messageId }).ok).toBe(true);
  const ids = () => db.prepare('SELECT id FROM messages ORDER BY id').safeIntegers().pluck().all();
  return { db, engine, run, send, remove, ids };
}

describe('auto-increment ids', () => {
  it('are never reused, also after the newest row is deleted, from any connection', () => {
    const a = writer();
    expect(a.run('init', { name: 'owner' }).ok).toBe(true);
    expect([a.send('one'), a.send('two'), a.send('three')]).toEqual([1n, 2n, 3n]);
    a.remove(3n);
    expect(a.send('four')).toBe(4n);
    a.remove(4n);
    a.remove(2n);
    // Another connection (another process, as far as SQLite knows) goes on from the floor.
    const b = writer();
    expect(b.send('five')).toBe(5n);
    expect(a.send('six')).toBe(6n);
    expect(a.ids()).toEqual([1n, 5n, 6n]);
    // Replay and verify assign the same ids from an empty start.
    expect(verifyStore(a.db)).toMatchObject({ ok: true });
    replayStore(a.db);
    expect(a.ids()).toEqual([1n, 5n, 6n]);
    expect(b.send('seven')).toBe(7n);
  });

  it('touch no extra page on insert: no sqlite_sequence, and the floor only on deleting the newest', () => {
    const a = writer();
    a.run('init', { name: 'owner' });
    a.send('one');
    a.send('two');
    const sequence = a.db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'`);
    expect(sequence.get()).toBeUndefined();
    const floors = a.db.prepare('SELECT "table", id FROM id_floor').safeIntegers().all();
    expect(floors).toEqual([]);
    a.remove(1n);
    expect(a.db.prepare('SELECT count(*) FROM id_floor').pluck().get()).toBe(0);
  });

  it('in a store from before the floor, stay with SQLite’s AUTOINCREMENT', () => {
    // The schema as stores were created before: auto-increment keys declared AUTOINCREMENT.
    const old = new Database(storePath(home()));
    for (const sql of storeDdl()) {
      const autoInc = Object.values(tables).some(
        (decl) =>
          'id' in decl.columns && sql.startsWith(`CREATE TABLE IF NOT EXISTS "${decl.name}"`),
      );
      old.exec(autoInc ? sql.replace('"id" INTEGER PRIMARY KEY', '$& AUTOINCREMENT') : sql);
    }
    old.close();
    const a = writer();
    a.run('init', { name: 'owner' });
    expect([a.send('one'), a.send('two')]).toEqual([1n, 2n]);
    a.remove(2n);
    a.remove(1n);
    expect(a.send('three')).toBe(3n);
    const sequence = a.db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'messages'`);
    expect(sequence.safeIntegers().pluck().get()).toBe(3n);
    expect(verifyStore(a.db)).toMatchObject({ ok: true });
    replayStore(a.db);
    expect(a.ids()).toEqual([3n]);
  });
});
