import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSpace } from '../open.js';
import { addProfile } from '../profiles.js';
import { openStore, storeFiles, storePath } from './store.js';

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'spaces-store-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('opening a store', () => {
  it('creates missing folders 0700 and every store file 0600, whatever the umask', async () => {
    const home = join(root, 'a', 'b', 'spaces');
    const old = process.umask(0o000);
    try {
      addProfile(home, 'owner');
      const space = await openSpace({ home, as: 'owner' });
      await space.createHub({ name: 'owner' });
      for (const folder of [join(root, 'a'), join(root, 'a', 'b'), home, join(home, 'profiles')])
        expect(modeOf(folder)).toBe(0o700);
      for (const file of storeFiles(storePath(home))) expect(modeOf(file)).toBe(0o600);
      await space.close();
    } finally {
      process.umask(old);
    }
  });

  it('drops an older store’s index of messages by sender, which core no longer declares', () => {
    const path = join(root, 'spaces.db');
    openStore(path).close();
    const old = new Database(path);
    old.exec('CREATE INDEX "messages_sender_idx" ON "messages" ("sender")');
    old.close();
    const db = openStore(path);
    const index = db
      .prepare(`SELECT name FROM sqlite_schema WHERE name = 'messages_sender_idx'`)
      .get();
    db.close();
    expect(index).toBeUndefined();
  });

  it('narrows an older store’s files to 0600, a read-only -shm included', async () => {
    const home = join(root, 'old');
    addProfile(home, 'owner');
    (await openSpace({ home, as: 'owner' })).close();
    const db = new Database(storePath(home));
    db.pragma('journal_mode = WAL');
    for (const file of storeFiles(storePath(home))) chmodSync(file, 0o444);
    chmodSync(storePath(home), 0o644);
    const space = await openSpace({ home, as: 'owner' });
    await space.createHub({ name: 'owner' });
    for (const file of storeFiles(storePath(home))) expect(modeOf(file)).toBe(0o600);
    await space.close();
    db.close();
  });

  it('refuses a missing store when it may not create one, creating nothing', async () => {
    const home = join(root, 'nowhere', 'x');
    await expect(openSpace({ home, create: false })).rejects.toMatchObject({
      code: 'no_store',
      class: 'not_found',
      message: expect.stringContaining(join(root, 'nowhere', 'x')),
    });
    expect(() => statSync(join(root, 'nowhere'))).toThrow();
  });

  it('names a home that is not a folder, or a store that is not a file', async () => {
    const file = join(root, 'file');
    writeFileSync(file, '');
    for (const create of [true, false])
      await expect(openSpace({ home: file, create })).rejects.toMatchObject({
        code: 'store_unavailable',
        class: 'connection',
        message: `${file} is not a folder`,
      });
    await expect(openSpace({ home: '/dev/null/x' })).rejects.toMatchObject({
      class: 'connection',
      message: expect.stringContaining('/dev/null'),
    });
    const home = join(root, 'h');
    mkdirSync(storePath(home), { recursive: true });
    expect(() => openStore(storePath(home))).toThrow(`${storePath(home)} is not a regular file`);
    const other = join(root, 'fifo');
    addProfile(other, 'owner');
    execFileSync('mkfifo', ['-m', '600', `${storePath(other)}-wal`]);
    await expect(openSpace({ home: other, as: 'owner' })).rejects.toMatchObject({
      code: 'store_unavailable',
      message: `${storePath(other)}-wal is not a regular file`,
    });
  });

  it('ends, with an error naming the path, on a home inside /proc', async () => {
    await expect(openSpace({ home: '/proc/self', create: false })).rejects.toMatchObject({
      code: 'no_store',
    });
    await expect(openSpace({ home: '/proc/self/spaces-test' })).rejects.toMatchObject({
      class: 'connection',
      message: expect.stringContaining('/proc/self/spaces-test'),
    });
  });

  it('refuses an empty home instead of using the current folder', async () => {
    await expect(openSpace({ home: '' })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: 'home must name a folder; got an empty string',
    });
  });

  it('names a store that is not a database', async () => {
    const home = join(root, 'junk');
    addProfile(home, 'owner');
    writeFileSync(storePath(home), 'not a database, just text that is long enough'.repeat(20));
    await expect(openSpace({ home, as: 'owner' })).rejects.toMatchObject({
      code: 'store_unavailable',
      message: expect.stringContaining(storePath(home)),
    });
  });
});
