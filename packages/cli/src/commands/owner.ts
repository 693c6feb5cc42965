import type { Command } from 'commander';
import { act, examples, ok } from './shared.js';

/** `owner transfer`: ownership of the hub. */
export function registerOwner(program: Command): void {
  const owner = program.command('owner').description('ownership of the hub');
  examples(
    act(
      owner
        .command('transfer')
        .description('make another user the Owner (you become Admin)')
        .argument('<user>', 'user name or identity'),
      async (ctx, _opts, [who]) => {
        const user = await ctx.user(who!);
        const receipt = await (
          await ctx.space()
        ).reducers.transfer_ownership({ identity: user.identity });
        ctx.out.result(
          { ok: true, seq: receipt.seq, owner: user.name },
          ok(ctx, `${user.name} is now the Owner`),
        );
      },
    ),
    'spaces owner transfer alice',
  );
}
