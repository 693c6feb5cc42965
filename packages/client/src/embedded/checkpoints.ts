import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Commits between checkpoints (about 1000 WAL pages at ~5 pages a commit, SQLite's default). */
export const CHECKPOINT_EVERY = 200;

/**
 * WAL frames past which the writer finishes a checkpoint itself: a steady writer never leaves
 * the background checkpoint a moment in which it has copied the whole WAL, and SQLite only
 * restarts a WAL that is wholly copied. ~16 MB of 4 KiB pages.
 */
const WAL_FRAMES_LIMIT = 4000;

/**
 * Commits after which a background checkpoint that has not reported back is overdue (the event
 * loop has not turned: a caller committing synchronously in a loop); one then runs here.
 */
const OVERDUE = 4 * CHECKPOINT_EVERY;

/** A checkpoint's result row: frames in the WAL, and how many are copied into the database. */
interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// The worker is plain CommonJS run from a string, so it works from the sources (tests) and from
// any bundle alike; it loads the same better-sqlite3 the engine does.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 1000');
parentPort.on('message', () => {
  let result;
  try {
    result = db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch (error) {
    result = { error: String(error) };
  }
  parentPort.postMessage(result);
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
  private running = false;
  private broken = false;

  constructor(
    private readonly db: Database.Database,
    private readonly synchronous: 'NORMAL' | 'FULL',
  ) {}

  /** Counts a commit; asks for a background checkpoint every {@link CHECKPOINT_EVERY}. */
  committed(): void {
    if (this.db.memory) return;
    this.commits++;
    if (this.running ? this.commits >= OVERDUE : this.commits >= CHECKPOINT_EVERY) this.start();
  }

  /**
   * Copies the WAL into the database file here and now (on close, without a worker, or when
   * one is overdue). A checkpoint running elsewhere makes this one a no-op, not an error.
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

  private start(): void {
    this.commits = 0;
    const worker = this.broken || this.running ? undefined : (this.worker ??= this.spawn());
    if (!worker) {
      this.now();
      return;
    }
    this.running = true;
    worker.postMessage('checkpoint');
  }

  private spawn(): Worker | undefined {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          driver: createRequire(import.meta.url).resolve('better-sqlite3'),
          path: this.db.name,
          synchronous: this.synchronous,
        },
      });
      // Checkpoints must never keep a process alive, nor take it down.
      worker.unref();
      worker.on('message', (result: CheckpointResult | { error: string }) => this.done(result));
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

  /**
   * A background checkpoint ended. If the WAL has grown long because calls kept committing while
   * it ran, finish here: only the frames written since remain to copy, so this is short, and the
   * next commit then starts the WAL over.
   */
  private done(result: CheckpointResult | { error: string }): void {
    this.running = false;
    if ('error' in result) return this.fallBack();
    if (result.log >= WAL_FRAMES_LIMIT) this.now();
  }

  /** Without a working worker, checkpoints run on this thread, as SQLite's own would. */
  private fallBack(): void {
    this.running = false;
    this.broken = true;
    this.worker = undefined;
  }
}
