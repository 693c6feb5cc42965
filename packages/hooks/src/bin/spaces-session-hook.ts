#!/usr/bin/env node
// Claude Code Stop hook: posts or updates this session's summary in the agent log.
import { parseStopInput } from '../input.js';
import { openHookStore } from '../openHookStore.js';
import { budgetFromEnv, runHookMain } from '../run.js';
import { handleStop } from '../sessionHook.js';

await runHookMain(
  async (stdin) => {
    // Parse first: bad input should fail before we spend time connecting.
    const input = parseStopInput(stdin, process.cwd());
    await handleStop(input, { store: await openHookStore(process.env) });
    return undefined;
  },
  { name: 'spaces-session-hook', budgetMs: budgetFromEnv(process.env) },
);
