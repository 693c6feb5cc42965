import type { SubagentFixture } from './transcriptBuilder.js';
import { TranscriptBuilder } from './transcriptBuilder.js';

const MINUTE = 60_000;

/** A session and its subagents, with the facts a correct reading of it finds. Test-only. */
export interface SessionFixture {
  sessionId: string;
  /** Where the session started; it later moves into `src`. */
  cwd: string;
  main: TranscriptBuilder;
  subagents: SubagentFixture[];
  /** The reply Claude Code passes to the Stop hook as `last_assistant_message`. */
  lastReply: string;
}

/** A secret the session's person typed, which must never leave a hook. */
export const SHOP_DB_PASSWORD = 'Sh0pDbPass-2026';
/** A token the assistant quoted in its last reply. */
export const SHOP_STRIPE_KEY = 'sk_live_51ShopQ2eK8vT4mN7bW1cY6dF3g';

/**
 * A Claude Code 2.1 session in a shop project, written by us: `/init`, a typed prompt, an
 * Explore subagent that makes 33 tool calls and a general-purpose one that edits two files,
 * a background test run and its task notification, `/cost` and its output, two hours away,
 * a move into `src`, compaction, a blocking Stop hook's feedback, an interruption, a failed
 * edit, and a last reply that quotes a secret. What it should read as:
 * - turns 4 (`/init`, the prompt, `/cost`, "Continue...");
 * - main agent: Glob 1, Read 1, Write 2, Task 2, Bash 1, Edit 3, MultiEdit 1 (11 calls);
 *   files CLAUDE.md, src/cart/cart.ts, src/cart/cart.test.ts, src/checkout/checkout.ts,
 *   src/checkout/steps.ts (the failed edit of src/cart/index.ts left out);
 * - subagents 2 (Explore, general-purpose): Read 21, Grep 10, Glob 3, Edit 2 (36 calls);
 *   their own file src/payments/adapter.ts (src/cart/cart.ts is the main agent's too);
 * - active 6m 14s over 2h 6m (the two hours away left out).
 */
export function shopSession(): SessionFixture {
  const sessionId = 'b7e1c2d4-5f60-4a8b-9c0d-1e2f3a4b5c6d';
  const cwd = '/home/dev/projects/shop';
  const start = '2026-01-20T09:00:00.000Z';
  const at = (path: string) => `${cwd}/${path}`;
  const main = new TranscriptBuilder({ sessionId, cwd, start, gitBranch: 'main' });
  main.raw({ type: 'queue-operation', operation: 'dequeue', timestamp: start, sessionId });
  main.slash('init', '', 'Please analyze this codebase and create a CLAUDE.md file.');
  main.tool('Glob', { pattern: '**/*.ts' });
  main.tool('Read', { file_path: at('package.json') });
  main.tool('Write', { file_path: at('CLAUDE.md'), content: '# Shop' });
  main.reply('Created CLAUDE.md.').system('stop_hook_summary');
  main.wait(3 * MINUTE);
  main.prompt(
    `Add a cart service. Explore the payment code first. The db is DB_PASS=${SHOP_DB_PASSWORD}`,
  );

  const explore = new TranscriptBuilder({
    sessionId,
    cwd,
    start: '2026-01-20T09:04:00.000Z',
    agentId: 'a1b2c3d',
  });
  explore.prompt('Find how payments are taken.');
  for (let i = 0; i < 20; i++) explore.tool('Read', { file_path: at(`src/payments/p${i}.ts`) });
  for (let i = 0; i < 10; i++) explore.tool('Grep', { pattern: `charge${i}` });
  for (let i = 0; i < 3; i++) explore.tool('Glob', { pattern: `src/**/${i}*.ts` });
  explore.reply('Payments go through src/payments/adapter.ts.');
  main.tool('Task', { subagent_type: 'Explore', description: 'Explore payments', prompt: '...' });
  main.wait(90_000);

  const general = new TranscriptBuilder({
    sessionId,
    cwd,
    start: '2026-01-20T09:06:00.000Z',
    agentId: 'e4f5a6b',
  });
  general.prompt('Adapt the payment adapter for carts.');
  general.tool('Read', { file_path: at('src/payments/adapter.ts') });
  general.tool('Edit', {
    file_path: at('src/payments/adapter.ts'),
    old_string: 'a',
    new_string: 'b',
  });
  general.tool('Edit', { file_path: at('src/cart/cart.ts'), old_string: 'a', new_string: 'b' });
  general.reply('Adapter updated.');
  main.tool('Task', {
    subagent_type: 'general-purpose',
    description: 'Adapt adapter',
    prompt: '...',
  });
  main.wait(60_000);

  const bash = main.tool(
    'Bash',
    { command: 'npm test', run_in_background: true },
    { result: 'Command running in background with ID: bash_1' },
  );
  main.tool('Edit', { file_path: at('src/cart/cart.ts'), old_string: 'x', new_string: 'y' });
  main.tool('Write', { file_path: at('src/cart/cart.test.ts'), content: 'test' });
  main.tool(
    'Edit',
    { file_path: at('src/cart/index.ts'), old_string: 'nope', new_string: 'y' },
    { error: true, result: 'String to replace not found' },
  );
  main.taskNotification('bash_1', bash, 'Background command "npm test" completed (exit code 0)');
  main.reply('Cart service added; tests pass.');
  main.slash('cost').localOutput('Total cost: $0.42');

  main.wait(2 * 60 * MINUTE);
  main.cd(`${cwd}/src`).checkout('feat/cart');
  main.prompt('Continue with the checkout flow.');
  main.compact('The user asked for a cart service and a checkout flow.');
  main.tool('Edit', {
    file_path: at('src/checkout/checkout.ts'),
    old_string: 'a',
    new_string: 'b',
  });
  main.hookFeedback('fix the lint warnings first');
  main.tool('MultiEdit', { file_path: at('src/checkout/steps.ts'), edits: [] });
  main.interrupt();
  const lastReply = `Checkout done. Stripe is configured with ${SHOP_STRIPE_KEY} from the vault.`;
  main.reply('Checkout done.', `Stripe is configured with ${SHOP_STRIPE_KEY} from the vault.`);
  return {
    sessionId,
    cwd,
    main,
    subagents: [
      { agentId: 'a1b2c3d', agentType: 'Explore', transcript: explore },
      { agentId: 'e4f5a6b', agentType: 'general-purpose', transcript: general },
    ],
    lastReply,
  };
}
