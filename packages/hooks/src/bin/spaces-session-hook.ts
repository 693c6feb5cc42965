#!/usr/bin/env node
// Claude Code Stop hook: posts or updates this session's summary in the agent log.
import { fileURLToPath } from 'node:url';
import { STOP_BUDGET_MS, budgetFromEnv } from '../budget.js';
import { superviseHookMain } from '../supervisor.js';

await superviseHookMain({
  name: 'spaces-session-hook',
  budgetMs: budgetFromEnv(process.env, STOP_BUDGET_MS),
  worker: [
    process.execPath,
    fileURLToPath(new URL('spaces-hook-worker.js', import.meta.url)),
    'stop',
  ],
  // The worker is the summary's sender: it finishes posting after we exit.
  atDeadline: 'leave',
});
