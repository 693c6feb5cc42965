import type { Action } from './permissions.js';
import { roleAllows } from './permissions.js';
import type { Role } from './enums.js';
import type { Rows, TableName } from './schema/tables.js';
import type { LookupTx } from './tx.js';

/**
 * One way a row can be visible to a reader. A table's rows are visible when any of its rules
 * admits them. The vocabulary is small on purpose: every rule but `role` is an equality join on
 * the reader's identity, so the SpacetimeDB module can state it as a row-level-security filter,
 * and each engine can be checked against {@link canSee}.
 */
export type VisibilityRule =
  /** Every reader sees every row. */
  | { readonly kind: 'everyone' }
  /** Rows whose boolean column holds this value (`channels.private = false`). */
  | { readonly kind: 'equals'; readonly column: string; readonly value: boolean }
  /** Rows whose identity column is the reader (their own memberships, their own invites). */
  | { readonly kind: 'reader'; readonly column: string }
  /** Rows of a channel (its id in `column`) the reader belongs to and is not banned from. */
  | { readonly kind: 'member'; readonly column: string }
  /** Rows whose `column` points (by primary key) at a row of `table` the reader may see. */
  | { readonly kind: 'via'; readonly column: string; readonly table: TableName }
  /** Every row, for readers whose role allows `action` (and who are not banned). */
  | { readonly kind: 'role'; readonly action: Action };

/** Who may see a table's rows, which columns nobody reads, and why. */
export interface TableVisibility {
  readonly anyOf: readonly VisibilityRule[];
  /** Columns left out of every read: secrets' hashes. */
  readonly hidden?: readonly string[];
  readonly why: string;
}

const everyone = { kind: 'everyone' } as const;
const reader = (column: string) => ({ kind: 'reader', column }) as const;
const member = (column: string) => ({ kind: 'member', column }) as const;
const via = (column: string, table: TableName) => ({ kind: 'via', column, table }) as const;
const role = (action: Action) => ({ kind: 'role', action }) as const;
const inChannel = (why: string): TableVisibility => ({
  anyOf: [via('channelId', 'channels')],
  why,
});

/**
 * Who may see what, table by table: the read-side twin of `PERMISSIONS`. Every engine reads
 * through it: core's read queries filter by it, the embedded store's subscriptions deliver by
 * it, and the SpacetimeDB module turns it into row-level-security filters and views.
 *
 * Private channels are seen by their members only, whatever their rank: a Moderator who must
 * act in one adds themselves (`add_member`), which its members see. A banned user keeps their
 * own rows and public channels (anyone can read those) but loses every private one.
 */
export const VISIBILITY = {
  users: { anyOf: [everyone], why: 'names and profiles of everyone who may act' },
  roles: { anyOf: [everyone], why: 'moderation is visible: roles, bans and timeouts' },
  presence: { anyOf: [everyone], why: 'who is online, with their status text' },
  channels: {
    anyOf: [{ kind: 'equals', column: 'private', value: false }, member('id')],
    why: 'public channels to everyone; a private channel to its members only',
  },
  members: {
    anyOf: [reader('identity'), member('channelId')],
    why: 'who is in a channel, to its members; everyone sees their own memberships',
  },
  messages: inChannel('with their channel'),
  reactions: inChannel('with their channel (and message)'),
  pins: inChannel('with their channel'),
  read_receipts: inChannel('with their channel'),
  events: inChannel('with their channel'),
  topics: inChannel('with their channel'),
  invites: {
    anyOf: [reader('createdBy'), role('revoke_invite')],
    hidden: ['codeHash'],
    why: 'to their creator, and to those who may revoke any (Moderator+); never the code',
  },
  webhooks: {
    anyOf: [reader('createdBy'), role('manage_webhooks')],
    hidden: ['tokenHash'],
    why: 'to their creator, and to those who manage webhooks (Admin+); never the token',
  },
} as const satisfies Record<TableName, TableVisibility>;

/** A row as readers get it: without the table's hidden columns. */
export type Visible<K extends TableName> = (typeof VISIBILITY)[K] extends {
  hidden: readonly (infer H extends string)[];
}
  ? Omit<Rows[K], H>
  : Rows[K];

type AnyRow = Record<string, unknown>;

/** True when `identity` belongs to the channel. */
export function isMemberOf(tx: LookupTx, channelId: bigint, identity: string): boolean {
  return tx.members.filter('identity', identity).some((m) => m.channelId === channelId);
}

/** True when the reader's role row says banned (a ban's end time lifts it at their next call). */
function isBanned(tx: LookupTx, identity: string): boolean {
  return tx.roles.find(identity)?.banned === true;
}

function admits(tx: LookupTx, identity: string, rule: VisibilityRule, row: AnyRow): boolean {
  switch (rule.kind) {
    case 'everyone':
      return true;
    case 'equals':
      return row[rule.column] === rule.value;
    case 'reader':
      return row[rule.column] === identity;
    case 'member':
      return isMemberOf(tx, row[rule.column] as bigint, identity) && !isBanned(tx, identity);
    case 'via': {
      const target = (tx[rule.table] as LookupTx['channels']).find(row[rule.column] as never);
      return target !== undefined && canSee(tx, identity, rule.table, target as never);
    }
    case 'role': {
      const row = tx.roles.find(identity);
      return row !== undefined && !row.banned && roleAllows(row.role as Role, rule.action);
    }
  }
}

/** May `identity` see this row of `table`? The one definition every engine is checked against. */
export function canSee<K extends TableName>(
  tx: LookupTx,
  identity: string,
  table: K,
  row: Rows[K],
): boolean {
  const rules: readonly VisibilityRule[] = VISIBILITY[table].anyOf;
  return rules.some((rule) => admits(tx, identity, rule, row as AnyRow));
}

/** True when every reader sees every row of the table. */
export function isPublicToAll(table: TableName): boolean {
  return (VISIBILITY[table].anyOf as readonly VisibilityRule[]).some((r) => r.kind === 'everyone');
}

/** The row without its table's hidden columns. */
export function visibleColumns<K extends TableName>(table: K, row: Rows[K]): Visible<K> {
  const hidden: readonly string[] = (VISIBILITY[table] as TableVisibility).hidden ?? [];
  if (hidden.length === 0) return row as Visible<K>;
  const out: AnyRow = { ...row };
  for (const column of hidden) delete out[column];
  return out as Visible<K>;
}
