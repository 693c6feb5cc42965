import type { RowChange } from '../engine/call.js';
import type { Channel, Member, RoleRow } from '../schema/tables.js';
import type { LookupTx, ReadTx, TableLookup } from '../tx.js';
import { seesChange, withDeletedRows } from './changes.js';

/**
 * What decides which changes one reader may see, followed along a stream of commits: every
 * channel row, the reader's memberships and the reader's role row (see `VISIBILITY`: nothing else
 * is looked up). Taken from the tables at one commit, it steps forward or back a commit at a
 * time, so a subscriber judges every commit in the state that commit left, however late it reads
 * it, and a resumed subscription judges its backlog as it was, not as things are now.
 */
export class ReaderView {
  private readonly channels = new Map<bigint, Channel>();
  /** The reader's membership rows, by row id. */
  private readonly memberships = new Map<bigint, Member>();
  private role: RoleRow | undefined;

  private constructor(readonly identity: string) {}

  /** The view at the commit the tables are at. */
  static of(tx: ReadTx, identity: string): ReaderView {
    const view = new ReaderView(identity);
    for (const channel of tx.channels.scan()) view.channels.set(channel.id, channel);
    for (const member of tx.members.filter('identity', identity)) {
      view.memberships.set(member.id, member);
    }
    view.role = tx.roles.find(identity);
    return view;
  }

  /** Steps forward over one commit. */
  apply(changes: readonly RowChange[]): void {
    for (const change of changes) {
      if (change.op === 'delete') this.remove(change);
      else this.put(change.table, change.row);
    }
  }

  /** Steps back over one commit: its changes undone, last first. */
  revert(changes: readonly RowChange[]): void {
    for (const change of [...changes].reverse()) {
      if (change.op === 'insert') this.remove(change);
      else if (change.op === 'update') this.put(change.table, change.old);
      else this.put(change.table, change.row);
    }
  }

  /**
   * Of one commit's changes (already applied with {@link apply}), those the reader sees: judged
   * in the state the commit left, with the rows it deleted still in place.
   */
  visibleOf<C extends RowChange>(changes: readonly C[]): C[] {
    const view = withDeletedRows(this.lookup(), changes);
    return changes.filter((change) => seesChange(view, this.identity, change));
  }

  private put(table: RowChange['table'], row: unknown): void {
    if (table === 'channels') {
      const channel = row as Channel;
      this.channels.set(channel.id, channel);
    } else if (table === 'members' && (row as Member).identity === this.identity) {
      this.memberships.set((row as Member).id, row as Member);
    } else if (table === 'roles' && (row as RoleRow).identity === this.identity) {
      this.role = row as RoleRow;
    }
  }

  private remove(change: RowChange): void {
    if (change.table === 'channels') this.channels.delete(change.row.id);
    else if (change.table === 'members') this.memberships.delete(change.row.id);
    else if (change.table === 'roles' && change.row.identity === this.identity)
      this.role = undefined;
  }

  /** The lookups visibility rules make, answered from this view; any other is a bug, loudly. */
  private lookup(): LookupTx {
    const none = (table: string): TableLookup<never> => {
      const fail = (): never => {
        throw new Error(`ReaderView cannot look up ${table}: a visibility rule needs more state`);
      };
      return { find: fail, findBy: fail, filter: fail };
    };
    const tx = {
      users: none('users'),
      messages: none('messages'),
      invites: none('invites'),
      reactions: none('reactions'),
      pins: none('pins'),
      read_receipts: none('read_receipts'),
      presence: none('presence'),
      events: none('events'),
      topics: none('topics'),
      webhooks: none('webhooks'),
      channels: {
        find: (id: bigint) => this.channels.get(id),
        findBy: () => none('channels by column').find(undefined as never),
        filter: () => none('channels by column').filter(undefined as never, undefined as never),
      },
      members: {
        find: (id: bigint) => this.memberships.get(id),
        findBy: () => none('members by column').find(undefined as never),
        filter: (column: string, value: unknown) => {
          if (column !== 'identity' || value !== this.identity) {
            return none(`members by ${column}`).filter(undefined as never, undefined as never);
          }
          return [...this.memberships.values()];
        },
      },
      roles: {
        find: (identity: string) =>
          identity === this.identity ? this.role : none('roles of others').find(undefined as never),
        findBy: () => none('roles by column').find(undefined as never),
        filter: () => none('roles by column').filter(undefined as never, undefined as never),
      },
    };
    return tx as unknown as LookupTx;
  }
}
