import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { HOOK_ERROR_CODES } from './errors.js';
import { decodeMessage } from './protocol.js';
import { redactProse } from './secretRules.js';

/** A stream we write to; `process.stdout` and `process.stderr` are ones. */
export interface HookSink {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
}

/** A stream we read stdin from; `process.stdin` is one. */
export interface HookSource {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  pause?(): unknown;
  isTTY?: boolean;
}

/** The process around a hook, replaceable in tests. */
export interface HookIo {
  stdin: HookSource;
  stdout: HookSink;
  stderr: HookSink;
  env: Readonly<Record<string, string | undefined>>;
}

/** Options of {@link superviseHook}. */
export interface SuperviseOptions {
  /** Names the hook in diagnostics, e.g. `spaces-session-hook`. */
  name: string;
  /** Whole-run budget, stdin included: by then the hook has exited, whatever else happened. */
  budgetMs: number;
  /** The worker's command line: `[node, worker.js, kind]` for the executables. */
  worker: readonly string[];
  /**
   * What becomes of a worker still running at the deadline: `leave` it to finish alone (Stop:
   * the summary is in the outbox and the worker is its sender), or `kill` it (SessionStart:
   * context printed after the hook exited would reach nobody).
   */
  atDeadline: 'leave' | 'kill';
  /** Stdin beyond this is refused rather than buffered without end. */
  maxStdinBytes?: number;
  io?: Partial<HookIo>;
}

/** A line for stderr, with its code. */
export interface Diagnostic {
  code: string;
  message: string;
}

/** What happened. The exit code is always 0: a hook never breaks the session it runs in. */
export interface RunOutcome {
  exitCode: 0;
  output?: string;
  diagnostics: Diagnostic[];
  /** The deadline came before the worker said it was done. */
  timedOut: boolean;
  /** The worker's pid, once started. */
  workerPid?: number;
  /** The worker left running at the deadline, if any (it finishes the job alone). */
  leftPid?: number;
}

/** Most of a worker's stdout we keep: its messages are a few lines. */
const MAX_WORKER_OUTPUT = 1_000_000;

class StdinTooBig extends Error {}

function readAll(source: HookSource, maxBytes: number): Promise<Buffer> {
  // Nobody is piping into a terminal: waiting would only burn the budget.
  if (source.isTTY) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (fn: () => void): void => {
      source.removeAllListeners();
      source.pause?.();
      fn();
    };
    source.on('data', (chunk) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      if (size > maxBytes) done(() => reject(new StdinTooBig(`stdin is over ${maxBytes} bytes`)));
      else chunks.push(buf);
    });
    source.on('end', () => done(() => resolve(Buffer.concat(chunks))));
    source.on('error', (error) => done(() => reject(error)));
  });
}

/** Runs the worker with `stdin`, collecting its messages until it says it is done or exits. */
function runWorker(
  command: readonly string[],
  stdin: Buffer,
  env: HookIo['env'],
  outcome: RunOutcome,
  started: (child: ChildProcess) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const [file = process.execPath, ...args] = command;
    // Detached, in a process group of its own: if Claude Code kills the hook's group at its
    // timeout, a Stop worker still posting from the outbox survives. Its stdio are pipes to us
    // alone, never our own stdout and stderr, which Claude Code waits on until they close.
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env });
    started(child);
    let buffered = '';
    let stderr = '';
    let finished = false;
    const finish = (): void => {
      if (!finished) {
        finished = true;
        resolve();
      }
    };
    child.on('error', (error) => {
      outcome.diagnostics.push({
        code: HOOK_ERROR_CODES.unexpected,
        message: `could not start the hook's worker: ${error.message}`,
      });
      finish();
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (finished || buffered.length > MAX_WORKER_OUTPUT) return;
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const message = decodeMessage(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        if (message?.type === 'output') outcome.output = message.text;
        if (message?.type === 'diagnostic') outcome.diagnostics.push(message);
        if (message?.type === 'done') finish();
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on('exit', (code, signal) => {
      if (!finished && (code !== 0 || signal !== null)) {
        const why = stderr.trim().split('\n').slice(-1)[0] ?? '';
        outcome.diagnostics.push({
          code: HOOK_ERROR_CODES.unexpected,
          message: `the hook's worker exited with ${signal ?? `code ${code}`}${why ? `: ${why}` : ''}`,
        });
      }
      finish();
    });
    child.stdin?.on('error', () => undefined); // a worker that exits early closes the pipe
    child.stdin?.end(stdin);
  });
}

const writeAsync = (sink: HookSink, text: string): Promise<void> =>
  new Promise((resolve) => {
    try {
      sink.write(text, () => resolve());
    } catch {
      resolve();
    }
  });

/**
 * Runs a hook so that it can never break or hold up the Claude Code session: reads stdin,
 * hands it to a worker process that does the work (the file system, the store, the
 * transcript), and returns by the deadline whatever the worker is doing. The worker is a
 * separate process because no timer can interrupt synchronous code: a store lock wait or a
 * file system call that never returns would stall a timer in the same process, but not this
 * one's. Prints only the worker's output, writes diagnostics to stderr one line each, never
 * touches a file, never rejects.
 */
export async function superviseHook(options: SuperviseOptions): Promise<RunOutcome> {
  const io: HookIo = {
    stdin: options.io?.stdin ?? process.stdin,
    stdout: options.io?.stdout ?? process.stdout,
    stderr: options.io?.stderr ?? process.stderr,
    env: options.io?.env ?? process.env,
  };
  const outcome: RunOutcome = { exitCode: 0, diagnostics: [], timedOut: false };
  let child: ChildProcess | undefined;
  let stage: 'stdin' | 'worker' = 'stdin';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), options.budgetMs);
  });
  const work = (async () => {
    const stdin = await readAll(io.stdin, options.maxStdinBytes ?? 4_000_000);
    stage = 'worker';
    await runWorker(options.worker, stdin, io.env, outcome, (c) => {
      child = c;
      if (c.pid !== undefined) outcome.workerPid = c.pid;
    });
    return 'done' as const;
  })().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const code =
      error instanceof StdinTooBig ? HOOK_ERROR_CODES.badJson : HOOK_ERROR_CODES.unexpected;
    outcome.diagnostics.push({ code, message: `could not read stdin: ${message}` });
    return 'done' as const;
  });
  const how = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (how === 'deadline') {
    outcome.timedOut = true;
    const running = child !== undefined && child.exitCode === null && child.signalCode === null;
    if (stage === 'stdin') {
      outcome.diagnostics.push({
        code: HOOK_ERROR_CODES.timeout,
        message: `stdin did not end within ${options.budgetMs} ms; nothing done`,
      });
    } else if (running && options.atDeadline === 'leave') {
      if (child?.pid !== undefined) outcome.leftPid = child.pid;
      outcome.diagnostics.push({
        code: HOOK_ERROR_CODES.deferred,
        message: `not done within ${options.budgetMs} ms; the rest goes on in the background (pid ${child?.pid}): the summary waits in the outbox and is posted when the store allows`,
      });
    } else {
      if (running) child?.kill('SIGKILL');
      outcome.diagnostics.push({
        code: HOOK_ERROR_CODES.timeout,
        message: `gave up after ${options.budgetMs} ms`,
      });
    }
  }
  // Let go of the worker: it may go on (posting leftovers), but nothing of ours waits for it.
  child?.stdout?.destroy();
  child?.stderr?.destroy();
  child?.stdin?.destroy();
  child?.unref();
  if (outcome.output !== undefined && outcome.output !== '') {
    await writeAsync(io.stdout, outcome.output + '\n');
  } else delete outcome.output;
  for (const d of outcome.diagnostics) {
    // One line, and redacted again: the worker's lines are, our own may quote its stderr.
    const line = redactProse(d.message).replace(/\s+/g, ' ').trim();
    await writeAsync(io.stderr, `${options.name}: ${line} [${d.code}]\n`);
  }
  return outcome;
}

/** Runs a hook as the whole process: {@link superviseHook}, then exit 0 at once. */
export async function superviseHookMain(options: SuperviseOptions): Promise<never> {
  await superviseHook(options);
  // Nothing we started may keep the session waiting: not the worker, not a pending read.
  process.exit(0);
}
