#!/usr/bin/env node
// Claude Code SessionStart hook: adds other agents' recent activity to the new session.
import { handleSessionStart } from '../contextHook.js';
import { parseSessionStartInput } from '../input.js';
import { openHookStore } from '../openHookStore.js';
import { budgetFromEnv, runHookMain } from '../run.js';

await runHookMain(
  async (stdin) => {
    const input = parseSessionStartInput(stdin, process.cwd());
    return handleSessionStart(input, { store: await openHookStore(process.env) });
  },
  { name: 'spaces-context-hook', budgetMs: budgetFromEnv(process.env) },
);
