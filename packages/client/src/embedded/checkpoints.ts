import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Commits between checkpoints (about 1000 WAL pages at ~5 pages a commit, SQLite's default). */
export const CHECKPOINT_EVERY = 200;

/**
 * WAL frames past which the writer finishes a checkpoint itself: a steady writer never leaves
 * the background checkpoint a moment in which it has copied the whole WAL, and SQLite only
 * restarts a WAL that is wholly copied. ~64 MB of 4 KiB pages: the larger, the rarer.
 */
const WAL_FRAMES_LIMIT = 16_000;

/**
 * Commits after which a background checkpoint still running is waited for, as SQLite's own
 * checkpoint would make the writer wait: the WAL must not outgrow the disk.
 */
const OVERDUE = 5 * CHECKPOINT_EVERY;

/** How long the writer waits for an overdue checkpoint before doing without the worker. */
const OVERDUE_WAIT_MS = 30_000;

// Shared with the worker: whether a checkpoint is running, and how many frames the WAL held when
// the last one ran. Shared memory rather than messages, so that a writer that never lets its
// event loop turn (a synchronous loop of commits) still sees a checkpoint end.
const RUNNING = 0;
const LOG = 1;

// The worker is plain CommonJS run from a string, so it works from the sources (tests) and from
// any bundle alike; it loads the same better-sqlite3 the engine does.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 1000');
parentPort.on('message', () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    Atomics.store(state, ${LOG}, result.log);
  } finally {
    Atomics.store(state, ${RUNNING}, 0);
    Atomics.notify(state, ${RUNNING});
  }
});
`;

/**
 * When and where checkpoints run. SQLite's automatic checkpoint runs inside COMMIT: it copies the
 * WAL into the database file and fsyncs both, stalling the call that triggered it (and the
 * wake-up of other processes) by milliseconds. So it is off (see PRAGMAS), and every
 * {@link CHECKPOINT_EVERY} commits a passive checkpoint runs on a worker thread, on its own
 * connection: the copying and the fsyncs happen beside the calls, not in them. A checkpoint
 * never changes what is committed; it only lets the WAL be reused.
 */
export class Checkpoints {
  private commits = 0;
  private worker: Worker | undefined;
  private readonly state = new Int32Array(new SharedArrayBuffer(2 * 4));
  private broken = false;
  /** A background checkpoint was started and not yet seen to end. */
  private running = false;

  constructor(
    private readonly db: Database.Database,
    private readonly synchronous: 'NORMAL' | 'FULL',
  ) {}

  /**
   * Counts a commit; starts a background checkpoint every {@link CHECKPOINT_EVERY}. When one
   * has ended leaving the WAL long (calls kept committing while it ran, so SQLite could not start
   * the WAL over), the next commit finishes it here: only the frames written during the
   * background checkpoint remain to copy, so this is short.
   */
  committed(): void {
    if (this.db.memory) return;
    this.commits++;
    if (this.running) {
      if (Atomics.load(this.state, RUNNING) === 1) {
        if (this.commits < OVERDUE) return;
        // Far behind: wait for it, as SQLite's own checkpoint would make the writer wait.
        if (Atomics.wait(this.state, RUNNING, 1, OVERDUE_WAIT_MS) === 'timed-out') {
          return this.fallBack();
        }
      }
      this.running = false;
      if (Atomics.load(this.state, LOG) >= WAL_FRAMES_LIMIT) this.now();
    }
    if (this.commits < CHECKPOINT_EVERY) return;
    if (this.broken) return this.now();
    const worker = (this.worker ??= this.spawn());
    if (!worker) return this.now();
    this.commits = 0;
    this.running = true;
    Atomics.store(this.state, RUNNING, 1);
    worker.postMessage(0);
  }

  /**
   * Copies the WAL into the database file here and now (on close, or without a worker). A
   * checkpoint running elsewhere makes this one do less, never fail.
   */
  now(): void {
    this.commits = 0;
    if (this.db.open && !this.db.memory) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Ends the worker; the caller checkpoints once more if it wants the WAL copied. */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private spawn(): Worker | undefined {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
          path: this.db.name,
          synchronous: this.synchronous,
          state: this.state.buffer,
        },
      });
      // Checkpoints must never keep a process alive, nor take it down.
      worker.unref();
      worker.on('error', () => this.fallBack());
      worker.on('exit', () => {
        if (this.worker === worker) this.fallBack();
      });
      return worker;
    } catch {
      this.broken = true;
      return undefined;
    }
  }

  /** Without a working worker, checkpoints run on this thread, as SQLite's own would. */
  private fallBack(): void {
    this.broken = true;
    this.running = false;
    Atomics.store(this.state, RUNNING, 0);
    void this.worker?.terminate();
    this.worker = undefined;
    this.now();
  }
}
