import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Change } from '../api.js';
import { useTempHome } from '../testing/tempHome.js';

const { as, home, closeAll } = useTempHome(['owner', 'ag', 'mod']);

/**
 * Waits until a subscriber has seen a marker: another process's commits reach it through the
 * notify file, asynchronously. The generous limit only bounds a broken run.
 */
async function seenMarker(seen: Change[], text: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (seen.some((c) => (c.row as { text?: string }).text === text)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the subscriber never saw "${text}"`);
}

/** A hub with #vault (private, the Owner alone in it) holding a message, topic and event. */
async function vault() {
  const owner = await as('owner');
  await owner.createHub({ name: 'owner' });
  const ag = await as('ag');
  await ag.reducers.set_profile({ name: 'ag', kind: 'agent' });
  const mod = await as('mod');
  await mod.reducers.set_profile({ name: 'mod' });
  await owner.reducers.set_role({ identity: mod.identity, role: 'Moderator' });
  await owner.reducers.create_channel({ name: 'vault', kind: 'Text', private: true });
  const id = (await owner.channel('vault'))!.id;
  await owner.reducers.send_message({ channelId: id, text: 'the combination is 1234' });
  await owner.reducers.create_topic({ channelId: id, title: 'heist' });
  await owner.reducers.emit_event({
    channelId: id,
    kind: 'vault.opened@1',
    payload: '{"pin":1234}',
  });
  return { owner, ag, mod, id };
}

describe('a private channel, read by a non-member through the client', () => {
  it('is not there: no channel, messages, topics, events or unread count', async () => {
    const { ag, mod, id } = await vault();
    for (const reader of [ag, mod]) {
      expect(await reader.channel('vault')).toBeUndefined();
      expect((await reader.rows('channels')).map((c) => c.name)).not.toContain('vault');
      await expect(reader.messages(id)).rejects.toMatchObject({
        code: 'not_found',
        message: `no channel with id ${id}`,
      });
      await expect(reader.topics(id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(reader.events({ channelId: id })).rejects.toMatchObject({ code: 'not_found' });
      expect((await reader.events()).map((e) => e.kind)).not.toContain('vault.opened@1');
      expect((await reader.unread()).map((u) => u.channel)).not.toContain('vault');
    }
  });

  it('delivers nothing of it to a subscriber until they join, and nothing after they leave', async () => {
    const { owner, ag, id } = await vault();
    const seen: Change[] = [];
    const sub = ag.subscribe({ since: 0n }, (c) => seen.push(c));
    await sub.ready;
    const texts = () =>
      seen.filter((c) => c.table === 'messages').map((c) => (c.row as { text: string }).text);
    expect(texts()).not.toContain('the combination is 1234');
    await owner.reducers.send_message({ channelId: id, text: 'still secret' });
    await owner.reducers.add_member({ channelId: id, identity: ag.identity });
    await owner.reducers.send_message({ channelId: id, text: 'welcome in' });
    await ag.reducers.leave_channel({ channelId: id });
    await owner.reducers.send_message({ channelId: id, text: 'after you left' });
    await owner.reducers.send_message({ channelId: 1n, text: 'marker' });
    await seenMarker(seen, 'marker');
    sub.close();
    expect(texts()).toEqual(['welcome in', 'marker']);
    // The subscriber saw their own membership come and go.
    const mine = seen.filter(
      (c) => c.table === 'members' && (c.row as { identity: string }).identity === ag.identity,
    );
    expect(mine.map((c) => c.op)).toEqual(['insert', 'delete']);
  });

  it('stops at a ban', async () => {
    const { owner, ag, id } = await vault();
    await owner.reducers.add_member({ channelId: id, identity: ag.identity });
    const seen: Change[] = [];
    const sub = ag.subscribe({ tables: ['messages'] }, (c) => seen.push(c));
    await sub.ready;
    await owner.reducers.send_message({ channelId: id, text: 'before the ban' });
    await owner.reducers.ban_user({ identity: ag.identity, reason: 'leaks' });
    await owner.reducers.send_message({ channelId: id, text: 'after the ban' });
    await owner.reducers.send_message({ channelId: 1n, text: 'marker' });
    await seenMarker(seen, 'marker');
    sub.close();
    expect(seen.map((c) => (c.row as { text: string }).text)).toEqual(['before the ban', 'marker']);
    await expect(ag.reducers.send_message({ channelId: 1n, text: 'x' })).rejects.toMatchObject({
      code: 'banned',
    });
    await ag.reducers.leave_channel({ channelId: id });
  });
});

describe('authority through the client', () => {
  it('refuses lifecycle reducers from a client', async () => {
    const { ag } = await vault();
    for (const reducer of ['init', 'client_connected', 'client_disconnected'] as const) {
      await expect(ag.call(reducer, {})).rejects.toMatchObject({
        code: 'permission_denied',
        message: expect.stringContaining('lifecycle reducer') as string,
      });
    }
    expect((await ag.rows('presence')).find((p) => p.identity === ag.identity)?.status).toBe(
      'Offline',
    );
  });
});

describe('secrets at rest', () => {
  it('never writes a webhook token or an invite code to the store or its log', async () => {
    const { owner, ag } = await vault();
    const token = 'tok-7f3e9a1c5b2d4e6f';
    const code = 'code-4b8d2f6a';
    const { changes } = await owner.reducers.create_webhook({ channelId: 1n, name: 'ci', token });
    const webhookId = (changes.find((c) => c.table === 'webhooks')!.row as { id: bigint }).id;
    await ag.reducers.execute_webhook({ webhookId, token, text: 'deploy ok' });
    await owner.reducers.create_invite({ code, role: 'Agent' });
    await ag.reducers.redeem_invite({ code });
    expect((await owner.verify()).ok).toBe(true);
    await owner.replay();
    expect((await owner.verify()).ok).toBe(true);
    await closeAll();
    for (const file of readdirSync(home(), { recursive: true, encoding: 'utf8' })) {
      if (!statSync(join(home(), file)).isFile()) continue;
      const bytes = readFileSync(join(home(), file)).toString('latin1');
      expect(bytes.includes(token), file).toBe(false);
      expect(bytes.includes(code), file).toBe(false);
    }
  });
});
