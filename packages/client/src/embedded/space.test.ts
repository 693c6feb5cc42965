import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpacesError } from '@spaces/core';
import type { Change } from '../api.js';
import { openSpace } from '../open.js';
import { useTempHome } from '../testing/tempHome.js';
import { storePath } from './store.js';

const { as, home: homeOf } = useTempHome(['owner', 'bot']);

async function hub() {
  const owner = await as('owner');
  await owner.createHub({ name: 'owner' });
  const general = (await owner.channel('#general'))!;
  return { owner, general };
}

describe('embedded space', () => {
  it('makes the first init-ing profile the Owner of a hub with the default channels', async () => {
    const { owner } = await hub();
    expect(owner.engine).toBe('embedded');
    expect(owner.profile).toBe('owner');
    expect((await owner.rows('channels')).map((c) => c.name)).toEqual([
      'general',
      'agent-logs',
      'system',
    ]);
    expect((await owner.rows('roles')).find((r) => r.identity === owner.identity)?.role).toBe(
      'Owner',
    );
    expect(statSync(storePath(homeOf())).isFile()).toBe(true);
  });

  it('reads messages newest first, with a limit and a before cursor', async () => {
    const { owner, general } = await hub();
    for (let i = 1; i <= 5; i++)
      await owner.reducers.send_message({ channelId: general.id, text: `m${i}` });
    const page = await owner.messages(general.id, { limit: 2 });
    expect(page.map((m) => m.text)).toEqual(['m5', 'm4']);
    const next = await owner.messages(general.id, { limit: 2, before: page[1]!.id });
    expect(next.map((m) => m.text)).toEqual(['m3', 'm2']);
    expect(next[0]!.topicId).toBeUndefined();
    expect(typeof next[0]!.id).toBe('bigint');
  });

  it('rejects a refused call with the core error and changes nothing', async () => {
    const { owner, general } = await hub();
    const bot = await as('bot');
    const before = await owner.rows('messages');
    const refused = bot.reducers.send_message({ channelId: general.id, text: 'hi' });
    await expect(refused).rejects.toBeInstanceOf(SpacesError);
    await expect(refused).rejects.toMatchObject({ code: 'not_registered' });
    await expect(
      owner.reducers.send_message({ channelId: general.id, text: ' ' }),
    ).rejects.toMatchObject({
      code: 'empty',
    });
    await expect(
      owner.call('send_message', { channelId: general.id } as never),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      message: 'argument "text" is required',
    });
    expect(await owner.rows('messages')).toEqual(before);
    expect((await owner.verify()).calls).toBe(1);
  });

  it('counts unread messages by others after the read receipt', async () => {
    const { owner, general } = await hub();
    const bot = await as('bot');
    await bot.reducers.set_profile({ name: 'bot', kind: 'agent' });
    const first = await bot.reducers.send_message({ channelId: general.id, text: 'one' });
    await bot.reducers.send_message({ channelId: general.id, text: 'two' });
    await owner.reducers.send_message({ channelId: general.id, text: 'mine' });
    expect(first.seq).toBeGreaterThan(0n);
    const unread = () => owner.unread().then((u) => u.find((c) => c.channel === 'general')!);
    expect((await unread()).unread).toBe(2);
    const [latestByBot] = (await owner.messages(general.id)).filter(
      (m) => m.sender === bot.identity,
    );
    await owner.reducers.mark_read({ channelId: general.id, messageId: latestByBot!.id });
    expect(await unread()).toMatchObject({ unread: 0, lastReadMessageId: latestByBot!.id });
  });

  it('delivers changes in commit order and resumes from a seq without gaps or repeats', async () => {
    const { owner, general } = await hub();
    const seen: Change[] = [];
    const sub = owner.subscribe({ tables: ['messages'] }, (c) => seen.push(c));
    await sub.ready;
    await owner.reducers.send_message({ channelId: general.id, text: 'a' });
    await owner.reducers.send_message({ channelId: general.id, text: 'b' });
    sub.close();
    const stoppedAt = sub.seq;
    await owner.reducers.send_message({ channelId: general.id, text: 'c' });
    const resumed: Change[] = [];
    const again = owner.subscribe({ tables: ['messages'], since: stoppedAt }, (c) =>
      resumed.push(c),
    );
    await again.ready;
    await owner.reducers.send_message({ channelId: general.id, text: 'd' });
    again.close();
    const texts = [...seen, ...resumed].map((c) => (c.row as { text: string }).text);
    expect(texts).toEqual(['a', 'b', 'c', 'd']);
    expect(seen[0]).toMatchObject({
      op: 'insert',
      table: 'messages',
      reducer: 'send_message',
      sender: owner.identity,
    });
    const seqs = [...seen, ...resumed].map((c) => c.seq);
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
  });

  it('filters changes by channel', async () => {
    const { owner, general } = await hub();
    const system = (await owner.channel('system'))!;
    const seen: Change[] = [];
    const sub = owner.subscribe({ channelId: general.id, tables: ['messages'] }, (c) =>
      seen.push(c),
    );
    await sub.ready;
    await owner.reducers.send_message({ channelId: system.id, text: 'elsewhere' });
    await owner.reducers.send_message({ channelId: general.id, text: 'here' });
    sub.close();
    expect(seen.map((c) => (c.row as { text: string }).text)).toEqual(['here']);
  });

  it('verify passes on an honest store and names the table a tampered row is in', async () => {
    const { owner, general } = await hub();
    await owner.reducers.send_message({ channelId: general.id, text: 'x' });
    const report = await owner.verify();
    expect(report).toEqual({ ok: true, calls: 2, differences: {} });
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(storePath(homeOf()));
    raw.prepare(`UPDATE messages SET text = 'forged'`).run();
    raw.close();
    const tampered = await owner.verify();
    expect(tampered.ok).toBe(false);
    expect(Object.keys(tampered.differences)).toEqual(['messages']);
    await owner.replay();
    expect(await owner.verify()).toMatchObject({ ok: true });
    expect((await owner.messages(general.id))[0]!.text).toBe('x');
  });

  it('refuses reads of private tables and bad read options', async () => {
    const { owner, general } = await hub();
    await expect(owner.rows('invites')).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(owner.messages(general.id, { limit: 0 })).rejects.toThrow(
      /limit must be a whole number/,
    );
  });

  it('lists invites by role: Moderator+ see all, others their own', async () => {
    const { owner, general } = await hub();
    const bot = await as('bot');
    await bot.reducers.set_profile({ name: 'bot', kind: 'agent' });
    await owner.reducers.set_role({ identity: bot.identity, role: 'Member' });
    await owner.reducers.create_invite({ code: 'owners-invite' });
    await bot.reducers.create_invite({ channelId: general.id, role: 'Agent', code: 'bots-invite' });
    expect((await owner.invites()).map((i) => i.createdBy)).toEqual([owner.identity, bot.identity]);
    expect(await bot.invites()).toMatchObject([
      { channelId: general.id, role: 'Agent', createdBy: bot.identity },
    ]);
    expect(await bot.invites()).not.toMatchObject([{ codeHash: expect.anything() }]);
  });

  it('lists webhooks for Admin+ without token hashes, and none to others', async () => {
    const { owner, general } = await hub();
    const bot = await as('bot');
    await bot.reducers.set_profile({ name: 'bot', kind: 'agent' });
    const receipt = await owner.reducers.create_webhook({
      channelId: general.id,
      name: 'ci',
      token: 'a-webhook-token',
    });
    const [created] = receipt.changes.filter((c) => c.table === 'webhooks');
    const list = await owner.webhooks();
    expect(list).toEqual([
      {
        id: (created!.row as { id: bigint }).id,
        channelId: general.id,
        name: 'ci',
        createdBy: owner.identity,
        createdAt: list[0]!.createdAt,
      },
    ]);
    expect(list[0]).not.toHaveProperty('tokenHash');
    expect(await bot.webhooks()).toEqual([]);
  });

  it('returns the committed changes in the receipt', async () => {
    const { owner, general } = await hub();
    const receipt = await owner.reducers.create_topic({ channelId: general.id, title: 'flaky' });
    expect(receipt.seq).toBeGreaterThan(0n);
    const topic = receipt.changes.find((c) => c.table === 'topics' && c.op === 'insert');
    expect(topic?.row).toMatchObject({ title: 'flaky', channelId: general.id });
    expect(await owner.topics(general.id)).toEqual([topic!.row]);
  });

  it('never delivers private tables to subscribers, and refuses asking for them', async () => {
    const { owner, general } = await hub();
    const seen: Change[] = [];
    const sub = owner.subscribe({ since: 0n }, (c) => seen.push(c));
    await sub.ready;
    await owner.reducers.create_invite({ code: 'secret-code' });
    await owner.reducers.create_webhook({
      channelId: general.id,
      name: 'ci',
      token: 'another-token',
    });
    await owner.reducers.send_message({ channelId: general.id, text: 'after' });
    sub.close();
    expect(seen.some((c) => c.table === 'channels')).toBe(true);
    expect(seen.filter((c) => c.table === 'invites' || c.table === 'webhooks')).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ table: 'messages', row: { text: 'after' } });
    expect(() => owner.subscribe({ tables: ['webhooks'] }, () => {})).toThrow(
      expect.objectContaining({ code: 'permission_denied' }) as Error,
    );
  });

  it('gives each message the seq of the commit that inserted it, also after replay', async () => {
    const { owner, general } = await hub();
    const a = await owner.reducers.send_message({ channelId: general.id, text: 'a' });
    const b = await owner.reducers.send_message({ channelId: general.id, text: 'b' });
    await owner.reducers.edit_message({
      messageId: (await owner.messages(general.id))[0]!.id,
      text: 'b2',
    });
    const seqs = async () =>
      (await owner.messages(general.id)).map((m) => [m.text, m.seq] as const);
    expect(await seqs()).toEqual([
      ['b2', b.seq],
      ['a', a.seq],
    ]);
    await owner.replay();
    expect(await seqs()).toEqual([
      ['b2', b.seq],
      ['a', a.seq],
    ]);
    expect(await owner.verify()).toMatchObject({ ok: true });
  });

  it('backfills message seqs from the log for a store written before they were kept', async () => {
    const { owner, general } = await hub();
    const a = await owner.reducers.send_message({ channelId: general.id, text: 'a' });
    await owner.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(storePath(homeOf()));
    raw.prepare('UPDATE messages SET seq = NULL').run();
    raw.close();
    const again = await as('owner');
    expect((await again.messages(general.id))[0]!.seq).toBe(a.seq);
  });

  it('refuses an unknown profile, naming it', async () => {
    await expect(openSpace({ home: homeOf(), as: 'nobody' })).rejects.toThrow(
      /no profile named "nobody"/,
    );
  });
});
