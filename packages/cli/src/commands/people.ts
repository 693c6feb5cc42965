import type { Command } from 'commander';
import { inert } from '../inert.js';
import { isoOfMicros } from '../json.js';
import { parsePresence, parseRole, parseUntil } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';

/** `users`, `presence`, `roles`, `moderation` and `owner`. */
export function registerPeople(program: Command): void {
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

  const presence = program.command('presence').description('online, idle, dnd or offline');
  examples(
    act<{ status?: string }>(
      presence
        .command('set')
        .description('set your presence')
        .argument('<state>', 'online | idle | dnd | offline')
        .option('--status <text>', 'a status text (at most 128 characters)'),
      async (ctx, opts, [state]) => {
        const status = parsePresence(state!);
        const receipt = await (
          await ctx.space()
        ).reducers.set_presence({ status, statusText: opts.status });
        ctx.out.result({ ok: true, seq: receipt.seq, status }, ok(ctx, `presence: ${status}`));
      },
    ),
    'spaces presence set dnd --status "deep in a refactor"',
  );
  examples(
    act(presence.command('list').description('everyone’s presence'), async (ctx) => {
      const space = await ctx.space();
      const names = await ctx.names();
      const rows = await space.rows('presence');
      await ctx.out.list(
        rows,
        [
          { head: 'NAME', cell: (p) => names.get(p.identity) ?? p.identity.slice(0, 12) },
          { head: 'STATUS', cell: (p) => p.status },
          { head: 'TEXT', cell: (p) => p.statusText },
          { head: 'LAST SEEN', cell: (p) => isoOfMicros(p.lastSeen) },
        ],
        (p) => ({ ...p, name: names.get(p.identity) }),
        'nobody yet',
      );
    }),
    'spaces presence list',
  );

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
        const role = parseRole(roleName!);
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

  const mod = program
    .command('moderation')
    .description('kick, ban, unban and time out users ranked below you');
  examples(
    act<{ channel: string }>(
      mod
        .command('kick')
        .description('remove a user from a channel')
        .argument('<user>', 'user name or identity')
        .requiredOption('--channel <channel>', 'channel name or id'),
      async (ctx, opts, [who]) => {
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const user = await ctx.user(who!);
        const receipt = await (
          await ctx.space()
        ).reducers.remove_member({ channelId: channel.id, identity: user.identity });
        ctx.out.result(
          { ok: true, seq: receipt.seq },
          ok(ctx, `kicked ${user.name} from #${channel.name}`),
        );
      },
    ),
    'spaces moderation kick agent-b --channel general',
  );
  examples(
    act<{ reason?: string; until?: string }>(
      mod
        .command('ban')
        .description('ban a user from posting anywhere')
        .argument('<user>', 'user name or identity')
        .option('--reason <text>', 'why')
        .option('--until <time>', 'end of the ban: 10m, 2h, 1d, 1w or ISO-8601 (default: forever)'),
      async (ctx, opts, [who]) => {
        const until = opts.until === undefined ? undefined : parseUntil(opts.until);
        const user = await ctx.user(who!);
        const receipt = await (
          await ctx.space()
        ).reducers.ban_user({ identity: user.identity, reason: opts.reason, until });
        ctx.out.result(
          { ok: true, seq: receipt.seq },
          ok(ctx, `banned ${user.name}${until ? ` until ${isoOfMicros(until)}` : ''}`),
        );
      },
    ),
    'spaces moderation ban spammer --reason "flooding #general" --until 1d',
  );
  examples(
    act(
      mod.command('unban').description('lift a ban').argument('<user>', 'user name or identity'),
      async (ctx, _opts, [who]) => {
        const user = await ctx.user(who!);
        const receipt = await (await ctx.space()).reducers.unban_user({ identity: user.identity });
        ctx.out.result({ ok: true, seq: receipt.seq }, ok(ctx, `unbanned ${user.name}`));
      },
    ),
    'spaces moderation unban spammer',
  );
  examples(
    act<{ until: string }>(
      mod
        .command('timeout')
        .description('stop a user posting until a time')
        .argument('<user>', 'user name or identity')
        .requiredOption('--until <time>', '10m, 2h, 1d, 1w or ISO-8601'),
      async (ctx, opts, [who]) => {
        const until = parseUntil(opts.until);
        const user = await ctx.user(who!);
        const receipt = await (
          await ctx.space()
        ).reducers.timeout_user({ identity: user.identity, until });
        ctx.out.result(
          { ok: true, seq: receipt.seq },
          ok(ctx, `${user.name} timed out until ${isoOfMicros(until)}`),
        );
      },
    ),
    'spaces moderation timeout agent-b --until 10m',
  );

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
