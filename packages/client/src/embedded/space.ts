import type Database from 'better-sqlite3';
import type { EventQuery, ReducerArgs, ReducerName, Rows, TableName } from '@spaces/core';
import { SpacesError, reducerNamed } from '@spaces/core';
import type {
  CallReceipt,
  Change,
  HubOwner,
  MessageQuery,
  ReducerCalls,
  Space,
  Subscription,
  SubscriptionFilter,
  VerifyReport,
} from '../api.js';
import { resolveProfile } from '../profiles.js';
import { reducerCalls } from '../reducerCalls.js';
import type { EngineOptions } from './engine.js';
import { EmbeddedEngine } from './engine.js';
import { LogFollower } from './follower.js';
import { GroupCommitter } from './groupCommit.js';
import { EmbeddedReads } from './reads.js';
import { notifyPath, openStore, storePath } from './store.js';
import { replayStore, verifyStore } from './verify.js';

/** The embedded engine behind the Space API: one SQLite file shared by every local process. */
export class EmbeddedSpace implements Space {
  readonly engine = 'embedded' as const;
  readonly reducers: ReducerCalls;
  private readonly writer: EmbeddedEngine;
  private readonly committer: GroupCommitter;
  private readonly reads: EmbeddedReads;
  private readonly follower: LogFollower;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly identity: string,
    readonly profile: string | undefined,
    options: EngineOptions = {},
  ) {
    this.writer = new EmbeddedEngine(db, options);
    this.reads = new EmbeddedReads(db, identity);
    this.follower = new LogFollower(db, identity, db.memory ? undefined : notifyPath(db.name));
    // Local subscribers hear of a commit at once; other processes via the notify file.
    this.committer = new GroupCommitter(this.writer, () => this.follower.wake());
    this.reducers = reducerCalls((reducer, args) => this.call(reducer, args));
  }

  /** Opens the store under `home` as the given profile (default: the current one). */
  static open(home: string, as: string | undefined, options: EngineOptions = {}): EmbeddedSpace {
    const profile = resolveProfile(home, as);
    return new EmbeddedSpace(openStore(storePath(home)), profile.identity, profile.name, options);
  }

  call<K extends ReducerName>(reducer: K, args: ReducerArgs[K]): Promise<CallReceipt> {
    if (reducerNamed(reducer)?.lifecycle) {
      return Promise.reject(
        new SpacesError(
          'permission_denied',
          `${reducer} is a lifecycle reducer: the engine runs it, never a client (create a hub with createHub)`,
        ),
      );
    }
    return this.commit(reducer, args);
  }

  createHub(owner: HubOwner): Promise<CallReceipt> {
    return this.commit('init', owner);
  }

  /**
   * Queues a call for the next group commit: calls made in the same turn of the event loop
   * share one transaction, each still all-or-nothing. Resolves once its commit has returned.
   */
  private async commit(reducer: string, args: unknown): Promise<CallReceipt> {
    this.checkOpen();
    const { seq, changes } = await this.committer.submit(
      this.writer.stamp(reducer, args, this.identity),
    );
    return { seq, changes };
  }

  rows<K extends TableName>(table: K): Promise<Rows[K][]> {
    return this.run(() => this.reads.rows(table));
  }

  me() {
    return this.run(() => this.reads.user(this.identity));
  }

  user(nameOrIdentity: string) {
    return this.run(() => this.reads.user(nameOrIdentity));
  }

  channel(nameOrId: string | bigint) {
    return this.run(() => this.reads.channel(nameOrId));
  }

  messages(channelId: bigint, query?: MessageQuery) {
    return this.run(() => this.reads.messages(channelId, query));
  }

  members(channelId: bigint) {
    return this.run(() => this.reads.members(channelId));
  }

  pins(channelId: bigint) {
    return this.run(() => this.reads.pins(channelId));
  }

  topics(channelId: bigint) {
    return this.run(() => this.reads.topics(channelId));
  }

  events(query?: EventQuery) {
    return this.run(() => this.reads.events(query));
  }

  unread() {
    return this.run(() => this.reads.unread());
  }

  invites() {
    return this.run(() => this.reads.invites());
  }

  webhooks() {
    return this.run(() => this.reads.webhooks());
  }

  subscribe(filter: SubscriptionFilter, handler: (change: Change) => void): Subscription {
    this.checkOpen();
    return this.follower.subscribe(filter, handler);
  }

  verify(onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
    return this.run(() => verifyStore(this.db, onProgress));
  }

  replay(onProgress?: (done: number, total: number) => void): Promise<void> {
    return this.run(() => {
      replayStore(this.db, onProgress);
      this.follower.wake();
    });
  }

  /** The seq of the last committed call in the store. */
  head(): Promise<bigint> {
    return this.run(() => this.follower.head());
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      // Calls already queued were promised a commit: make them before closing.
      this.committer.drain();
      this.follower.close();
      this.writer.close();
      this.db.close();
    }
    return Promise.resolve();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('this space is closed');
  }

  /** Runs synchronous work as a promise, so a failure rejects rather than throws. */
  private run<T>(work: () => T): Promise<T> {
    try {
      this.checkOpen();
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
}
