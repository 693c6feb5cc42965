import type { ChannelType } from '../enums.js';
import { CHANNEL_TYPES } from '../enums.js';
import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { Channel } from '../schema/tables.js';
import type { TableTx, Tx } from '../tx.js';
import { checkChannelName } from '../names.js';
import { checkText } from '../text.js';
import { requireRole, requireUser, requireVisibleChannel } from './guards.js';
import { deleteMessageCascade } from './messages.js';

export { CHANNEL_NAME_MAX } from '../names.js';
/** The longest channel description. */
export const DESCRIPTION_MAX = 500;

/** A valid channel name that no other channel holds. */
function freeChannelName(tx: Tx, name: string, self?: bigint): string {
  checkChannelName(name);
  const holder = tx.channels.findBy('name', name);
  if (holder && holder.id !== self) reject('name_taken', `a channel named #${name} exists`);
  return name;
}

/** Creates a channel; the creator joins it. */
export const create_channel = reducer({
  name: 'create_channel',
  doc: 'Create a channel: name (at most 100 lowercase a-z 0-9 _ . -, not all digits), type Text|Voice|Announcement|AgentLog, description, private.',
  args: {
    name: { type: 'string' },
    kind: { type: 'string' },
    description: { type: 'string', optional: true },
    private: { type: 'bool', optional: true },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'create_channel');
    const name = freeChannelName(tx, args.name);
    const kind = args.kind as ChannelType;
    if (!CHANNEL_TYPES.includes(kind)) {
      reject(
        'invalid_argument',
        `channel type must be one of ${CHANNEL_TYPES.join(', ')}; got "${kind}"`,
      );
    }
    const channel = tx.channels.insert({
      id: 0n,
      name,
      kind,
      description: checkText('description', args.description ?? '', DESCRIPTION_MAX, {
        allowEmpty: true,
      }),
      private: args.private ?? false,
      createdBy: ctx.sender,
      createdAt: ctx.timestamp,
      updatedAt: ctx.timestamp,
    });
    tx.members.insert({
      id: 0n,
      channelId: channel.id,
      identity: ctx.sender,
      joinedAt: ctx.timestamp,
    });
  },
});

/** Renames a channel or changes its description or privacy; its type is fixed. */
export const update_channel = reducer({
  name: 'update_channel',
  doc: 'Change a channel’s name, description or privacy (Moderator+, or its creator).',
  args: {
    channelId: { type: 'u64' },
    name: { type: 'string', optional: true },
    description: { type: 'string', optional: true },
    private: { type: 'bool', optional: true },
  },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    if (channel.createdBy !== ctx.sender) requireRole(tx, ctx, 'update_channel');
    const next: Channel = {
      ...channel,
      name: args.name === undefined ? channel.name : freeChannelName(tx, args.name, channel.id),
      description:
        args.description === undefined
          ? channel.description
          : checkText('description', args.description, DESCRIPTION_MAX, { allowEmpty: true }),
      private: args.private ?? channel.private,
      updatedAt: ctx.timestamp,
    };
    tx.channels.update(next);
  },
});

/** Deletes a channel and everything in it: nothing is left pointing at it. */
export const delete_channel = reducer({
  name: 'delete_channel',
  doc: 'Delete a channel with its messages, members, pins, receipts, topics, events, webhooks and invites (Admin+).',
  args: { channelId: { type: 'u64' } },
  run(tx, ctx, args) {
    requireUser(tx, ctx);
    requireRole(tx, ctx, 'delete_channel');
    const channel = requireVisibleChannel(tx, ctx, args.channelId);
    for (const message of tx.messages.filter('channelId', channel.id))
      deleteMessageCascade(tx, message.id);
    for (const table of [
      'members',
      'read_receipts',
      'topics',
      'events',
      'webhooks',
      'pins',
    ] as const) {
      // These tables share the shape that matters here: an id and a channelId index.
      const t = tx[table] as unknown as TableTx<{ id: bigint; channelId: bigint }>;
      for (const row of t.filter('channelId', channel.id)) t.delete(row.id);
    }
    for (const invite of tx.invites.filter('channelId', channel.id)) tx.invites.delete(invite.id);
    tx.channels.delete(channel.id);
  },
});
