import { describe, expect, it } from 'vitest';
import { MAX_BUDGET_MS, STOP_BUDGET_MS, budgetFromEnv } from './budget.js';

describe('budgetFromEnv', () => {
  it('takes SPACES_HOOK_BUDGET_MS when it is a positive number, capped under Claude Code’s timeout', () => {
    expect(budgetFromEnv({ SPACES_HOOK_BUDGET_MS: '2500' }, STOP_BUDGET_MS)).toBe(2500);
    expect(budgetFromEnv({ SPACES_HOOK_BUDGET_MS: '60000' }, STOP_BUDGET_MS)).toBe(MAX_BUDGET_MS);
  });

  it.each([undefined, '', 'soon', '0', '-5', 'Infinity'])('falls back for %j', (value) => {
    expect(budgetFromEnv({ SPACES_HOOK_BUDGET_MS: value }, 1234)).toBe(1234);
  });
});
