import { join } from 'node:path';
import { openClientStore } from './clientStore.js';
import { handleSessionStart } from './contextHook.js';
import { closeQuietly } from './hookStore.js';
import { locateHub, noHubError } from './hubHome.js';
import { atProjectDir, parseSessionStartInput } from './input.js';
import { Outbox } from './outbox.js';
import { sendOutbox } from './sender.js';
import { describeError, report } from './workerContext.js';
import type { WorkerContext } from './workerContext.js';

const NAME = 'spaces-context-hook';

/**
 * The SessionStart hook's work, in the worker: read the peers' recent entries and send the
 * context to print. Then, the hook process having what it waits for, post whatever earlier
 * Stops left in the outbox.
 */
export async function startWork(stdin: string, ctx: WorkerContext): Promise<void> {
  const startedAt = ctx.now();
  const place = await locateHub(ctx.env);
  const say = (code: string, message: string) => report(ctx, place, NAME, code, message);
  try {
    const input = atProjectDir(
      parseSessionStartInput(stdin, ctx.cwd),
      ctx.env['CLAUDE_PROJECT_DIR'],
    );
    if (place.engine === 'embedded' && !place.hub) throw noHubError(place);
    const store = await openClientStore({
      env: ctx.env,
      cwd: input.cwd,
      ...(ctx.host === undefined ? {} : { host: ctx.host }),
    });
    try {
      const output = await handleSessionStart(input, { store });
      if (output !== undefined) ctx.emit({ type: 'output', text: output });
    } finally {
      await closeQuietly(store);
    }
  } catch (error) {
    const { code, message } = describeError(error);
    await say(code, message);
    return;
  }
  ctx.emit({ type: 'done' });
  // Leftovers only: the outbox folder is made by Stop, never here.
  if (!place.hub) return;
  const outbox = new Outbox(join(place.home, 'hooks', 'outbox'));
  if (!(await outbox.pending())) return;
  const sent = await sendOutbox(outbox, ctx, startedAt);
  for (const problem of sent.problems) await say(problem.code, problem.message);
}
