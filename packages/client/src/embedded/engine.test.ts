import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SpacesError } from '@spaces/core';
import { useTempHome } from '../testing/tempHome.js';
import { EmbeddedEngine } from './engine.js';
import type { Outcome } from './engine.js';
import { GroupCommitter, MAX_GROUP } from './groupCommit.js';
import { openStore, storePath } from './store.js';

const OWNER = 'a'.repeat(64);
let db: Database.Database;
let engine: EmbeddedEngine;
let general: bigint;

const { home } = useTempHome([]);

beforeEach(() => {
  db = openStore(storePath(home()));
  engine = new EmbeddedEngine(db);
  expect(engine.commitGroup([engine.stamp('init', {}, OWNER)])[0]!.ok).toBe(true);
  general = db
    .prepare(`SELECT id FROM channels WHERE name = 'general'`)
    .safeIntegers()
    .pluck()
    .get() as bigint;
});

afterEach(() => {
  engine.close();
  db.close();
});

const send = (text: string, channelId = general) =>
  engine.stamp('send_message', { channelId, text }, OWNER);

/** What another connection sees: committed rows only. */
function committed() {
  const other = new Database(storePath(home()), { readonly: true });
  try {
    const texts = other.prepare('SELECT text FROM messages ORDER BY id').pluck().all() as string[];
    const seqs = other.prepare('SELECT seq FROM log ORDER BY seq').safeIntegers().pluck().all();
    return { texts, seqs: seqs as bigint[] };
  } finally {
    other.close();
  }
}

function seqOf(outcome: Outcome): bigint {
  if (!outcome.ok) throw outcome.error;
  return outcome.commit.seq;
}

describe('group commit in the embedded engine', () => {
  it('commits a group in order, one log seq per call, dense after what was there', () => {
    const before = committed().seqs.at(-1)!;
    const outcomes = engine.commitGroup([send('a'), send('b'), send('c')]);
    expect(outcomes.map(seqOf)).toEqual([before + 1n, before + 2n, before + 3n]);
    const after = committed();
    expect(after.texts).toEqual(['a', 'b', 'c']);
    expect(after.seqs.slice(-3)).toEqual([before + 1n, before + 2n, before + 3n]);
    const stamped = db.prepare('SELECT text, seq FROM messages ORDER BY id').safeIntegers().all();
    expect(stamped).toEqual([
      { text: 'a', seq: before + 1n },
      { text: 'b', seq: before + 2n },
      { text: 'c', seq: before + 3n },
    ]);
  });

  it('a refused call changes nothing and does not abort its neighbours', () => {
    const before = committed().seqs.at(-1)!;
    const outcomes = engine.commitGroup([send('a'), send('to nowhere', 999n), send('b')]);
    expect(outcomes[0]!.ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(outcomes[1]!.ok || outcomes[1]!.error).toBeInstanceOf(SpacesError);
    expect(outcomes.filter((o) => o.ok).map(seqOf)).toEqual([before + 1n, before + 2n]);
    const after = committed();
    expect(after.texts).toEqual(['a', 'b']);
    expect(after.seqs.at(-1)).toBe(before + 2n);
  });

  it('a call refused after it had written is undone alone, its neighbours still commit', () => {
    // emit_event inserts its message, then its event row; this trigger refuses the event row,
    // as a broken constraint would, after the message was written.
    db.exec(`CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON main.events
      WHEN NEW.kind = 'test.boom@1' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const event = (kind: string, text: string) =>
      engine.stamp('emit_event', { channelId: general, kind, payload: '{}', text }, OWNER);
    const outcomes = engine.commitGroup([
      send('before'),
      event('test.boom@1', 'half'),
      event('test.fine@1', 'whole'),
      send('after'),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(committed().texts).toEqual(['before', 'whole', 'after']);
    const kinds = db.prepare('SELECT kind FROM events').pluck().all();
    expect(kinds).toEqual(['test.fine@1']);
    // Each committed call has its log row, and the seqs stay dense.
    const seqs = committed().seqs;
    expect(seqs).toEqual(seqs.map((_, i) => BigInt(i + 1)));
  });

  it('a lone refused call commits nothing at all', () => {
    const before = committed();
    const [outcome] = engine.commitGroup([send('', general)]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(committed()).toEqual(before);
  });

  it('a failing store fails the whole group: nothing of it is committed', () => {
    db.exec(`CREATE TEMP TRIGGER broken_log BEFORE INSERT ON main.log
      WHEN NEW.args LIKE '%"broken"%' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const before = committed();
    expect(() => engine.commitGroup([send('a'), send('broken'), send('b')])).toThrow(
      /disk says no/,
    );
    expect(committed()).toEqual(before);
    expect(db.inTransaction).toBe(false);
  });
});

describe('the group committer', () => {
  it('gathers calls made in one turn into one group, and settles each after its commit', async () => {
    const groups = vi.spyOn(engine, 'commitGroup');
    const committer = new GroupCommitter(engine, () => {});
    const first = await Promise.allSettled([
      committer.submit(send('one')),
      committer.submit(send('two', 999n)),
      committer.submit(send('three')),
    ]);
    expect(groups).toHaveBeenCalledTimes(1);
    expect(groups.mock.calls[0]![0]).toHaveLength(3);
    expect(first.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // Resolved means committed: another connection already sees both.
    expect(committed().texts).toEqual(['one', 'three']);
    // A call made after the group settled goes into the next one.
    await committer.submit(send('four'));
    expect(groups).toHaveBeenCalledTimes(2);
    expect(committed().texts).toEqual(['one', 'three', 'four']);
  });

  it('rejects every call of a group whose transaction fails, and goes on with the next', async () => {
    db.exec(`CREATE TEMP TRIGGER broken_log BEFORE INSERT ON main.log
      WHEN NEW.args LIKE '%"broken"%' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const committer = new GroupCommitter(engine, () => {});
    const results = await Promise.allSettled([
      committer.submit(send('a')),
      committer.submit(send('broken')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await committer.submit(send('c'));
    expect(committed().texts).toEqual(['c']);
  });

  it('commits what is queued when drained (on close), in groups of at most MAX_GROUP', async () => {
    const groups = vi.spyOn(engine, 'commitGroup');
    const committer = new GroupCommitter(engine, () => {});
    const calls = Array.from({ length: 300 }, (_, i) => committer.submit(send(`m${i}`)));
    committer.drain();
    expect(groups.mock.calls.map(([group]) => group.length)).toEqual([MAX_GROUP, 300 - MAX_GROUP]);
    expect(committed().texts).toHaveLength(300);
    expect(await Promise.all(calls)).toHaveLength(300);
  });
});
