/**
 * The SpacetimeDB engine end to end: the real SDK and the real module, through the test
 * server (in this process), with several identities; and the same calls on the embedded
 * engine where the two must agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReducerArgs, ReducerName } from '@spaces/core';
import { SpacesError } from '@spaces/core';
import { startTestServer, type RunningServer } from '@spaces/spacetime-test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Space } from '../api.js';
import { openSpace } from '../open.js';
import { addProfile } from '../profiles.js';

const MODULE = fileURLToPath(new URL('../../../module', import.meta.url));

let server: RunningServer;
const open: Space[] = [];

/** A new identity's token (as `POST /v1/identity` gives one). */
async function newToken(): Promise<string> {
  const res = await fetch(`${server.url}/v1/identity`, { method: 'POST' });
  return ((await res.json()) as { token: string }).token;
}

async function connect(token: string): Promise<Space> {
  const space = await openSpace({ host: server.url, database: 'spaces', token });
  open.push(space);
  return space;
}

/** A registered member: a fresh identity that chose a name. */
async function member(name: string): Promise<{ space: Space; token: string }> {
  const token = await newToken();
  const space = await connect(token);
  await space.reducers.set_profile({ name, kind: 'agent' });
  return { space, token };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

beforeAll(async () => {
  server = await startTestServer({ module: MODULE });
});

afterAll(async () => {
  for (const space of open.splice(0)) await space.close();
  await server.close();
});

describe('SpacetimeDB engine through the test server', () => {
  it('delivers one identity’s messages to another’s subscription, numbered by the commit seq', async () => {
    const owner = await connect(server.owner.token);
    const { space: reader } = await member('reader');
    const general = (await reader.channel('general'))!;
    const logs = (await reader.channel('#agent-logs'))!;
    const seen: Change[] = [];
    const sub = reader.subscribe({ channelId: general.id, tables: ['messages'] }, (c) =>
      seen.push(c),
    );
    await sub.ready;
    const sent = await owner.reducers.send_message({ channelId: general.id, text: 'hello' });
    await owner.reducers.send_message({ channelId: logs.id, text: 'elsewhere' });
    await until(() => seen.length > 0, 'the message');
    expect(seen).toMatchObject([
      {
        table: 'messages',
        op: 'insert',
        row: { text: 'hello', channelId: general.id, sender: owner.identity },
        seq: sent.seq,
        reducer: 'send_message',
        sender: owner.identity,
      },
    ]);
    await until(() => sub.seq === sent.seq + 1n, 'the second commit to move the seq');
    expect(seen).toHaveLength(1);
    sub.close();
  });

  it('returns the caller’s own changes and a seq one above the last', async () => {
    const owner = await connect(server.owner.token);
    const created = await owner.reducers.create_channel({ name: 'builds', kind: 'AgentLog' });
    // The channel, and its creator's membership.
    expect(created.changes).toMatchObject([
      { table: 'channels', op: 'insert', row: { name: 'builds', kind: 'AgentLog' } },
      { table: 'members', op: 'insert', row: { identity: owner.identity } },
    ]);
    const channelId = (created.changes[0]!.row as { id: bigint }).id;
    const sent = await owner.reducers.send_message({ channelId, text: 'green' });
    expect(sent.seq).toBe(created.seq + 1n);
    expect(sent.changes).toMatchObject([
      { table: 'messages', op: 'insert', row: { channelId, text: 'green' } },
    ]);
    // Pipelined calls each get their own receipt.
    const both = await Promise.all([
      owner.reducers.send_message({ channelId, text: 'a' }),
      owner.reducers.send_message({ channelId, text: 'b' }),
    ]);
    expect(both.map((r) => (r.changes[0]!.row as { text: string }).text)).toEqual(['a', 'b']);
    const [page] = await owner.messages(channelId, { limit: 1 });
    expect(page).toMatchObject({ text: 'b', seq: both[1]!.seq });
  });

  it('resumes after reconnecting: `since` replays the messages committed meanwhile', async () => {
    const owner = await connect(server.owner.token);
    const { space: first, token } = await member('resumer');
    const channelId = (await first.channel('general'))!.id;
    const sub = first.subscribe({ channelId, tables: ['messages'] }, () => {});
    await sub.ready;
    const last = sub.seq;
    sub.close();
    await first.close();
    await owner.reducers.send_message({ channelId, text: 'while away 1' });
    await owner.reducers.send_message({ channelId: channelId + 1n, text: 'other channel' });
    await owner.reducers.send_message({ channelId, text: 'while away 2' });
    const again = await connect(token);
    const seen: Change[] = [];
    const resumed = again.subscribe({ channelId, since: last, tables: ['messages'] }, (c) =>
      seen.push(c),
    );
    await resumed.ready;
    expect(seen.map((c) => (c.row as { text: string }).text)).toEqual([
      'while away 1',
      'while away 2',
    ]);
    expect(seen[0]!.seq).toBeGreaterThan(last);
    expect(seen[1]!.seq).toBeGreaterThan(seen[0]!.seq);
    resumed.close();
  });

  it('reads a channel’s newest messages through a window, without the rest of the space', async () => {
    const owner = await connect(server.owner.token);
    const system = (await owner.channel('system'))!;
    const busy = (await owner.reducers.create_channel({ name: 'busy', kind: 'Text' })).changes[0]!
      .row as { id: bigint };
    await Promise.all(
      ['s1', 's2', 's3'].map((text) => owner.reducers.send_message({ channelId: system.id, text })),
    );
    // 600 newer messages elsewhere: the window must reach back past them.
    await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        owner.reducers.send_message({ channelId: busy.id, text: `b${i}` }),
      ),
    );
    const { space: reader } = await member('windowed');
    const page = await reader.messages(system.id, { limit: 2 });
    expect(page.map((m) => m.text)).toEqual(['s3', 's2']);
    const next = await reader.messages(system.id, { limit: 2, before: page[1]!.id });
    expect(next.map((m) => m.text)).toEqual(['s1']);
    const recent = await reader.messages(busy.id, { limit: 3 });
    expect(recent.map((m) => m.text)).toEqual(['b599', 'b598', 'b597']);
    // Only windows of ids were fetched, never the whole messages table.
    const cached = (
      reader as unknown as { connection: { db: { messages: { count(): number } } } }
    ).connection.db.messages.count();
    expect(cached).toBeLessThan(600);
  });

  it('counts unread messages from the caller’s read receipt', async () => {
    const owner = await connect(server.owner.token);
    const { space: reader } = await member('counter');
    const channel = (await owner.reducers.create_channel({ name: 'unread-here', kind: 'Text' }))
      .changes[0]!.row as { id: bigint };
    for (const text of ['u1', 'u2', 'u3'])
      await owner.reducers.send_message({ channelId: channel.id, text });
    const count = async () =>
      (await reader.unread()).find((u) => u.channelId === channel.id)?.unread;
    expect(await count()).toBe(3);
    const [newest] = await reader.messages(channel.id, { limit: 1 });
    await reader.reducers.mark_read({ channelId: channel.id, messageId: newest!.id });
    expect(await count()).toBe(0);
  });

  it('never delivers a private channel’s rows to a non-member, and does once they join', async () => {
    const owner = await connect(server.owner.token);
    const { space: outsider } = await member('outsider-2');
    const vault = (
      await owner.reducers.create_channel({ name: 'vault', kind: 'Text', private: true })
    ).changes[0]!.row as { id: bigint };
    const seen: Change[] = [];
    const sub = outsider.subscribe({ tables: ['messages', 'channels'] }, (c) => seen.push(c));
    await sub.ready;
    await owner.reducers.send_message({ channelId: vault.id, text: 'the combination' });
    const after = await owner.reducers.send_message({
      channelId: (await owner.channel('general'))!.id,
      text: 'public news',
    });
    await until(() => sub.seq >= after.seq, 'the public message');
    expect(seen.map((c) => (c.row as { text?: string }).text)).toEqual(['public news']);
    expect(await outsider.channel(vault.id)).toBeUndefined();
    await expect(outsider.messages(vault.id)).rejects.toMatchObject({ code: 'not_found' });
    await owner.reducers.add_member({ channelId: vault.id, identity: outsider.identity });
    expect((await outsider.messages(vault.id)).map((m) => m.text)).toEqual(['the combination']);
    sub.close();
  });

  it('reads private tables only through the module’s views, by role, without hashes', async () => {
    const owner = await connect(server.owner.token);
    const { space: other } = await member('outsider');
    const made = await owner.reducers.create_invite({ role: 'Member', code: 'door-1234' });
    const id = (made.changes.find((c) => c.table === 'invites')!.row as { id: bigint }).id;
    const seen = await owner.invites();
    expect(seen.map((i) => i.id)).toContain(id);
    expect(
      JSON.stringify(seen, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)),
    ).not.toMatch(/codeHash|door-1234/);
    expect((await other.invites()).map((i) => i.id)).not.toContain(id);
    await expect(owner.rows('webhooks')).rejects.toMatchObject({ code: 'permission_denied' });
    expect(() => owner.subscribe({ tables: ['invites'] }, () => {})).toThrow(SpacesError);
  });
});

describe('the same refusals on both engines', () => {
  type Step = [who: 'owner' | 'member', reducer: ReducerName, args: (ids: Ids) => object];
  interface Ids {
    owner: string;
    member: string;
    general: bigint;
    ownerMessage: bigint;
  }
  /** Calls that must fail, for rank, permission, validation and missing rows. */
  const refusals: Step[] = [
    ['member', 'set_role', (i) => ({ identity: i.owner, role: 'Member' })],
    ['member', 'set_role', (i) => ({ identity: i.member, role: 'Admin' })],
    ['owner', 'set_role', (i) => ({ identity: i.member, role: 'Owner' })],
    ['member', 'ban_user', (i) => ({ identity: i.owner })],
    ['member', 'transfer_ownership', (i) => ({ identity: i.member })],
    ['member', 'delete_message', (i) => ({ messageId: i.ownerMessage })],
    ['member', 'pin_message', (i) => ({ messageId: i.ownerMessage })],
    ['member', 'send_message', (i) => ({ channelId: i.general, text: '' })],
    ['member', 'send_message', (i) => ({ channelId: i.general, text: 'x'.repeat(4001) })],
    ['member', 'send_message', () => ({ channelId: 9999n, text: 'nowhere' })],
    ['member', 'set_profile', () => ({ name: 'n'.repeat(33) })],
    ['member', 'create_channel', () => ({ name: 'general', kind: 'Text' })],
    ['owner', 'edit_message', () => ({ messageId: 424242n, text: 'x' })],
  ];

  async function outcomes(owner: Space, memberSpace: Space): Promise<string[]> {
    // A person, not an agent: SpacetimeDB registers a newcomer when its socket opens (a Member,
    // whatever it says of itself later), the embedded engine at set_profile (by kind).
    await memberSpace.reducers.set_profile({ name: 'rival', kind: 'human' });
    const general = (await owner.channel('general'))!.id;
    const sent = await owner.reducers.send_message({ channelId: general, text: 'mine' });
    const ids: Ids = {
      owner: owner.identity,
      member: memberSpace.identity,
      general,
      ownerMessage: (sent.changes[0]!.row as { id: bigint }).id,
    };
    const out: string[] = [];
    for (const [who, reducer, args] of refusals) {
      const space = who === 'owner' ? owner : memberSpace;
      try {
        await space.call(reducer, args(ids) as ReducerArgs[typeof reducer]);
        out.push(`${reducer}: ok`);
      } catch (e) {
        out.push(`${reducer}: ${(e as SpacesError).code}`);
      }
    }
    return out;
  }

  it('rejects the same calls with the same codes as the embedded engine', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spaces-engines-'));
    try {
      addProfile(home, 'owner');
      addProfile(home, 'member');
      const owner = await openSpace({ home, as: 'owner' });
      await owner.createHub({ name: 'owner' });
      const memberSpace = await openSpace({ home, as: 'member' });
      const embedded = await outcomes(owner, memberSpace);
      await owner.close();
      await memberSpace.close();
      // A fresh server, so both engines start from a new hub.
      const fresh = await startTestServer({ module: MODULE });
      try {
        const token = async () =>
          (
            (await (await fetch(`${fresh.url}/v1/identity`, { method: 'POST' })).json()) as {
              token: string;
            }
          ).token;
        const target = { host: fresh.url, database: 'spaces' };
        const stOwner = await openSpace({ ...target, token: fresh.owner.token });
        const stMember = await openSpace({ ...target, token: await token() });
        const spacetime = await outcomes(stOwner, stMember);
        await stOwner.close();
        await stMember.close();
        expect(spacetime).toEqual(embedded);
        expect(embedded.every((line) => !line.endsWith(': ok') && !line.endsWith('internal'))).toBe(
          true,
        );
      } finally {
        await fresh.close();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
