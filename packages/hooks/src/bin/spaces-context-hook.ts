#!/usr/bin/env node
// Claude Code SessionStart hook: adds other agents' recent activity to the new session.
import { sessionStartHook } from '../contextHook.js';
import { openHookStore } from '../openHookStore.js';
import { budgetFromEnv, runHookMain } from '../run.js';

await runHookMain(
  sessionStartHook(() => openHookStore(process.env), { fallbackCwd: process.cwd() }),
  { name: 'spaces-context-hook', budgetMs: budgetFromEnv(process.env) },
);
