import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox.js';
import { lockOutbox } from './outboxLock.js';
import { tempDir } from './testing/io.js';
import { outboxEntry } from './testing/outboxEntry.js';

const entry = (sessionId: string, text: string) => outboxEntry(sessionId, text);

/** A pid that is not running: far above any pid_max. */
const DEAD = 999_999_999;

describe('Outbox', () => {
  it('keeps the latest summary of each session, leaving no temporary file', async () => {
    const outbox = new Outbox(await tempDir());
    await outbox.put(entry('s1', 'v1'));
    await outbox.put(entry('s1', 'v2'));
    await outbox.put(entry('s2', 'other'));
    expect((await outbox.get('s1'))?.text).toBe('v2');
    expect(await readdir(outbox.dir)).toEqual(['s1.json', 's2.json']);
  });

  it('gives each entry to one sender: a second claim finds nothing', async () => {
    const outbox = new Outbox(await tempDir());
    await outbox.put(entry('s1', 'v1'));
    const claims = await outbox.claimAll();
    expect(claims.map((c) => c.entry.text)).toEqual(['v1']);
    expect(await readdir(outbox.dir)).toEqual([`s1.json.sending-${process.pid}`]);
    await outbox.done(claims[0]!);
    expect(await outbox.pending()).toBe(false);
  });

  it('puts a claim back when it could not be posted, unless a newer summary arrived', async () => {
    const outbox = new Outbox(await tempDir());
    await outbox.put(entry('s1', 'v1'));
    await outbox.release((await outbox.claimAll())[0]!);
    expect((await outbox.get('s1'))?.text).toBe('v1');
    const [claim] = await outbox.claimAll();
    await outbox.put(entry('s1', 'v2'));
    await outbox.release(claim!);
    expect((await outbox.get('s1'))?.text).toBe('v2');
    expect(await readdir(outbox.dir)).toEqual(['s1.json']);
  });

  it("takes over a dead sender's claim, unless a newer summary supersedes it", async () => {
    const outbox = new Outbox(await tempDir());
    await writeFile(
      join(outbox.dir, `s1.json.sending-${DEAD}`),
      JSON.stringify(entry('s1', 'orphan')),
    );
    await writeFile(
      join(outbox.dir, `s2.json.sending-${DEAD}`),
      JSON.stringify(entry('s2', 'old')),
    );
    await outbox.put(entry('s2', 'new'));
    const texts = (await outbox.claimAll()).map((c) => c.entry.text).sort();
    expect(texts).toEqual(['new', 'orphan']);
  });

  it("leaves a live sender's claim alone, and drops unreadable files", async () => {
    const outbox = new Outbox(await tempDir());
    const live = process.ppid; // our parent: alive, and not us
    await writeFile(join(outbox.dir, `s1.json.sending-${live}`), JSON.stringify(entry('s1', 'x')));
    await writeFile(join(outbox.dir, 's2.json'), 'not json');
    expect(await outbox.claimAll()).toEqual([]);
    expect(await readdir(outbox.dir)).toEqual([`s1.json.sending-${live}`]);
  });
});

describe('lockOutbox', () => {
  it('lets one sender in at a time, the next one after the first releases', async () => {
    const dir = await tempDir();
    const first = await lockOutbox(dir, Date.now() + 60_000);
    expect(first).toBeDefined();
    let secondIn = false;
    const second = lockOutbox(dir, Date.now() + 60_000).then((lock) => {
      secondIn = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondIn).toBe(false);
    await first?.release();
    const lock = await second;
    expect(lock).toBeDefined();
    await lock?.release();
  });

  it('gives up at its deadline while a live sender holds the lock', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.lock'), String(process.ppid));
    expect(await lockOutbox(dir, Date.now())).toBeUndefined();
  });

  it('takes over the lock of a sender that died', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '.lock'), String(DEAD));
    const lock = await lockOutbox(dir, Date.now() + 60_000);
    expect(lock).toBeDefined();
    await lock?.release();
    expect(await readdir(dir)).toEqual([]);
  });
});
