import type { Command } from 'commander';
import { isoOfMicros } from '../json.js';
import { parseRole } from '../parse.js';
import { act, examples, ok } from './shared.js';

/** `roles set|list`: space-wide roles. */
export function registerRoles(program: Command): void {
  const roles = program
    .command('roles')
    .description('space-wide roles: Owner > Admin > Moderator > Member > Agent');
  examples(
    act(
      roles
        .command('set')
        .description('change a user’s role (only below your own, for users ranked below you)')
        .argument('<user>', 'user name or identity')
        .argument('<role>', 'admin | moderator | member | agent'),
      async (ctx, _opts, [who, roleName]) => {
        const role = parseRole(roleName!, await ctx.client());
        const user = await ctx.user(who!);
        const receipt = await (
          await ctx.space()
        ).reducers.set_role({ identity: user.identity, role });
        ctx.out.result(
          { ok: true, seq: receipt.seq, user: user.name, role },
          ok(ctx, `${user.name} is now ${role}`),
        );
      },
    ),
    'spaces roles set agent-a moderator',
  );
  examples(
    act(roles.command('list').description('roles, bans and timeouts'), async (ctx) => {
      const names = await ctx.names();
      const rows = await (await ctx.space()).rows('roles');
      await ctx.out.list(
        rows,
        [
          { head: 'NAME', cell: (r) => names.get(r.identity) ?? r.identity.slice(0, 12) },
          { head: 'ROLE', cell: (r) => r.role },
          {
            head: 'BANNED',
            cell: (r) =>
              r.banned ? `yes${r.bannedUntil ? ` until ${isoOfMicros(r.bannedUntil)}` : ''}` : '',
          },
          {
            head: 'TIMEOUT UNTIL',
            cell: (r) => (r.timeoutUntil ? isoOfMicros(r.timeoutUntil) : ''),
          },
        ],
        (r) => ({ ...r, name: names.get(r.identity) }),
        'no roles yet',
      );
    }),
    'spaces roles list',
  );
}
