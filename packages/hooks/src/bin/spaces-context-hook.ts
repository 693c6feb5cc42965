#!/usr/bin/env node
// Claude Code SessionStart hook: adds other agents' recent activity to the new session.
import { sessionStartHook } from '../contextHook.js';
import { openHookStore } from '../openHookStore.js';
import { budgetFromEnv, runHookMain } from '../run.js';

await runHookMain(
  sessionStartHook((input) => openHookStore(process.env, input), {
    fallbackCwd: process.cwd(),
    projectDir: process.env['CLAUDE_PROJECT_DIR'],
  }),
  { name: 'spaces-context-hook', budgetMs: budgetFromEnv(process.env) },
);
