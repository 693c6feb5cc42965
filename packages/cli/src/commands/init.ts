import type { Command } from 'commander';
import { asProfile, createProfile } from './createProfile.js';
import type { ProfileFlags } from './profileArgs.js';
import { profileArgs, profileOptions } from './profileArgs.js';
import { act, examples, ok } from './shared.js';

/** `init`: creates the local hub and makes you its Owner. */
export function registerInit(program: Command): void {
  examples(
    profileOptions(
      act<ProfileFlags & { name?: string }>(
        program
          .command('init')
          .description(
            'create the local hub (#general, #agent-logs, #system); you become its Owner',
          )
          .option(
            '--name <name>',
            'your profile and user name (default: --as, else the current profile)',
          ),
        async (ctx, opts) => {
          const c = await ctx.client();
          const home = await ctx.home();
          const name = opts.name ?? ctx.opts.as ?? c.currentProfile(home);
          const { profile } = await createProfile(ctx, name, (as) =>
            asProfile(ctx, as, async (space) => {
              // The hub and its named Owner are one atomic call.
              const args = profileArgs(name, opts);
              await space.createHub({
                name,
                ...(args.displayName ? { displayName: args.displayName } : {}),
              });
              if (args.kind !== undefined) await space.reducers.set_profile(args);
            }),
          );
          c.useProfile(home, name);
          ctx.out.result(
            { home, profile: name, identity: profile.identity, role: 'Owner' },
            ok(
              ctx,
              `created the hub in ${home}; you are ${ctx.out.color.bold(name)} (Owner)\n  channels: #general #agent-logs #system`,
            ),
          );
        },
      ),
    ),
    'spaces init --name operator',
    'spaces --home ./.spaces init',
  );
}
