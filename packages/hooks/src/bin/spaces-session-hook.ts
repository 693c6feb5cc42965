#!/usr/bin/env node
// Claude Code Stop hook: posts or updates this session's summary in the agent log.
import { openHookStore } from '../openHookStore.js';
import { budgetFromEnv, runHookMain } from '../run.js';
import { stopHook } from '../sessionHook.js';

await runHookMain(
  stopHook((input) => openHookStore(process.env, input), {
    fallbackCwd: process.cwd(),
    projectDir: process.env['CLAUDE_PROJECT_DIR'],
  }),
  { name: 'spaces-session-hook', budgetMs: budgetFromEnv(process.env) },
);
