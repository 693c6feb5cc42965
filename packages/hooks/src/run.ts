import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HOOK_ERROR_CODES, HookError } from './errors.js';
import { redact } from './redact.js';
import { spacesHome } from './spacesHome.js';

/** Time a hook may take from start to finish before it gives up: the session waits on us. */
export const HOOK_BUDGET_MS = 800;

/** Above this size the log is rotated once, so a hook failing every turn cannot fill a disk. */
export const LOG_ROTATE_BYTES = 1_000_000;

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
  now: () => number;
}

/** What a hook's work produced. */
export interface HookHandlerResult {
  /** Printed on stdout, for Claude Code to read. */
  output?: string | undefined;
  /** Something went less than well but the hook still did its job: reported like a failure. */
  diagnostic?: string | undefined;
}

/** The work of a hook: given stdin, what to print, if anything. */
export type HookHandler = (
  stdin: string,
  signal: AbortSignal,
) => Promise<HookHandlerResult | undefined>;

/** Options of {@link runHook}. */
export interface RunHookOptions {
  /** Names the hook in diagnostics, e.g. `spaces-session-hook`. */
  name: string;
  /** Whole-run budget, stdin included. */
  budgetMs?: number;
  /** Where failures are appended; default {@link hookLogPath}. */
  logPath?: string;
  /** Stdin beyond this is refused rather than buffered without end. */
  maxStdinBytes?: number;
  io?: Partial<HookIo>;
}

/** What happened. The exit code is always 0: a hook never breaks the session it runs in. */
export interface RunOutcome {
  exitCode: 0;
  output?: string;
  /** The one-line diagnostic written to stderr and the log, if any. */
  diagnostic?: string;
  error?: { code: string; message: string };
}

/** The budget from `SPACES_HOOK_BUDGET_MS` when it is a positive number, else `fallback`. */
export function budgetFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fallback = HOOK_BUDGET_MS,
): number {
  const value = Number(env['SPACES_HOOK_BUDGET_MS']);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * `hooks.log` in the Spaces home, beside the store: `$SPACES_HOME`, else the client's default
 * home (`~/.local/share/spaces` on Linux; see {@link spacesHome}).
 */
export function hookLogPath(
  env: Readonly<Record<string, string | undefined>>,
  home?: string,
): string {
  return join(spacesHome(env, undefined, home), 'hooks.log');
}

function readAll(source: HookSource, maxBytes: number): Promise<string> {
  // Nobody is piping into a terminal: waiting would only burn the budget.
  if (source.isTTY) return Promise.resolve('');
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
      if (size > maxBytes) {
        done(() =>
          reject(new HookError(HOOK_ERROR_CODES.badJson, `stdin is over ${maxBytes} bytes`)),
        );
      } else chunks.push(buf);
    });
    source.on('end', () => done(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    source.on('error', (error) => done(() => reject(error)));
  });
}

function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof HookError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: HOOK_ERROR_CODES.unexpected, message };
}

async function appendLog(path: string, line: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size > LOG_ROTATE_BYTES) await rename(path, `${path}.1`);
    await appendFile(path, line);
  } catch {
    // Logging is best effort: failing to log must not become a failure of the hook.
  }
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
 * Runs a hook so that it can never break the Claude Code session: reads stdin, runs the
 * handler within one time budget, catches everything, prints only the handler's output,
 * and on failure writes one line to stderr and appends it to the log. Never rejects.
 */
export async function runHook(handler: HookHandler, options: RunHookOptions): Promise<RunOutcome> {
  const io: HookIo = {
    stdin: options.io?.stdin ?? process.stdin,
    stdout: options.io?.stdout ?? process.stdout,
    stderr: options.io?.stderr ?? process.stderr,
    env: options.io?.env ?? process.env,
    now: options.io?.now ?? Date.now,
  };
  const budget = options.budgetMs ?? HOOK_BUDGET_MS;
  const report = async (raw: string, code: string): Promise<string> => {
    // One line, and redacted: error messages can quote URLs or config that hold credentials.
    const message = redact(raw).replace(/\s+/g, ' ').trim();
    await writeAsync(io.stderr, `${options.name}: ${message} [${code}]\n`);
    await appendLog(
      options.logPath ?? hookLogPath(io.env),
      `${new Date(io.now()).toISOString()} ${options.name} ${code} ${message}\n`,
    );
    return message;
  };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HookError(HOOK_ERROR_CODES.timeout, `gave up after ${budget} ms`);
      controller.abort(error);
      reject(error);
    }, budget);
  });
  try {
    const work = (async () => {
      const stdin = await readAll(io.stdin, options.maxStdinBytes ?? 4_000_000);
      return handler(stdin, controller.signal);
    })();
    // The handler may still settle after the deadline; its late failure is not ours to report.
    work.catch(() => undefined);
    const result = await Promise.race([work, deadline]);
    const output = result?.output;
    const outcome: RunOutcome = { exitCode: 0 };
    if (output !== undefined && output !== '') {
      await writeAsync(io.stdout, output + '\n');
      outcome.output = output;
    }
    if (result?.diagnostic) {
      outcome.diagnostic = await report(result.diagnostic, HOOK_ERROR_CODES.note);
    }
    return outcome;
  } catch (thrown) {
    const error = describeError(thrown);
    const diagnostic = await report(error.message, error.code);
    return { exitCode: 0, diagnostic, error: { code: error.code, message: diagnostic } };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a hook as the whole process: {@link runHook}, then exit 0 without waiting on open handles. */
export async function runHookMain(handler: HookHandler, options: RunHookOptions): Promise<never> {
  await runHook(handler, options);
  // An open client connection must not keep the session waiting once we are done.
  process.exit(0);
}
