import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProfile, openSpace } from '../src/index.js';
import { startWorker } from './processes.js';
import type { Worker } from './processes.js';

let home: string;
const workers: Worker[] = [];

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'spaces-mp-'));
});

afterEach(() => {
  for (const w of workers.splice(0)) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

function start(name: string, args: string[], env?: Record<string, string>): Worker {
  const worker = startWorker(name, args, env);
  workers.push(worker);
  return worker;
}

/** A hub with an owner, registered writer profiles and subscriber profiles; returns #general's id. */
async function setUp(writers: number, subscribers: number): Promise<bigint> {
  addProfile(home, 'owner');
  const owner = await openSpace({ home, as: 'owner' });
  await owner.createHub({ name: 'owner' });
  for (const name of [...names('w', writers), ...names('s', subscribers)]) {
    addProfile(home, name);
    const space = await openSpace({ home, as: name });
    await space.reducers.set_profile({ name, kind: 'agent' });
    await space.close();
  }
  const general = (await owner.channel('general'))!.id;
  await owner.close();
  return general;
}

function names(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

function parse(line: string): { ids: string[]; seqs: string[]; seq: string } {
  return JSON.parse(line) as { ids: string[]; seqs: string[]; seq: string };
}

describe('several processes on one store', () => {
  it('8 writers x 1000 messages: 8000 rows, no error, every subscriber sees all in one order', async () => {
    const general = await setUp(8, 3);
    const subscribers = names('s', 3).map((s) => start('subscriber', [home, s, '8000']));
    await Promise.all(subscribers.map((s) => s.waitFor((l) => l === 'ready')));
    const writers = names('w', 8).map((w) =>
      start('writer', [home, w, String(general), '1000', w]),
    );
    const results = await Promise.all(writers.map((w) => w.exited));
    for (const result of results) expect(result).toMatchObject({ code: 0, stderr: '' });

    const seen = await Promise.all(
      subscribers.map((s) => s.waitFor((l) => l.startsWith('{')).then(parse)),
    );
    const space = await openSpace({ home, as: 'owner' });
    const stored: string[] = [];
    for (let before: bigint | undefined; ;) {
      const page = await space.messages(general, { limit: 1000, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      stored.push(...page.map((m) => String(m.id)));
      before = page[page.length - 1]!.id;
    }
    stored.reverse();
    expect(stored).toHaveLength(8000);
    for (const s of seen) {
      expect(s.ids).toHaveLength(8000);
      expect(s.ids).toEqual(stored); // ids are assigned in commit order, so this is commit order
      expect(new Set(s.seqs).size).toBe(8000);
    }
    const texts = new Set((await space.messages(general, { limit: 1000 })).map((m) => m.text));
    expect(texts.size).toBe(1000);
    expect(await space.verify()).toMatchObject({ ok: true, differences: {} });
    await space.close();
  }, 120_000);

  it('a writer killed with SIGKILL mid-stream: every acknowledged call survives, nothing partial, verify passes', async () => {
    const general = await setUp(1, 0);
    const writer = start('writer', [home, 'w0', String(general), '100000', 'k'], { ACK_EACH: '1' });
    await writer.waitFor((l) => l.startsWith('ok 300 '));
    writer.child.kill('SIGKILL');
    const { signal } = await writer.exited;
    expect(signal).toBe('SIGKILL');
    const acked = writer.lines
      .filter((l) => l.startsWith('ok '))
      .map((l) => Number(l.split(' ')[1]));

    const space = await openSpace({ home, as: 'owner' });
    const texts = new Set<string>();
    for (let before: bigint | undefined; ;) {
      const page = await space.messages(general, { limit: 1000, ...(before ? { before } : {}) });
      if (page.length === 0) break;
      for (const m of page) texts.add(m.text);
      before = page[page.length - 1]!.id;
    }
    for (const i of acked) expect(texts.has(`k:${i}`)).toBe(true);
    // At most the one call in flight when the kill came may have committed without its ack.
    expect(texts.size - acked.length).toBeLessThanOrEqual(1);
    const report = await space.verify();
    expect(report).toMatchObject({ ok: true });
    // One log entry per message, plus init and the profile: no call half-applied or half-logged.
    expect(report.calls).toBe(texts.size + 2);
    await space.close();
  }, 60_000);

  it('a writer killed inside a group commit: every resolved call survived, no unresolved one is there at all', async () => {
    const general = await setUp(1, 0);
    // 8 callers: groups of 8 calls. It stops on its 164th insert: the 4th call of group 21.
    const writer = start('groupWriter', [home, 'w0', String(general), '8', '164']);
    const paused = await writer.waitFor((l) => l.startsWith('mid-group '));
    writer.child.kill('SIGKILL');
    expect((await writer.exited).signal).toBe('SIGKILL');
    const resolved = writer.lines
      .filter((l) => l.startsWith('ok '))
      .map((l) => `g:${l.split(' ')[1]}:${l.split(' ')[2]}`);
    expect(resolved).toHaveLength(160);

    const space = await openSpace({ home, as: 'owner' });
    const stored = (await space.messages(general, { limit: 1000 })).map((m) => m.text);
    // Exactly the resolved calls: those of the interrupted group (resolved by no one) are
    // absent, the one it stopped in included, and so are their log entries.
    expect(new Set(stored)).toEqual(new Set(resolved));
    expect(stored).not.toContain(paused.slice('mid-group '.length));
    const report = await space.verify();
    expect(report).toMatchObject({ ok: true });
    expect(report.calls).toBe(resolved.length + 2);
    await space.close();
  }, 60_000);

  it('a subscriber that stops and resumes from its last seq misses nothing and sees nothing twice', async () => {
    const general = await setUp(2, 1);
    const first = start('subscriber', [home, 's0', '2000', '', '700']);
    await first.waitFor((l) => l === 'ready');
    const writers = names('w', 2).map((w) =>
      start('writer', [home, w, String(general), '1000', w]),
    );
    const stopped = parse(await first.waitFor((l) => l.startsWith('{')));
    expect(stopped.ids).toHaveLength(700);
    // Resume while the writers are (most likely) still writing.
    const second = start('subscriber', [home, 's0', String(2000 - 700), stopped.seq]);
    await Promise.all(writers.map((w) => w.exited));
    const resumed = parse(await second.waitFor((l) => l.startsWith('{')));
    const all = [...stopped.ids, ...resumed.ids];
    expect(new Set(all).size).toBe(2000);
    expect(all.map(BigInt)).toEqual([...all.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
  }, 60_000);
});
