import type { Call } from '../engine/call.js';
import type { CallResult, MemoryState } from '../engine/memory.js';
import { keyOf } from '../engine/memoryTable.js';
import type { Role } from '../enums.js';
import { ROLES, rankOf } from '../enums.js';
import { CHANNEL_NAME_MAX } from '../reducers/channels.js';
import { EDIT_HISTORY_MAX, MESSAGE_MAX } from '../reducers/messages.js';
import { PINS_PER_CHANNEL_MAX } from '../reducers/pins.js';
import { DISTINCT_EMOJI_MAX } from '../reducers/reactions.js';
import { TOPIC_TITLE_MAX } from '../reducers/topics.js';
import { NAME_MAX } from '../reducers/users.js';
import type { RoleRow } from '../schema/tables.js';
import type { Snapshot } from './snapshot.js';
import { asSnapshot } from './snapshot.js';

const length = (s: string) => [...s].length;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Every invariant a state must keep, checked from its rows alone. Returns one line per violation
 * (empty when all hold): at most one Owner; users, roles and presence agree; nothing points at a
 * missing channel, message or user; pin, emoji and length limits; no duplicate memberships.
 */
export function invariants(state: MemoryState | Snapshot): string[] {
  const s = asSnapshot(state);
  const bad: string[] = [];
  const channels = new Set(s.channels.map((c) => c.id));
  const messages = new Map(s.messages.map((m) => [m.id, m]));
  const users = new Set(s.users.map((u) => u.identity));

  const owners = s.roles.filter((r) => r.role === 'Owner');
  if (owners.length > 1) bad.push(`${owners.length} Owners`);
  for (const r of s.roles) {
    if (!(ROLES as readonly string[]).includes(r.role)) bad.push(`role "${r.role}" is not a role`);
    if (!users.has(r.identity)) bad.push(`role row without a user: ${r.identity}`);
  }
  const roled = new Set(s.roles.map((r) => r.identity));
  for (const u of s.users) {
    if (!roled.has(u.identity)) bad.push(`user ${u.name} has no role row`);
    if (length(u.name) > NAME_MAX) bad.push(`user name over ${NAME_MAX}: ${u.name}`);
  }
  for (const [name, n] of countBy(s.users, (u) => u.name))
    if (n > 1) bad.push(`name ${name} used ${n} times`);
  for (const [name, n] of countBy(s.channels, (c) => c.name))
    if (n > 1) bad.push(`channel name ${name} used ${n} times`);
  for (const c of s.channels) {
    if (length(c.name) > CHANNEL_NAME_MAX)
      bad.push(`channel name over ${CHANNEL_NAME_MAX}: ${c.id}`);
  }

  const orphan = (table: string, id: unknown, what: string) =>
    bad.push(`${table} ${String(id)} points at a missing ${what}`);
  for (const m of s.messages) {
    if (!channels.has(m.channelId)) orphan('message', m.id, 'channel');
    if ((m.kind === 'Text' || m.kind === 'AgentEvent') && length(m.text) > MESSAGE_MAX)
      bad.push(`message ${m.id} is over ${MESSAGE_MAX}`);
    if ((JSON.parse(m.editHistory) as unknown[]).length > EDIT_HISTORY_MAX)
      bad.push(`message ${m.id} keeps more than ${EDIT_HISTORY_MAX} earlier versions`);
    if (
      m.topicId !== undefined &&
      !s.topics.some((t) => t.id === m.topicId && t.channelId === m.channelId)
    ) {
      orphan('message', m.id, 'topic');
    }
  }
  for (const m of s.members) {
    if (!channels.has(m.channelId)) orphan('member', m.id, 'channel');
    if (!users.has(m.identity)) orphan('member', m.id, 'user');
  }
  for (const [key, n] of countBy(s.members, (m) => `${m.channelId}/${m.identity}`))
    if (n > 1) bad.push(`membership ${key} held ${n} times`);
  for (const p of s.pins) {
    const m = messages.get(p.messageId);
    if (!m) orphan('pin', p.id, 'message');
    else if (m.channelId !== p.channelId)
      bad.push(`pin ${p.id} is filed under another channel than its message`);
    if (!channels.has(p.channelId)) orphan('pin', p.id, 'channel');
  }
  for (const [c, n] of countBy(s.pins, (p) => String(p.channelId)))
    if (n > PINS_PER_CHANNEL_MAX) bad.push(`channel ${c} has ${n} pins`);
  for (const r of s.reactions) if (!messages.has(r.messageId)) orphan('reaction', r.id, 'message');
  const emojiPerMessage = new Map<bigint, Set<string>>();
  for (const r of s.reactions)
    emojiPerMessage.set(r.messageId, (emojiPerMessage.get(r.messageId) ?? new Set()).add(r.emoji));
  for (const [m, set] of emojiPerMessage)
    if (set.size > DISTINCT_EMOJI_MAX) bad.push(`message ${m} has ${set.size} distinct emoji`);
  for (const [key, n] of countBy(s.reactions, (r) => `${r.messageId}/${r.identity}/${r.emoji}`))
    if (n > 1) bad.push(`reaction ${key} given ${n} times`);
  for (const e of s.events) {
    if (!channels.has(e.channelId)) orphan('event', e.id, 'channel');
    if (!messages.has(e.messageId)) orphan('event', e.id, 'message');
  }
  for (const t of s.topics) {
    if (!channels.has(t.channelId)) orphan('topic', t.id, 'channel');
    if (length(t.title) > TOPIC_TITLE_MAX) bad.push(`topic ${t.id} title over ${TOPIC_TITLE_MAX}`);
  }
  for (const r of s.read_receipts)
    if (!channels.has(r.channelId)) orphan('read receipt', r.id, 'channel');
  for (const w of s.webhooks) if (!channels.has(w.channelId)) orphan('webhook', w.id, 'channel');
  for (const i of s.invites) {
    if (i.channelId !== undefined && !channels.has(i.channelId)) orphan('invite', i.id, 'channel');
    if (i.maxUses > 0 && i.uses > i.maxUses)
      bad.push(`invite ${i.id} used ${i.uses} of ${i.maxUses} times`);
  }
  return bad;
}

function silenced(row: RoleRow | undefined, now: bigint): boolean {
  if (!row) return false;
  const banned = row.banned && (row.bannedUntil === undefined || row.bannedUntil > now);
  return banned || (row.timeoutUntil !== undefined && row.timeoutUntil > now);
}

/**
 * The rules one call must keep, checked from the state before it, the call, and its result:
 * a rejected call changes nothing; banned and timed-out users never post; nobody is raised to a
 * role at or above their granter's, Owner changes hands only by transfer, and only someone ranked
 * above a user changes that user's role.
 */
export function stepViolations(before: MemoryState, call: Call, result: CallResult): string[] {
  if (!result.ok)
    return result.state === before ? [] : [`rejected ${call.reducer} changed the state`];
  const bad: string[] = [];
  const roleBefore = (identity: string) =>
    before.tables.roles.rows.get(keyOf(identity)) as RoleRow | undefined;
  for (const change of result.changes) {
    if (change.table === 'messages' && change.op === 'insert') {
      const m = change.row;
      const clientPost =
        (m.kind === 'Text' || m.kind === 'AgentEvent') && m.webhookId === undefined;
      if (clientPost && silenced(roleBefore(m.sender), call.timestamp))
        bad.push(`${call.reducer}: a silenced user posted`);
      if (call.reducer === 'send_message' && m.kind !== 'Text')
        bad.push(`send_message wrote a ${m.kind} message`);
    }
    if (change.table === 'roles' && change.op === 'update' && change.old.role !== change.row.role) {
      const from = change.old.role as Role;
      const to = change.row.role as Role;
      if (from === 'Owner' && call.reducer !== 'transfer_ownership')
        bad.push(`${call.reducer} changed the Owner's role`);
      if (to === 'Owner' && call.reducer !== 'transfer_ownership' && call.reducer !== 'init')
        bad.push(`${call.reducer} made an Owner`);
      if (to !== 'Owner' && rankOf(to) > rankOf(from)) {
        const granter = roleBefore(change.row.updatedBy);
        if (!granter || rankOf(granter.role as Role) <= rankOf(to)) {
          bad.push(
            `${call.reducer} raised a user to ${to}, granted by a ${granter?.role ?? 'nobody'}`,
          );
        }
      }
      if (call.reducer === 'set_role') {
        const actor = roleBefore(call.sender);
        if (!actor || rankOf(actor.role as Role) <= rankOf(from))
          bad.push(`set_role by a ${actor?.role ?? 'nobody'} changed a ${from}`);
      }
    }
  }
  return bad;
}
