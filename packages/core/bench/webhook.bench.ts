/**
 * execute_webhook's refusal takes the same path whether the webhook id exists or not: the token
 * is hashed before any lookup, then looked up by its hash. Compare the two `hz` columns: a
 * missing id and a wrong token for an existing one, each with the longest token accepted.
 */
import { bench, describe } from 'vitest';
import type { Call } from '../src/index.js';
import { applyCall, replay } from '../src/index.js';
import { PEOPLE, preludeCalls } from '../src/testing/index.js';

const { state } = replay(preludeCalls());
const now = preludeCalls().at(-1)!.timestamp + 1_000_000n;
const wrong = 'x'.repeat(256);
const execute = (webhookId: bigint): Call => ({
  reducer: 'execute_webhook',
  args: { webhookId, token: wrong, text: 'probe' },
  sender: PEOPLE.stranger,
  timestamp: now,
});

describe('execute_webhook refused, 256-character token', () => {
  for (const [name, call] of [
    ['existing id, wrong token', execute(1n)],
    ['missing id', execute(999n)],
  ] as const) {
    if (applyCall(state, call).ok) throw new Error(`${name} was accepted`);
    bench(name, () => void applyCall(state, call), { time: 2000, warmupTime: 300 });
  }
});
