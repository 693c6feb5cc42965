import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempHome } from '../testing/tempHome.js';
import { EmbeddedEngine } from './engine.js';
import { openStore, storePath } from './store.js';
import { replayStore, verifyStore } from './verify.js';

const OWNER = 'c'.repeat(64);
let db: Database.Database;
let engine: EmbeddedEngine;

const { home } = useTempHome([]);

beforeEach(() => {
  db = openStore(storePath(home()));
  engine = new EmbeddedEngine(db);
  const calls = [engine.stamp('init', { name: 'owner' }, OWNER)];
  for (let i = 0; i < 12_000; i++)
    calls.push(engine.stamp('send_message', { channelId: 1n, text: `m${i}` }, OWNER));
  expect(engine.commitGroup(calls).every((o) => o.ok)).toBe(true);
});

afterEach(() => {
  engine.close();
  db.close();
});

/** Changes the store behind the engine's back, as a user with the file could. */
function tamper(sql: string): void {
  const other = new Database(storePath(home()));
  other.exec(sql);
  other.close();
}

describe('verify', () => {
  it('passes on an honest store, reporting progress up to every call', () => {
    const progress: [number, number][] = [];
    const report = verifyStore(db, (done, total) => progress.push([done, total]));
    expect(report).toEqual({ ok: true, calls: 12_001, differences: {} });
    expect(progress.at(-1)).toEqual([12_001, 12_001]);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('names the row that differs, with what the store and the replay hold', () => {
    tamper(`UPDATE messages SET text = 'forged' WHERE id = 7`);
    const report = verifyStore(db);
    expect(report.ok).toBe(false);
    expect(report.differences.messages).toMatch(
      /^row "7": store has .*"forged".*replay has .*"m6"/,
    );
  });

  it('finds a row only the store has, a row it lost, and a forged commit seq', () => {
    const stranger = 'd'.repeat(64);
    tamper(`INSERT INTO roles (identity, role, banned, updatedBy, updatedAt)
      VALUES ('${stranger}', 'Admin', 0, '${stranger}', 1)`);
    tamper(`DELETE FROM channels WHERE name = 'system'`);
    tamper(`UPDATE messages SET seq = 1 WHERE id = 9`);
    const { differences } = verifyStore(db);
    expect(differences.roles).toMatch(/store has .*Admin.*replay has nothing/);
    expect(differences.channels).toMatch(/store has nothing, replay has .*system/);
    expect(differences.messages).toMatch(/^row "9"/);
  });

  it('replays lookups by indexed columns over rows written before the first lookup', () => {
    // The replay's indexes are made on a reducer's first lookup by a column: deleting a channel
    // must still find every earlier message in it, and a retried send its first copy.
    const side = engine.commitCall(
      engine.stamp('create_channel', { name: 'side', kind: 'Text' }, OWNER),
    );
    const sideId = side.changes.find((c) => c.table === 'channels')!.row.id as bigint;
    const calls = [];
    for (let i = 0; i < 500; i++)
      calls.push(engine.stamp('send_message', { channelId: sideId, text: `s${i}` }, OWNER));
    calls.push(engine.stamp('send_message', { channelId: 1n, text: 'once', nonce: 'n1' }, OWNER));
    calls.push(engine.stamp('send_message', { channelId: 1n, text: 'once', nonce: 'n1' }, OWNER));
    calls.push(engine.stamp('delete_channel', { channelId: sideId }, OWNER));
    expect(engine.commitGroup(calls).every((o) => o.ok)).toBe(true);
    const count = (sql: string) => db.prepare(sql).pluck().get();
    expect(count(`SELECT count(*) FROM messages WHERE "channelId" = ${sideId}`)).toBe(0);
    expect(count(`SELECT count(*) FROM messages WHERE nonce = 'n1'`)).toBe(1);
    expect(verifyStore(db)).toMatchObject({ ok: true, calls: 12_505 });
  });

  it('never writes to the store', () => {
    const other = new Database(storePath(home()));
    const version = () => other.pragma('data_version', { simple: true });
    const before = version();
    verifyStore(db);
    expect(version()).toBe(before);
    other.close();
  });
});

describe('replay', () => {
  it('rebuilds tampered tables from the log, reporting progress', () => {
    tamper(`UPDATE messages SET text = 'forged'; DELETE FROM channels WHERE name = 'system'`);
    const progress: number[] = [];
    replayStore(db, (done) => progress.push(done));
    expect(progress.at(-1)).toBe(12_001);
    expect(verifyStore(db)).toMatchObject({ ok: true });
  });

  it('changes nothing when a logged call is refused on replay', () => {
    tamper(`UPDATE log SET args = '{"channelId":"99","text":"x"}' WHERE seq = 11000;
      UPDATE messages SET text = 'kept' WHERE id = 1`);
    expect(() => replayStore(db)).toThrow(/call 11000 \(send_message\) is rejected on replay/);
    const text = db.prepare('SELECT text FROM messages WHERE id = 1').pluck().get();
    expect(text).toBe('kept');
  });
});
