/** Default time budget of the Stop hook, from start to exit: the session waits on it each turn. */
export const STOP_BUDGET_MS = 800;

/** Default time budget of the SessionStart hook: once per session, and what it prints is lost if late. */
export const SESSION_START_BUDGET_MS = 1500;

/** No budget beyond this: Claude Code kills a hook at its timeout (10 s as `hooks install` sets it). */
export const MAX_BUDGET_MS = 9000;

/**
 * The budget from `SPACES_HOOK_BUDGET_MS` when it is a positive number (capped at
 * {@link MAX_BUDGET_MS}), else `fallback`.
 */
export function budgetFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  fallback: number,
): number {
  const value = Number(env['SPACES_HOOK_BUDGET_MS']);
  return Number.isFinite(value) && value > 0 ? Math.min(value, MAX_BUDGET_MS) : fallback;
}
