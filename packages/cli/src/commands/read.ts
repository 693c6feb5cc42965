import type { Command } from 'commander';
import { notFound } from '../cliError.js';
import { parseId } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';

/** `read mark|unread`: read receipts and unread counts. */
export function registerRead(program: Command): void {
  const read = program.command('read').description('read receipts and unread counts');
  examples(
    act<{ channel: string; message?: string }>(
      read
        .command('mark')
        .description('mark a channel read (up to its newest message, or --message)')
        .requiredOption('--channel <channel>', 'channel name or id')
        .option('--message <id>', 'mark read up to this message'),
      async (ctx, opts) => {
        const explicit =
          opts.message === undefined ? undefined : parseId('--message', opts.message);
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const space = await ctx.space();
        const messageId = explicit ?? (await space.messages(channel.id, { limit: 1 }))[0]?.id;
        if (messageId === undefined)
          throw notFound(`#${channel.name} has no messages to mark read`);
        const receipt = await space.reducers.mark_read({ channelId: channel.id, messageId });
        ctx.out.result(
          { ok: true, seq: receipt.seq, channel: channel.name, messageId },
          ok(ctx, `#${channel.name} read up to message ${messageId}`),
        );
      },
    ),
    'spaces read mark --channel general',
  );
  examples(
    act(read.command('unread').description('unread counts per channel'), async (ctx) => {
      const rows = await (await ctx.space()).unread();
      await ctx.out.list(
        rows,
        [
          { head: 'CHANNEL', cell: (u) => `#${u.channel}` },
          { head: 'UNREAD', cell: (u) => String(u.unread) },
          {
            head: 'LAST READ',
            cell: (u) => (u.lastReadMessageId === undefined ? '-' : String(u.lastReadMessageId)),
          },
        ],
        (u) => u,
        'nothing unread',
      );
    }),
    'spaces read unread --json',
  );
}
