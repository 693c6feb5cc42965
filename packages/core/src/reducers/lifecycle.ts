import { reject } from '../errors.js';
import { reducer } from '../reducer.js';
import type { ChannelType } from '../enums.js';
import type { ReducerContext, Tx } from '../tx.js';
import { ensureUser, set_profile } from './users.js';

/** The channels every hub starts with. */
export const HUB_CHANNELS: ReadonlyArray<{ name: string; kind: ChannelType; description: string }> =
  [
    { name: 'general', kind: 'Text', description: 'Talk about anything.' },
    {
      name: 'agent-logs',
      kind: 'AgentLog',
      description: 'What agents did: session summaries and events.',
    },
    {
      name: 'system',
      kind: 'Announcement',
      description: 'Announcements from the people who run this hub.',
    },
  ];

/**
 * Creates the hub: its channels, and the caller as Owner. Runs once per store or database. The
 * embedded store passes the Owner's profile so the hub and its Owner are one atomic call;
 * SpacetimeDB calls `init` at publish with no arguments (the Owner then sets a profile).
 */
export const init = reducer({
  name: 'init',
  doc: 'Create the hub (#general, #agent-logs, #system); the caller becomes its Owner.',
  lifecycle: 'init',
  args: {
    name: { type: 'string', optional: true },
    displayName: { type: 'string', optional: true },
  },
  run(tx, ctx, args) {
    if (tx.roles.filter('role', 'Owner').length > 0)
      reject('already_initialized', 'the hub already exists');
    ensureUser(tx, ctx);
    if (args.name !== undefined) {
      set_profile.run(tx, ctx, { name: args.name, displayName: args.displayName });
    }
    const role = tx.roles.find(ctx.sender)!;
    tx.roles.update({ ...role, role: 'Owner', updatedBy: ctx.sender, updatedAt: ctx.timestamp });
    for (const channel of HUB_CHANNELS) {
      if (tx.channels.findBy('name', channel.name)) continue;
      tx.channels.insert({
        id: 0n,
        ...channel,
        private: false,
        createdBy: ctx.sender,
        createdAt: ctx.timestamp,
        updatedAt: ctx.timestamp,
      });
    }
  },
});

function connect(tx: Tx, ctx: ReducerContext, delta: 1 | -1): void {
  ensureUser(tx, ctx);
  const row = tx.presence.find(ctx.sender)!;
  const connections = Math.max(0, row.connections + delta);
  tx.presence.update({
    ...row,
    connections,
    status: connections > 0 ? (row.status === 'Offline' ? 'Online' : row.status) : 'Offline',
    lastSeen: ctx.timestamp,
    updatedAt: ctx.timestamp,
  });
}

/** A connection opened: the caller is registered if new, and shown Online. */
export const client_connected = reducer({
  name: 'client_connected',
  doc: 'Lifecycle: a client connected; registers newcomers and marks them Online.',
  lifecycle: 'client_connected',
  args: {},
  run: (tx, ctx) => connect(tx, ctx, 1),
});

/** A connection closed: Offline once the caller's last connection is gone; last seen kept. */
export const client_disconnected = reducer({
  name: 'client_disconnected',
  doc: 'Lifecycle: a client disconnected; Offline when no connection is left.',
  lifecycle: 'client_disconnected',
  args: {},
  run: (tx, ctx) => connect(tx, ctx, -1),
});
