import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryReadTx, replay } from './engine/memory.js';
import { SANCTIONS } from './permissions.js';
import {
  channelMembers,
  channelPins,
  channelTopics,
  eventsOf,
  findChannel,
  invitesOf,
  messagePage,
  unreadOf,
  visibleRows,
  webhooksOf,
} from './reads/queries.js';
import { reducers } from './reducers/index.js';
import { tables } from './schema/tables.js';
import type { TableName } from './schema/tables.js';
import { PEOPLE, POOL, TestHub, callsArb, readViolations } from './testing/index.js';
import type { Person, ReaderReads } from './testing/index.js';
import { VISIBILITY, canSee } from './visibility.js';

/** A seeded hub with #vault (private, the Moderator and the Member in it) holding one of everything. */
function vaultHub() {
  const hub = TestHub.seeded();
  hub.ok('member', 'create_channel', { name: 'vault', kind: 'Text', private: true });
  const vault = hub.channel('vault').id;
  hub.ok('member', 'create_invite', { channelId: vault, role: 'Agent', code: 'vault-code' });
  hub.ok('owner', 'create_webhook', { channelId: 1n, name: 'ci', token: 'owner-token' });
  hub.ok('member', 'send_message', { channelId: vault, text: 'the combination is 1234' });
  const secret = hub.last('messages').id;
  hub.ok('member', 'add_reaction', { messageId: secret, emoji: '🔥' });
  hub.ok('member', 'create_topic', { channelId: vault, title: 'heist' });
  hub.ok('member', 'emit_event', { channelId: vault, kind: 'vault.opened@1', payload: '{}' });
  hub.ok('member', 'mark_read', { channelId: vault, messageId: secret });
  return { hub, vault, secret };
}

const sees = <K extends TableName>(hub: TestHub, who: Person, table: K) =>
  visibleRows(memoryReadTx(hub.state), PEOPLE[who], table);

describe('the visibility table', () => {
  it('declares every table, each with a reason', () => {
    expect(Object.keys(VISIBILITY).sort()).toEqual(Object.keys(tables).sort());
    for (const [table, v] of Object.entries(VISIBILITY)) expect(v.why, table).not.toBe('');
  });

  it('hides a private channel and everything in it from non-members, whatever their rank', () => {
    const { hub, vault } = vaultHub();
    for (const who of ['owner', 'admin', 'agent'] as const) {
      expect(
        sees(hub, who, 'channels').map((c) => c.name),
        who,
      ).not.toContain('vault');
      for (const table of ['messages', 'topics', 'events', 'read_receipts', 'pins'] as const) {
        const rows = sees(hub, who, table) as { channelId: bigint }[];
        expect(
          rows.filter((r) => r.channelId === vault),
          `${who} ${table}`,
        ).toEqual([]);
      }
      expect(sees(hub, who, 'reactions'), who).toEqual([]);
      expect(
        sees(hub, who, 'members').filter((m) => m.channelId === vault),
        who,
      ).toEqual([]);
      expect(findChannel(memoryReadTx(hub.state), PEOPLE[who], 'vault'), who).toBeUndefined();
    }
  });

  it('shows it to its members, and stops at leaving or a ban', () => {
    const { hub, vault, secret } = vaultHub();
    const texts = (who: Person) => sees(hub, who, 'messages').map((m) => m.text);
    expect(texts('member')).toContain('the combination is 1234');
    expect(texts('moderator')).not.toContain('the combination is 1234');
    hub.ok('member', 'add_member', { channelId: vault, identity: PEOPLE.agent });
    expect(texts('agent')).toContain('the combination is 1234');
    expect(sees(hub, 'agent', 'reactions').map((r) => r.messageId)).toEqual([secret]);
    hub.ok('agent', 'leave_channel', { channelId: vault });
    expect(texts('agent')).not.toContain('the combination is 1234');
    hub.ok('member', 'add_member', { channelId: vault, identity: PEOPLE.agent2 });
    hub.ok('moderator', 'ban_user', { identity: PEOPLE.agent2 });
    expect(texts('agent2')).not.toContain('the combination is 1234');
    // A banned member still sees their own membership, so they can leave.
    expect(sees(hub, 'agent2', 'members').some((m) => m.channelId === vault)).toBe(true);
    hub.ok('agent2', 'leave_channel', { channelId: vault });
  });

  it('shows public channels, users, roles and presence to everyone, unregistered included', () => {
    const { hub } = vaultHub();
    for (const table of ['users', 'roles', 'presence'] as const) {
      expect(sees(hub, 'stranger', table)).toHaveLength(hub.rows(table).length);
    }
    expect(sees(hub, 'stranger', 'channels').map((c) => c.name)).toEqual([
      'general',
      'agent-logs',
      'system',
    ]);
  });

  it('shows invites to their creator and to Moderators+, webhooks to their creator and Admins+, never a hash', () => {
    const { hub } = vaultHub();
    const tx = () => memoryReadTx(hub.state);
    expect(invitesOf(tx(), PEOPLE.member).map((i) => i.role)).toEqual(['Agent']);
    expect(invitesOf(tx(), PEOPLE.agent)).toEqual([]);
    expect(invitesOf(tx(), PEOPLE.moderator)).toHaveLength(2);
    for (const invite of invitesOf(tx(), PEOPLE.owner))
      expect(invite).not.toHaveProperty('codeHash');
    expect(webhooksOf(tx(), PEOPLE.moderator)).toEqual([]);
    expect(webhooksOf(tx(), PEOPLE.admin).map((w) => w.name)).toEqual(['ci', 'ci']);
    for (const webhook of webhooksOf(tx(), PEOPLE.owner))
      expect(webhook).not.toHaveProperty('tokenHash');
  });

  it('shows members of a channel to its members, and each reader their own memberships', () => {
    const { hub, vault } = vaultHub();
    const tx = memoryReadTx(hub.state);
    expect(channelMembers(tx, PEOPLE.member, vault).map((m) => m.identity)).toEqual([
      PEOPLE.member,
    ]);
    expect(() => channelMembers(tx, PEOPLE.agent, vault)).toThrow(`no channel with id ${vault}`);
  });

  it('agrees with the reducers: what a reducer calls not found is what reads do not show', () => {
    const { hub, secret } = vaultHub();
    expect(
      canSee(
        memoryReadTx(hub.state),
        PEOPLE.agent,
        'messages',
        hub.rows('messages').find((m) => m.id === secret)!,
      ),
    ).toBe(false);
    expect(hub.fails('agent', 'add_reaction', { messageId: secret, emoji: '👍' })).toMatchObject({
      code: 'not_found',
      message: `no message with id ${secret}`,
    });
  });
});

describe('the read queries', () => {
  it('page a channel newest first by cursor, refusing a channel the reader cannot see', () => {
    const { hub, vault } = vaultHub();
    for (const n of [1, 2, 3])
      hub.ok('member', 'send_message', { channelId: vault, text: `m${n}` });
    const tx = memoryReadTx(hub.state);
    const page1 = messagePage(tx, PEOPLE.member, vault, { limit: 2 });
    expect(page1.map((m) => m.text)).toEqual(['m3', 'm2']);
    const page2 = messagePage(tx, PEOPLE.member, vault, { limit: 2, before: page1.at(-1)!.id });
    expect(page2.map((m) => m.text)).toEqual(['m1', 'vault.opened@1']);
    expect(() => messagePage(tx, PEOPLE.owner, vault)).toThrow(`no channel with id ${vault}`);
  });

  it('list events across visible channels only, and count unread only where the reader may read', () => {
    const { hub } = vaultHub();
    const tx = memoryReadTx(hub.state);
    expect(eventsOf(tx, PEOPLE.owner).map((e) => e.kind)).toEqual(['task.started@1']);
    expect(eventsOf(tx, PEOPLE.member).map((e) => e.kind)).toEqual([
      'vault.opened@1',
      'task.started@1',
    ]);
    expect(unreadOf(tx, PEOPLE.owner).map((u) => u.channel)).toEqual([
      'general',
      'agent-logs',
      'system',
    ]);
    expect(unreadOf(tx, PEOPLE.member).find((u) => u.channel === 'vault')).toMatchObject({
      unread: 0,
    });
  });
});

describe('sanctions', () => {
  it('name only reducers that exist', () => {
    for (const name of [...SANCTIONS.banned, ...SANCTIONS.timed_out]) {
      expect(Object.keys(reducers)).toContain(name);
    }
  });

  it('leave a banned user nothing but leaving, whatever their rank', () => {
    const hub = TestHub.seeded();
    hub.ok('moderator', 'join_channel', { channelId: 1n });
    hub.ok('owner', 'ban_user', { identity: PEOPLE.moderator, reason: 'spam' });
    const refused = [
      ['pin_message', { messageId: 1n }],
      ['delete_message', { messageId: 1n }],
      ['ban_user', { identity: PEOPLE.agent }],
      ['set_role', { identity: PEOPLE.agent, role: 'Member' }],
      ['add_member', { channelId: 1n, identity: PEOPLE.agent }],
      ['create_channel', { name: 'mine', kind: 'Text' }],
      ['create_invite', { code: 'banned-code' }],
      ['set_profile', { name: 'moderator', displayName: 'M' }],
      ['set_presence', { status: 'Online', statusText: 'back' }],
      ['mark_read', { channelId: 1n, messageId: 1n }],
      ['join_channel', { channelId: 1n }],
    ] as const;
    for (const [reducer, args] of refused) {
      expect(hub.fails('moderator', reducer, args), reducer).toMatchObject({
        code: 'banned',
        message: 'you are banned: spam',
      });
    }
    hub.ok('moderator', 'leave_channel', { channelId: 1n });
  });

  it('stop a timed-out user posting, reacting, creating and editing, but not stepping away', () => {
    const hub = TestHub.seeded();
    hub.ok('member', 'join_channel', { channelId: 1n });
    hub.ok('member', 'send_message', { channelId: 1n, text: 'mine' });
    const mine = hub.last('messages').id;
    hub.ok('member', 'add_reaction', { messageId: mine, emoji: '👍' });
    hub.ok('moderator', 'timeout_user', {
      identity: PEOPLE.member,
      until: hub.now + 3600n * 1_000_000n,
    });
    for (const [reducer, args] of [
      ['send_message', { channelId: 1n, text: 'x' }],
      ['edit_message', { messageId: mine, text: 'y' }],
      ['add_reaction', { messageId: mine, emoji: '🎉' }],
      ['create_channel', { name: 'mine', kind: 'Text' }],
      ['create_topic', { channelId: 1n, title: 't' }],
      ['set_profile', { name: 'member', displayName: 'New name' }],
      ['set_presence', { status: 'Online', statusText: 'hello' }],
      ['create_invite', { code: 'timed-out' }],
    ] as const) {
      expect(hub.fails('member', reducer, args), reducer).toMatchObject({ code: 'timed_out' });
    }
    hub.ok('member', 'remove_reaction', { messageId: mine, emoji: '👍' });
    hub.ok('member', 'mark_read', { channelId: 1n, messageId: mine });
    hub.ok('member', 'delete_message', { messageId: mine });
    hub.ok('member', 'leave_channel', { channelId: 1n });
  });
});

describe('the read queries against the visibility table (random call sequences)', () => {
  it('give every reader exactly what VISIBILITY allows, on the memory engine', async () => {
    await fc.assert(
      fc.asyncProperty(callsArb(), async (calls) => {
        const { state } = replay(calls);
        const tx = memoryReadTx(state);
        for (const reader of POOL) {
          const reads: ReaderReads = {
            rows: async (table) => visibleRows(tx, reader, table) as never,
            channel: async (id) => findChannel(tx, reader, id),
            messages: async (id, query) => messagePage(tx, reader, id, query),
            members: async (id) => channelMembers(tx, reader, id),
            pins: async (id) => channelPins(tx, reader, id),
            topics: async (id) => channelTopics(tx, reader, id),
            events: async (query) => eventsOf(tx, reader, query),
            unread: async () => unreadOf(tx, reader),
            invites: async () => invitesOf(tx, reader),
            webhooks: async () => webhooksOf(tx, reader),
          };
          expect(await readViolations(reads, state, reader)).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
