import { HOOK_ERROR_CODES } from './errors.js';
import { startWork } from './startWork.js';
import { stopWork } from './stopWork.js';
import type { WorkerContext } from './workerContext.js';

/** The hooks a worker runs. */
export type HookKind = 'stop' | 'session-start';

/** How long a Stop worker keeps trying to post past the hook's exit: two minutes. */
export const SENDER_LIFETIME_MS = 120_000;

/**
 * Does a hook's work with the stdin the hook process read, telling it what to print and what
 * went wrong (`WorkerMessage`s), then `done`. Never rejects.
 */
export async function runWorker(kind: string, stdin: string, ctx: WorkerContext): Promise<void> {
  try {
    if (kind === 'stop') await stopWork(stdin, ctx);
    else if (kind === 'session-start') await startWork(stdin, ctx);
    else {
      ctx.emit({
        type: 'diagnostic',
        code: HOOK_ERROR_CODES.unexpected,
        message: `unknown hook kind "${kind}"`,
      });
    }
  } catch (error) {
    // The works report their own failures; this is for a bug in reporting itself.
    const message = error instanceof Error ? error.message : String(error);
    ctx.emit({
      type: 'diagnostic',
      code: HOOK_ERROR_CODES.unexpected,
      message: message.split('\n')[0] ?? '',
    });
  }
  ctx.emit({ type: 'done' });
}
