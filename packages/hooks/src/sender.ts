import { hostname } from 'node:os';
import { openClientStore } from './clientStore.js';
import { HOOK_ERROR_CODES } from './errors.js';
import { closeQuietly } from './hookStore.js';
import type { Claim, Outbox, OutboxEntry } from './outbox.js';
import { lockOutbox } from './outboxLock.js';
import { postSummary } from './sessionHook.js';
import { describeError } from './workerContext.js';
import type { WorkerContext } from './workerContext.js';

/** What sending the outbox did. */
export interface SendResult {
  /** Sessions whose summary reached the store. */
  posted: string[];
  /** Diagnostics for summaries that did not: kept for the next sender, or dropped if refused. */
  problems: { code: string; message: string }[];
}

/** What to do with an entry whose post failed. */
type Fate = 'retry' | 'keep' | 'drop';

/**
 * A busy store is worth waiting for within this run; a refusal by Spaces will be refused again
 * (the entry is dropped, with a diagnostic); anything else (no hub, an unreadable store, a
 * connection that failed) is left in the outbox for a later run.
 */
function fateOf(code: string, message: string): Fate {
  if (code === HOOK_ERROR_CODES.storeBusy || /SQLITE_BUSY|database is locked/i.test(message)) {
    return 'retry';
  }
  return code === HOOK_ERROR_CODES.storeRefused ? 'drop' : 'keep';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts the claimed entries of one agent (one project on one machine) through one store. */
async function postAgent(
  claims: readonly Claim[],
  ctx: WorkerContext,
): Promise<{ posted: Claim[]; failed: { claim: Claim; code: string; message: string }[] }> {
  const first = claims[0]?.entry as OutboxEntry;
  const posted: Claim[] = [];
  const failed: { claim: Claim; code: string; message: string }[] = [];
  let store;
  try {
    store = await openClientStore({ env: ctx.env, cwd: first.projectDir, host: first.host });
  } catch (error) {
    const { code, message } = describeError(error);
    return { posted, failed: claims.map((claim) => ({ claim, code, message })) };
  }
  try {
    for (const claim of claims) {
      try {
        await postSummary(store, claim.entry);
        posted.push(claim);
      } catch (error) {
        failed.push({ claim, ...describeError(error) });
      }
    }
  } finally {
    await closeQuietly(store);
  }
  return { posted, failed };
}

/**
 * Posts everything waiting in the outbox, this run's summary and whatever earlier runs left,
 * one sender at a time (see `lockOutbox`). While the store is busy it waits and tries again,
 * until `ctx.lifetimeMs` after `startedAt`; what is still not posted then stays in the outbox for
 * the next hook run.
 */
export async function sendOutbox(
  outbox: Outbox,
  ctx: WorkerContext,
  startedAt: number,
): Promise<SendResult> {
  const deadline = startedAt + ctx.lifetimeMs;
  const result: SendResult = { posted: [], problems: [] };
  const lock = await lockOutbox(outbox.dir, deadline);
  if (lock === undefined) {
    result.problems.push({
      code: HOOK_ERROR_CODES.deferred,
      message: 'another sender kept the outbox busy; the summary waits there for the next run',
    });
    return result;
  }
  try {
    let wait = 100;
    let lastBusy: { code: string; message: string } | undefined;
    // Bounded by the deadline even if an entry could never be removed once posted.
    while (ctx.now() <= deadline) {
      const claims = await outbox.claimAll();
      if (claims.length === 0) break;
      const byAgent = new Map<string, Claim[]>();
      for (const claim of claims) {
        const key = `${claim.entry.projectDir}\0${claim.entry.host || hostname()}`;
        byAgent.set(key, [...(byAgent.get(key) ?? []), claim]);
      }
      const retry: Claim[] = [];
      let kept = false;
      for (const group of byAgent.values()) {
        const { posted, failed } = await postAgent(group, ctx);
        for (const claim of posted) {
          await outbox.done(claim);
          result.posted.push(claim.entry.sessionId);
        }
        for (const { claim, code, message } of failed) {
          const fate = fateOf(code, message);
          if (fate === 'retry') {
            retry.push(claim);
            lastBusy = { code, message };
          } else if (fate === 'drop') {
            await outbox.done(claim);
            result.problems.push({
              code,
              message: `${message} (summary of session ${claim.entry.sessionId} dropped)`,
            });
          } else {
            await outbox.release(claim);
            kept = true;
            result.problems.push({ code, message });
          }
        }
      }
      for (const claim of retry) await outbox.release(claim);
      if (kept) break; // the store cannot be used now; later runs will try again
      if (retry.length === 0) continue; // anything that arrived meanwhile
      if (ctx.now() + wait > deadline) {
        result.problems.push({
          code: HOOK_ERROR_CODES.deferred,
          message: `${lastBusy?.message ?? 'the store stayed busy'}; the summary waits in the outbox for the next run`,
        });
        break;
      }
      await sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
  } finally {
    await lock.release();
  }
  return result;
}
