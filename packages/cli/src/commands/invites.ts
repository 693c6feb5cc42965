import type { Command } from 'commander';
import { isoOfMicros } from '../json.js';
import { parseCount, parseId, parseRole, parseUntil } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';

/** `invites create|list|revoke|redeem`: invite codes. */
export function registerInvites(program: Command): void {
  const invites = program
    .command('invites')
    .description('invite codes to a channel or the whole space');
  examples(
    act<{ channel?: string; role?: string; maxUses?: string; expires?: string; code?: string }>(
      invites
        .command('create')
        .description('create an invite (grants a role below yours; default Member)')
        .option('--channel <channel>', 'invite into this channel')
        .option('--role <role>', 'role granted: moderator | member | agent …')
        .option('--max-uses <n>', 'how many redemptions (0 = unlimited)', '0')
        .option('--expires <time>', 'expiry: 10m, 2h, 1d, 1w or ISO-8601')
        .option(
          '--code <code>',
          'choose the code (6-64 letters, digits, _ or -); default: 16 random characters',
        ),
      async (ctx, opts) => {
        const role = opts.role === undefined ? undefined : parseRole(opts.role, await ctx.client());
        const maxUses = parseCount('--max-uses', opts.maxUses ?? '0');
        const expiresAt = opts.expires === undefined ? undefined : parseUntil(opts.expires);
        const channel =
          opts.channel === undefined ? undefined : await channelFrom(ctx, undefined, opts.channel);
        const space = await ctx.space();
        const c = await ctx.client();
        // Only the code's hash is stored: this is the one time it is shown.
        const { code, id, receipt } = await c.createInvite(space, {
          channelId: channel?.id,
          role,
          maxUses,
          expiresAt,
          ...(opts.code === undefined ? {} : { code: opts.code }),
        });
        const json = {
          id,
          code,
          role: role ?? 'Member',
          channel: channel?.name,
          channelId: channel?.id,
          maxUses,
          expiresAt,
          seq: receipt.seq,
        };
        const where = channel ? `, #${channel.name}` : '';
        ctx.out.result(
          json,
          ok(
            ctx,
            `invite ${id ?? '?'} ${ctx.out.color.bold(code)} (${json.role}${where}; shown once): spaces invites redeem ${code}`,
          ),
        );
      },
    ),
    'spaces invites create --channel ops --role member --max-uses 5 --expires 1d',
  );
  examples(
    act(invites.command('list').description('list invites'), async (ctx) => {
      const space = await ctx.space();
      const [rows, channels, names] = await Promise.all([
        space.invites(),
        space.rows('channels'),
        ctx.names(),
      ]);
      const channelName = new Map(channels.map((c) => [c.id, c.name]));
      await ctx.out.list(
        rows,
        [
          { head: 'ID', cell: (i) => String(i.id) },
          {
            head: 'CHANNEL',
            cell: (i) =>
              i.channelId === undefined
                ? '(space)'
                : `#${channelName.get(i.channelId) ?? i.channelId}`,
          },
          { head: 'ROLE', cell: (i) => i.role },
          { head: 'USES', cell: (i) => `${i.uses}/${i.maxUses === 0 ? '∞' : i.maxUses}` },
          {
            head: 'EXPIRES',
            cell: (i) => (i.expiresAt === undefined ? '-' : isoOfMicros(i.expiresAt)),
          },
          { head: 'STATE', cell: (i) => (i.revoked ? 'revoked' : 'active') },
          { head: 'BY', cell: (i) => names.get(i.createdBy) ?? '' },
        ],
        (i) => ({
          ...i,
          channel: i.channelId === undefined ? undefined : channelName.get(i.channelId),
        }),
        'no invites',
      );
    }),
    'spaces invites list',
  );
  examples(
    act(
      invites
        .command('revoke')
        .description('revoke an invite by its id (its creator, or Moderator+)')
        .argument('<id>', 'the invite id (spaces invites list)'),
      async (ctx, _opts, [id]) => {
        const inviteId = parseId('invite id', id!);
        const receipt = await (await ctx.space()).reducers.revoke_invite({ inviteId });
        ctx.out.result(
          { ok: true, seq: receipt.seq, id: inviteId },
          ok(ctx, `revoked invite ${inviteId}`),
        );
      },
    ),
    'spaces invites revoke 3',
  );
  examples(
    act(
      invites
        .command('redeem')
        .description('use an invite: join its channel, rise to its role')
        .argument('<code>', 'the invite code'),
      async (ctx, _opts, [code]) => {
        const receipt = await (await ctx.space()).reducers.redeem_invite({ code: code! });
        ctx.out.result({ ok: true, seq: receipt.seq }, ok(ctx, 'redeemed the invite'));
      },
    ),
    'spaces invites redeem k3m9x2pq7dwxy4ab',
  );
}
