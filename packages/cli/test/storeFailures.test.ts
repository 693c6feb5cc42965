import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Run } from './cli.js';
import { BIN, spaces } from './cli.js';

// Store failures as a user meets them. File modes mean nothing to root, so when the tests run as
// root the CLI runs as `nobody` (uid 65534) in a folder that user owns.
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/** A fresh folder owned by whoever the CLI runs as. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spaces-store-'));
  chmodSync(dir, 0o755);
  if (AS_ROOT) chownSync(dir, NOBODY, NOBODY);
  return dir;
}

/** Runs `spaces`, as `nobody` when we are root, with an optional file-size limit (in blocks). */
function user(args: string[], fileLimit?: number): Promise<Run> {
  const ids = AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {};
  const command = fileLimit === undefined ? process.execPath : '/bin/sh';
  const argv =
    fileLimit === undefined
      ? [BIN, ...args]
      : ['-c', `ulimit -f ${fileLimit}; exec "$0" "$@"`, process.execPath, BIN, ...args];
  return new Promise((resolve) => {
    execFile(
      command,
      argv,
      { ...ids, env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A store made by `init` as the CLI's user. */
async function store(): Promise<string> {
  const home = join(folder(), 'home');
  const r = await user(['--home', home, 'init', '--name', 'op']);
  expect(r.code, r.stderr).toBe(0);
  return home;
}

/** Exit 6 (or the given status), one line naming the path and the code. */
function failed(r: Run, path: string, code: string, exit = 6): void {
  expect({ exit: r.code, stdout: r.stdout }).toEqual({ exit, stdout: '' });
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(path);
  expect(r.stderr.trimEnd()).toMatch(new RegExp(`\\[${code}\\]$`));
}

const send = (home: string, text: string) =>
  user(['--home', home, 'messages', 'send', '--channel', 'general', '--text', text]);

describe('store failures name the path and exit 6', () => {
  it('makes the store folder 0700 and its files 0600', async () => {
    const home = await store();
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'profiles')).mode & 0o777).toBe(0o700);
    for (const file of ['spaces.db', 'spaces.db-notify', 'profiles/op.json'])
      expect(statSync(join(home, file)).mode & 0o777).toBe(0o600);
  });

  it('a read-only folder', async () => {
    const home = await store();
    chmodSync(home, 0o500);
    failed(await send(home, 'hi'), home, 'store_read_only');
    failed(await user(['--home', home, 'channels', 'list']), home, 'store_read_only');
  });

  it('a read-only spaces.db, leaving no read-only -shm behind once it is writable again', async () => {
    const home = await store();
    const db = join(home, 'spaces.db');
    chmodSync(db, 0o444);
    failed(await send(home, 'hi'), db, 'store_read_only');
    expect(
      readdirSync(home).filter(
        (f) => f.endsWith('-shm') && (statSync(join(home, f)).mode & 0o200) === 0,
      ),
    ).toEqual([]);
    chmodSync(db, 0o644);
    expect((await send(home, 'works again')).code).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
  });

  it('a store locked by another process past the busy timeout', async () => {
    const home = await store();
    const db = new Database(join(home, 'spaces.db'));
    db.exec('BEGIN IMMEDIATE');
    try {
      failed(await send(home, 'hi'), join(home, 'spaces.db'), 'store_busy');
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
  });

  it('a full disk: the send is refused and not stored, or reported sent when it was', async () => {
    const home = await store();
    // Fill the store up to a small file-size limit, then send once more under it.
    const limit = Math.ceil(statSync(join(home, 'spaces.db')).size / 512) + 8;
    let r: Run = { code: 0, stdout: '', stderr: '' };
    let sent = 0;
    while (r.code === 0 && sent < 200)
      r = await user(
        [
          '--home',
          home,
          'messages',
          'send',
          '--channel',
          'general',
          '--text',
          `${'x'.repeat(3000)} ${++sent}`,
        ],
        limit,
      );
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toContain(join(home, 'spaces.db'));
    const list = await user([
      '--home',
      home,
      '--json',
      'messages',
      'list',
      '--channel',
      'general',
      '--limit',
      '1000',
    ]);
    const texts = (JSON.parse(list.stdout) as { text: string }[]).map((m) => m.text.split(' ')[1]);
    // Every send reported as done is there, once; the one reported failed is not.
    expect(texts.sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: sent - 1 }, (_, i) => String(i + 1)),
    );
  });

  it('a home that is not a folder, and a bad profile file, named', async () => {
    failed(await spaces(['--home', '/dev/null', 'whoami']), '/dev/null', 'store_unavailable');
    const home = await store();
    const bad = join(home, 'profiles', 'bad.json');
    writeFileSync(bad, '{not json', { mode: 0o600 });
    if (AS_ROOT) chownSync(bad, NOBODY, NOBODY);
    failed(await user(['--home', home, '--as', 'bad', 'whoami']), bad, 'bad_profile');
    const list = await user(['--home', home, 'profiles', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/bad +unreadable: profile file .*bad\.json is not valid JSON/);
    expect(list.stdout).toMatch(/\* +op +[0-9a-f]{64}/);
  });
});

describe('only init and profiles add create a store', () => {
  it('refuses other commands on a missing store, creating nothing', async () => {
    const home = join(folder(), 'a', 'b');
    failed(await user(['--home', home, 'whoami']), home, 'no_store', 4);
    failed(
      await user(['--home', home, 'messages', 'list', '--channel', 'general']),
      home,
      'no_store',
      4,
    );
    expect(existsSync(join(home, '..'))).toBe(false);
  });

  it('ends at once on a home inside /proc', async () => {
    failed(await spaces(['--home', '/proc/self', 'whoami']), '/proc/self', 'no_store', 4);
    const r = await spaces(['--home', '/proc/self', 'init']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('/proc/self');
  });

  it('refuses an empty home', async () => {
    const r = await spaces(['--home', '', 'whoami']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: home must name a folder; got an empty string [invalid_argument]\n',
    );
  });
});
