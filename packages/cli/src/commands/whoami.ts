import type { Command } from 'commander';
import { act, examples } from './shared.js';

/** `whoami`: the profile and user you act as. */
export function registerWhoami(program: Command): void {
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
}
