#!/usr/bin/env node
// Claude Code SessionStart hook: adds other agents' recent activity to the new session.
import { fileURLToPath } from 'node:url';
import { SESSION_START_BUDGET_MS, budgetFromEnv } from '../budget.js';
import { superviseHookMain } from '../supervisor.js';

await superviseHookMain({
  name: 'spaces-context-hook',
  budgetMs: budgetFromEnv(process.env, SESSION_START_BUDGET_MS),
  worker: [
    process.execPath,
    fileURLToPath(new URL('spaces-hook-worker.js', import.meta.url)),
    'session-start',
  ],
  // Context printed after we exit would reach nobody.
  atDeadline: 'kill',
});
