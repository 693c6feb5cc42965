import type Database from 'better-sqlite3';
import type { EventQuery, ReducerArgs, ReducerName, Rows, TableName } from '@spaces/core';
import { SpacesError, checkId, reducerNamed } from '@spaces/core';
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
import { storeFailure } from '../storeError.js';
import type { EngineOptions } from './engine.js';
import { EmbeddedEngine } from './engine.js';
import { LogFollower } from './follower.js';
import { GroupCommitter } from './groupCommit.js';
import { EmbeddedReads } from './reads.js';
import { checkStore, notifyPath, openStore, storePath } from './store.js';
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
    // A refusal as it is; a failure of the store itself (locked, read-only, full) named.
    this.committer = new GroupCommitter(
      this.writer,
      () => this.follower.wake(),
      (error) => storeFailure(error, db.name),
    );
    this.reducers = reducerCalls((reducer, args) => this.call(reducer, args));
  }

  /**
   * Opens the store under `home` as the given profile (default: the current one). With
   * `create: false` a missing store is refused before anything (a profile included) is created.
   */
  static open(
    home: string,
    as: string | undefined,
    { create = true, ...options }: EngineOptions & { create?: boolean } = {},
  ): EmbeddedSpace {
    const path = storePath(home);
    checkStore(path, { create });
    const profile = resolveProfile(home, as);
    const db = openStore(path, { create });
    try {
      return new EmbeddedSpace(db, profile.identity, profile.name, options);
    } catch (error) {
      db.close();
      throw storeFailure(error, path);
    }
  }

  call<K extends ReducerName>(reducer: K, args: ReducerArgs[K]): Promise<CallReceipt> {
    if (reducerNamed(reducer)?.lifecycle) {
      return Promise.reject(
        new SpacesError(
          'permission_denied',
          `${reducer} is a lifecycle reducer: the engine runs it, never a client (a hub is created by createHub, or spaces init)`,
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
  private commit(reducer: string, args: unknown): Promise<CallReceipt> {
    if (this.closed) return Promise.reject(new Error('this space is closed'));
    return this.committer.submit(this.writer.stamp(reducer, args, this.identity));
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
    return this.run(() => {
      if (typeof nameOrId === 'bigint') checkId('channelId', nameOrId);
      return this.reads.channel(nameOrId);
    });
  }

  messages(channelId: bigint, query?: MessageQuery) {
    return this.run(() => {
      checkIds({ channelId, before: query?.before, topicId: query?.topicId });
      return this.reads.messages(channelId, query);
    });
  }

  members(channelId: bigint) {
    return this.run(() => this.reads.members(checkId('channelId', channelId)));
  }

  pins(channelId: bigint) {
    return this.run(() => this.reads.pins(checkId('channelId', channelId)));
  }

  topics(channelId: bigint) {
    return this.run(() => this.reads.topics(checkId('channelId', channelId)));
  }

  events(query?: EventQuery) {
    return this.run(() => {
      checkIds({ channelId: query?.channelId });
      return this.reads.events(query);
    });
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
    checkIds({ since: filter.since, channelId: filter.channelId });
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
      try {
        // A checkpoint only copies committed pages out of the WAL: when it fails (disk full) the
        // commits are still in the WAL, and the next connection checkpoints them.
        this.writer.close();
      } catch {
        // nothing is lost
      }
      try {
        this.db.close();
      } catch (error) {
        return Promise.reject(storeFailure(error, this.db.name) as Error);
      }
    }
    return Promise.resolve();
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('this space is closed');
  }

  /**
   * Runs synchronous work as a promise, so a failure rejects rather than throws; a failure of
   * the store itself (locked, read-only, full) becomes a StoreError naming its file.
   */
  private run<T>(work: () => T): Promise<T> {
    try {
      this.checkOpen();
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(storeFailure(error, this.db.name) as Error);
    }
  }
}

/** Checks the ids a read was given: out of range is `out_of_range`, as in a reducer call. */
function checkIds(ids: Record<string, bigint | undefined>): void {
  for (const [name, id] of Object.entries(ids)) {
    if (typeof id === 'bigint') checkId(name, id);
  }
}
