import type { Space } from '@spaces/client';
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { act, examples, ok } from './shared.js';

interface ProfileFlags {
  display?: string;
  agent?: boolean;
  program?: string;
  model?: string;
  task?: string;
}

/** set_profile arguments from the profile flags. */
function profileArgs(name: string, flags: ProfileFlags) {
  const agentish = flags.program ?? flags.model ?? flags.task;
  return {
    name,
    displayName: flags.display,
    kind: flags.agent === true || agentish !== undefined ? 'agent' : undefined,
    program: flags.program,
    model: flags.model,
    task: flags.task,
  };
}

/** Fills the fields a `profile set` left out from the current user row. */
export function mergeProfile(
  args: ReturnType<typeof profileArgs>,
  me:
    | {
        displayName: string;
        name: string;
        kind: string;
        program?: string | undefined;
        model?: string | undefined;
        task?: string | undefined;
      }
    | undefined,
): ReturnType<typeof profileArgs> {
  if (!me) return args;
  const agent = (args.kind ?? me.kind) === 'agent';
  return {
    ...args,
    // A display name that only mirrored the old name (names are stored in lower case) follows a
    // rename.
    displayName:
      args.displayName ?? (me.displayName.toLowerCase() === me.name ? undefined : me.displayName),
    program: args.program ?? (agent ? me.program : undefined),
    model: args.model ?? (agent ? me.model : undefined),
    task: args.task ?? (agent ? me.task : undefined),
  };
}

function profileOptions(cmd: Command): Command {
  return cmd
    .option('--display <name>', 'display name (default: the name)')
    .option('--agent', 'this profile is an agent (implied by --program, --model or --task)')
    .option('--program <program>', 'agent program, e.g. claude-code')
    .option('--model <model>', 'agent model, e.g. claude-sonnet-4-5')
    .option('--task <task>', 'what the agent is working on');
}

/**
 * Creates a local profile, registers it in the space, and undoes the local part if registration
 * fails, so a refused `init` or `profiles add` leaves nothing behind.
 */
async function createProfile(ctx: Ctx, name: string, register: (as: string) => Promise<void>) {
  const c = await ctx.client();
  const home = await ctx.home();
  const existed = c.listProfiles(home).some((p) => p.name === name && p.identity !== undefined);
  const profile = existed ? c.loadProfile(home, name) : c.addProfile(home, name);
  try {
    await register(name);
  } catch (error) {
    if (!existed) c.removeProfile(home, name);
    throw error;
  }
  return { home, profile, existed };
}

/** Opens a second space as another profile for one call sequence. */
async function asProfile(ctx: Ctx, name: string, body: (space: Space) => Promise<void>) {
  const c = await ctx.client();
  // The two commands that make a store (init, profiles add) are the ones that come here.
  const space = await c.openSpace({ ...ctx.openOptions(), as: name, create: true });
  try {
    await body(space);
  } finally {
    await space.close();
  }
}

/** `init`, `whoami`, `profiles …` and `profile set`. */
export function registerIdentity(program: Command): void {
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

  examples(
    act(
      program.command('whoami').description('show the profile and user you act as'),
      async (ctx) => {
        const space = await ctx.space();
        const me = await space.me();
        const role = (await space.rows('roles')).find((r) => r.identity === space.identity)?.role;
        const json = {
          engine: space.engine,
          profile: space.profile ?? null,
          identity: space.identity,
          registered: me !== undefined,
          name: me?.name ?? null,
          displayName: me?.displayName ?? null,
          kind: me?.kind ?? null,
          role: role ?? null,
        };
        const c = ctx.out.color;
        const who = me
          ? `${c.bold(me.name)} (${me.kind}, ${role ?? 'no role'})`
          : c.yellow('not registered yet: run spaces profile set --name NAME');
        ctx.out.result(
          json,
          `${who}\n  profile   ${space.profile ?? '-'}\n  identity  ${space.identity}\n  engine    ${space.engine}`,
        );
      },
    ),
    'spaces whoami',
    'spaces whoami --as agent-a --json',
  );

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
