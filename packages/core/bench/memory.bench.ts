/**
 * Calls per second of the in-memory engine at 10k and at 1M messages: a call's cost must not grow
 * with the tables. Run with `pnpm bench` in packages/core (vitest bench; the `hz` column is calls/s).
 * Each state is built by applying send_message calls in a loop, and that build is timed too.
 */
import { bench, describe } from 'vitest';
import type { Call, MemoryState } from '../src/index.js';
import { SECOND, applyCall, replay } from '../src/index.js';
import { EMOJI, PEOPLE, preludeCalls } from '../src/testing/index.js';

const SIZES = [10_000, 1_000_000] as const;

function build(messages: number): { state: MemoryState; now: bigint } {
  const prelude = preludeCalls();
  let { state } = replay(prelude);
  let now = prelude.at(-1)!.timestamp;
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    now += 1n;
    const call = {
      reducer: 'send_message',
      args: { channelId: 1n, text: `message ${i}` },
      sender: PEOPLE.member,
      timestamp: now,
    };
    const result = applyCall(state, call);
    if (!result.ok) throw result.error;
    state = result.state;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = state.tables.messages.rows.size;
  console.log(
    `built ${rows} messages in ${seconds.toFixed(1)} s (${Math.round(messages / seconds)} calls/s while growing)`,
  );
  return { state, now: now + SECOND };
}

/** A mix of everyday calls against a state, each aimed at recent rows. */
function mixOf(state: MemoryState, now: bigint): Call[] {
  const last = BigInt(state.tables.messages.rows.size); // ids run 1..size: nothing was deleted
  const at = (sender: string, reducer: string, args: unknown): Call => ({
    reducer,
    args,
    sender,
    timestamp: now,
  });
  return [
    at(PEOPLE.member, 'send_message', { channelId: 1n, text: 'hello again' }),
    at(PEOPLE.agent, 'add_reaction', { messageId: last, emoji: EMOJI[0] }),
    at(PEOPLE.member, 'edit_message', { messageId: last - 1n, text: 'edited' }),
    at(PEOPLE.agent, 'mark_read', { channelId: 1n, messageId: last }),
    at(PEOPLE.moderator, 'pin_message', { messageId: last - 2n }),
    at(PEOPLE.moderator, 'delete_message', { messageId: last - 3n }),
    at(PEOPLE.agent, 'emit_event', {
      channelId: 2n,
      kind: 'task.completed@1',
      payload: '{"task":"bench"}',
    }),
    at(PEOPLE.agent, 'send_message', { channelId: 3n, text: 'refused: Announcement' }),
  ];
}

// Both states are built before any measuring, so the JIT is equally warm for each size.
const states = SIZES.map((size) => ({ size, ...build(size) }));

for (const { size, state, now } of states) {
  const send: Call = {
    reducer: 'send_message',
    args: { channelId: 1n, text: 'hi' },
    sender: PEOPLE.member,
    timestamp: now,
  };
  const mix = mixOf(state, now);
  for (const call of mix.slice(0, -1)) {
    const result = applyCall(state, call);
    if (!result.ok)
      throw new Error(`bench mix call ${call.reducer} was refused: ${result.error.message}`);
  }
  let i = 0;
  // Long runs: a single major GC in a 1M-row heap otherwise swamps a short sample.
  const options = { time: 3000, warmupTime: 500 };
  describe(`${size.toLocaleString('en')} messages`, () => {
    bench('send_message', () => void applyCall(state, send), options);
    bench(
      'mix of 8 calls (one refused)',
      () => void applyCall(state, mix[i++ % mix.length]!),
      options,
    );
  });
}
