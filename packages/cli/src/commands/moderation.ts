import type { Command } from 'commander';
import { isoOfMicros } from '../json.js';
import { parseUntil } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';

/** `moderation kick|ban|unban|timeout`: sanctions on users ranked below you. */
export function registerModeration(program: Command): void {
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
}
