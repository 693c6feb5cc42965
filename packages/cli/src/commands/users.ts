import type { Command } from 'commander';
import { inert } from '../inert.js';
import { isoOfMicros } from '../json.js';
import { act, examples } from './shared.js';

/** `users list|show`: people and agents in the space. */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('people and agents in the space');
  examples(
    act(users.command('list').description('list users with role and presence'), async (ctx) => {
      const space = await ctx.space();
      const [rows, roles, presence] = await Promise.all([
        space.rows('users'),
        space.rows('roles'),
        space.rows('presence'),
      ]);
      const roleOf = new Map(roles.map((r) => [r.identity, r]));
      const presenceOf = new Map(presence.map((p) => [p.identity, p]));
      const list = rows.map((u) => ({
        ...u,
        role: roleOf.get(u.identity)?.role,
        banned: roleOf.get(u.identity)?.banned,
        presence: presenceOf.get(u.identity)?.status,
        statusText: presenceOf.get(u.identity)?.statusText,
      }));
      await ctx.out.list(
        list,
        [
          { head: 'NAME', cell: (u) => u.name },
          { head: 'KIND', cell: (u) => u.kind },
          { head: 'ROLE', cell: (u) => (u.role ?? '') + (u.banned ? ' (banned)' : '') },
          { head: 'PRESENCE', cell: (u) => [u.presence, u.statusText].filter(Boolean).join(': ') },
          { head: 'AGENT', cell: (u) => [u.program, u.model].filter(Boolean).join(' / ') },
          { head: 'IDENTITY', cell: (u) => u.identity.slice(0, 12) },
        ],
        (u) => u,
        'no users yet',
      );
    }),
    'spaces users list',
    'spaces users list --json',
  );
  examples(
    act(
      users
        .command('show')
        .description('show one user')
        .argument('<user>', 'user name or identity'),
      async (ctx, _opts, [who]) => {
        const user = await ctx.user(who!);
        const space = await ctx.space();
        const role = (await space.rows('roles')).find((r) => r.identity === user.identity);
        const presence = (await space.rows('presence')).find((p) => p.identity === user.identity);
        const json = {
          ...user,
          role: role?.role,
          banned: role?.banned,
          presence: presence?.status,
        };
        // What users wrote about themselves is shown inert: one line each, escapes visible.
        const lines = [
          `${ctx.out.color.bold(inert(user.name))} (${inert(user.displayName)})`,
          `  kind      ${inert(user.kind)}`,
          `  role      ${role?.role ?? '-'}${role?.banned ? ' (banned)' : ''}`,
          `  presence  ${presence?.status ?? '-'}${presence?.statusText ? `: ${inert(presence.statusText)}` : ''}`,
          ...(user.program ? [`  program   ${inert(user.program)}`] : []),
          ...(user.model ? [`  model     ${inert(user.model)}`] : []),
          ...(user.task ? [`  task      ${inert(user.task)}`] : []),
          `  identity  ${user.identity}`,
          `  since     ${isoOfMicros(user.createdAt)}`,
        ];
        ctx.out.result(json, lines.join('\n'));
      },
    ),
    'spaces users show agent-a',
  );
}
