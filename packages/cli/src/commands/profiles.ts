import type { Command } from 'commander';
import { asProfile, createProfile } from './createProfile.js';
import type { ProfileFlags } from './profileArgs.js';
import { profileArgs, profileOptions } from './profileArgs.js';
import { act, examples, ok } from './shared.js';

/** `profiles list|add|use`: local identities. */
export function registerProfiles(program: Command): void {
  const profiles = program.command('profiles').description('local identities (embedded store)');
  examples(
    act(profiles.command('list').description('list local profiles'), async (ctx) => {
      const c = await ctx.client();
      const home = await ctx.home();
      const current = c.currentProfile(home);
      // A file that cannot be read is listed, named, beside the others: it breaks nothing.
      const rows = c.listProfiles(home).map((p) => ({ ...p, current: p.name === current }));
      await ctx.out.list(
        rows,
        [
          { head: '', cell: (r) => (r.current ? '*' : '') },
          { head: 'PROFILE', cell: (r) => r.name },
          {
            head: 'IDENTITY',
            cell: (r) => r.identity ?? ctx.out.color.yellow(`unreadable: ${r.problem ?? ''}`),
          },
        ],
        (r) => r,
        'no profiles yet: run spaces init',
      );
    }),
    'spaces profiles list',
  );
  examples(
    profileOptions(
      act<ProfileFlags & { use?: boolean }>(
        profiles
          .command('add')
          .description('create a local profile and register it in the space')
          .argument('<name>', 'profile and user name (letters, digits, _ . -; at most 32)')
          .option('--use', 'make it the current profile'),
        async (ctx, opts, [name]) => {
          const { home, profile } = await createProfile(ctx, name!, (as) =>
            asProfile(ctx, as, async (space) => {
              await space.reducers.set_profile(profileArgs(name!, opts));
            }),
          );
          if (opts.use === true) (await ctx.client()).useProfile(home, name!);
          ctx.out.result(
            { profile: name, identity: profile.identity, current: opts.use === true },
            ok(
              ctx,
              `added profile ${ctx.out.color.bold(name!)} (${profile.identity.slice(0, 12)}…)`,
            ),
          );
        },
      ),
    ),
    'spaces profiles add agent-a --agent --program claude-code --model claude-sonnet-4-5',
    'spaces profiles add alice --display "Alice" --use',
  );
  examples(
    act(
      profiles
        .command('use')
        .description('make a profile the current one')
        .argument('<name>', 'profile name'),
      async (ctx, _opts, [name]) => {
        const c = await ctx.client();
        const profile = c.useProfile(await ctx.home(), name!);
        ctx.out.result(
          { profile: profile.name, identity: profile.identity },
          ok(ctx, `now acting as ${name}`),
        );
      },
    ),
    'spaces profiles use agent-a',
  );
}
