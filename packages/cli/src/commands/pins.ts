import type { Command } from 'commander';
import { inert } from '../inert.js';
import { parseId } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';
import { truncate } from './truncate.js';

/** `pins add|remove|list`: pinned messages. */
export function registerPins(program: Command): void {
  const pins = program.command('pins').description('pinned messages (pinning is Moderator+)');
  for (const [verb, reducer, done, help] of [
    ['add', 'pin_message', 'pinned', 'pin a message'],
    ['remove', 'unpin_message', 'unpinned', 'unpin a message'],
  ] as const) {
    examples(
      act(
        pins.command(verb).description(help).argument('<message>', 'message id'),
        async (ctx, _opts, [id]) => {
          const messageId = parseId('message id', id!);
          const receipt = await (await ctx.space()).call(reducer, { messageId });
          ctx.out.result(
            { ok: true, seq: receipt.seq, messageId },
            ok(ctx, `${done} message ${messageId}`),
          );
        },
      ),
      `spaces pins ${verb} 12`,
    );
  }
  examples(
    act<{ channel: string }>(
      pins
        .command('list')
        .description('pinned messages of a channel')
        .requiredOption('--channel <channel>', 'channel name or id'),
      async (ctx, opts) => {
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const space = await ctx.space();
        const rows = await space.pins(channel.id);
        const byId = new Map(
          (await space.messages(channel.id, { limit: 1000 })).map((m) => [m.id, m]),
        );
        const names = await ctx.names();
        await ctx.out.list(
          rows,
          [
            { head: 'MESSAGE', cell: (p) => String(p.messageId) },
            { head: 'BY', cell: (p) => names.get(p.pinnedBy) ?? p.pinnedBy.slice(0, 12) },
            {
              head: 'TEXT',
              cell: (p) => inert(truncate(byId.get(p.messageId)?.text ?? '', 60)),
            },
          ],
          (p) => ({ ...p, channel: channel.name, text: byId.get(p.messageId)?.text }),
          `nothing pinned in #${channel.name}`,
        );
      },
    ),
    'spaces pins list --channel general',
  );
}
