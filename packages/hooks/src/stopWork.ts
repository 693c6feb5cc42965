import { hostname } from 'node:os';
import { openClientStore } from './clientStore.js';
import { HOOK_ERROR_CODES } from './errors.js';
import { closeQuietly } from './hookStore.js';
import { hooksDir, locateHub, noHubError } from './hubHome.js';
import { parseStopInput } from './input.js';
import { Outbox } from './outbox.js';
import type { OutboxEntry } from './outbox.js';
import { sendOutbox } from './sender.js';
import { postSummary, summariseStop } from './sessionHook.js';
import { readSessionRecord, writeSessionRecord } from './sessionRecord.js';
import { describeError, report } from './workerContext.js';
import type { WorkerContext } from './workerContext.js';

const NAME = 'spaces-session-hook';

/**
 * The Stop hook's work, in the worker: summarise the session, write the summary to the
 * outbox (atomically), then post everything the outbox holds. The hook process waits for this
 * until its deadline; past it, this goes on alone and the summary still arrives.
 */
export async function stopWork(stdin: string, ctx: WorkerContext): Promise<void> {
  const startedAt = ctx.now();
  const place = await locateHub(ctx.env);
  const say = (code: string, message: string) => report(ctx, place, NAME, code, message);
  try {
    const input = parseStopInput(stdin, ctx.cwd);
    if (place.engine === 'embedded' && !place.hub) throw noHubError(place);
    const sessions = await hooksDir(place, 'sessions');
    const outboxDir = await hooksDir(place, 'outbox');
    const outbox = outboxDir === undefined ? undefined : new Outbox(outboxDir);
    const record =
      sessions === undefined ? undefined : await readSessionRecord(sessions, input.sessionId);
    const pending = await outbox?.get(input.sessionId);
    const summary = await summariseStop(input, {
      project: {
        recorded: record?.projectDir ?? pending?.projectDir,
        projectDir: ctx.env['CLAUDE_PROJECT_DIR'],
      },
    });
    for (const note of summary.notes) await say(HOOK_ERROR_CODES.note, note);
    const entry: OutboxEntry = {
      sessionId: input.sessionId,
      projectDir: summary.projectDir,
      host: ctx.host ?? hostname(),
      text: summary.text,
      payload: summary.payload,
      writtenAt: new Date(ctx.now()).toISOString(),
    };
    if (sessions !== undefined && record === undefined) {
      // The session's first turn fixes its project: later turns post as the same agent.
      await writeSessionRecord(sessions, {
        sessionId: input.sessionId,
        projectDir: entry.projectDir,
      });
    }
    if (outbox === undefined) {
      // SpacetimeDB with no Spaces home on this machine: nowhere to keep an outbox.
      await postDirect(entry, ctx);
      return;
    }
    await outbox.put(entry);
    const sent = await sendOutbox(outbox, ctx, startedAt);
    for (const problem of sent.problems) await say(problem.code, problem.message);
  } catch (error) {
    const { code, message } = describeError(error);
    await say(code, message);
  }
}

async function postDirect(entry: OutboxEntry, ctx: WorkerContext): Promise<void> {
  const store = await openClientStore({ env: ctx.env, cwd: entry.projectDir, host: entry.host });
  try {
    await postSummary(store, entry);
  } finally {
    await closeQuietly(store);
  }
}
