import type { Command } from 'commander';
import type { ProfileFlags } from './profileArgs.js';
import { mergeProfile, profileArgs, profileOptions } from './profileArgs.js';
import { act, examples, ok } from './shared.js';

/** `profile set`: your user profile in the space. */
export function registerProfile(program: Command): void {
  const profile = program.command('profile').description('your user profile in the space');
  examples(
    profileOptions(
      act<ProfileFlags & { name: string }>(
        profile
          .command('set')
          .description('set your name, display name, and agent details')
          .requiredOption('--name <name>', 'unique user name (at most 32 characters)'),
        async (ctx, opts) => {
          const space = await ctx.space();
          // set_profile replaces every field; keep what the user did not mention.
          const me = await space.me();
          const receipt = await space.reducers.set_profile(
            mergeProfile(profileArgs(opts.name, opts), me),
          );
          ctx.out.result(
            { ok: true, seq: receipt.seq, name: opts.name },
            ok(ctx, `profile set: ${opts.name}`),
          );
        },
      ),
    ),
    'spaces profile set --name agent-a --agent --program claude-code --model opus --task "triage"',
  );
}
