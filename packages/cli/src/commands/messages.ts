import type { Command } from 'commander';
import { usage } from '../cliError.js';
import type { Ctx } from '../context.js';
import { inert } from '../inert.js';
import { parseCount, parseId } from '../parse.js';
import type { MessageJson } from '../render.js';
import { chatLine, messageJson, placeholder } from '../render.js';
import type { Message } from '../types.js';
import { act, defined, examples, ok } from './shared.js';

/** The JSON form of messages in one channel, with sender names and channel name resolved. */
async function jsonOf(
  ctx: Ctx,
  messages: Message[],
  seqOf: (m: Message) => bigint | undefined,
): Promise<MessageJson[]> {
  const space = await ctx.space();
  const names = await ctx.names();
  const channelNames = new Map<bigint, string>();
  for (const m of messages) {
    if (!channelNames.has(m.channelId))
      channelNames.set(
        m.channelId,
        (await space.channel(m.channelId))?.name ?? String(m.channelId),
      );
  }
  return messages.map((m) => messageJson(m, channelNames.get(m.channelId)!, names, seqOf(m)));
}

// Rows from `messages()` carry the seq of their commit where the engine knows it (embedded).
const rowSeq = (m: Message & { seq?: bigint }): bigint | undefined => m.seq;

/** `messages send|list|edit|delete`. */
export function registerMessages(program: Command): void {
  const messages = program.command('messages').description('post and read messages');

  examples(
    act<{ channel: string; text?: string; topic?: string; replyTo?: string; nonce?: string }>(
      messages
        .command('send')
        .description('post a message (at most 4000 characters)')
        .argument('[text]', 'the text (or use --text)')
        .requiredOption('--channel <channel>', 'channel name (with or without #) or id')
        .option('--text <text>', 'the text')
        .option('--topic <id>', 'post into a topic')
        .option('--reply-to <id>', 'reply to a message')
        .option('--nonce <key>', 'retry key: sending twice with the same key posts once'),
      async (ctx, opts, [arg]) => {
        const text = opts.text ?? arg;
        if (text === undefined) throw usage('what to send? give --text "…"');
        const topicId = opts.topic === undefined ? undefined : parseId('--topic', opts.topic);
        const replyTo =
          opts.replyTo === undefined ? undefined : parseId('--reply-to', opts.replyTo);
        const channel = await ctx.channel(opts.channel);
        const space = await ctx.space();
        // Always with a nonce: a retry posts nothing new, and a send whose outcome an I/O error
        // hid is looked up by it before anything is reported.
        const sent = await (
          await ctx.client()
        ).sendMessage(
          space,
          defined({ channelId: channel.id, text, topicId, replyTo, nonce: opts.nonce }),
        );
        if (!sent.message) {
          ctx.out.result(
            { ok: true, seq: sent.seq, channel: channel.name, nonce: sent.nonce },
            ok(ctx, `sent to #${inert(channel.name)}`),
          );
          return;
        }
        const [json] = await jsonOf(ctx, [sent.message], () => sent.seq ?? sent.message?.seq);
        ctx.out.result(
          json,
          ok(ctx, `sent to #${inert(channel.name)} (message ${sent.message.id})`),
        );
      },
    ),
    'spaces messages send --channel agent-logs --text "Agent A completed task #42"',
    'spaces messages send --channel general "hello" --json',
    'spaces messages send --channel general --topic 3 --text "on it"',
  );

  examples(
    act<{ channel: string; limit: string; before?: string; topic?: string }>(
      messages
        .command('list')
        .description('recent messages of a channel, oldest first')
        .requiredOption('--channel <channel>', 'channel name or id')
        .option('--limit <n>', 'how many (at most 1000)', '50')
        .option('--before <id>', 'only messages older than this id (paging)')
        .option('--topic <id>', 'only messages of this topic'),
      async (ctx, opts) => {
        const limit = parseCount('--limit', opts.limit, 1000);
        const before = opts.before === undefined ? undefined : parseId('--before', opts.before);
        const topicId = opts.topic === undefined ? undefined : parseId('--topic', opts.topic);
        const channel = await ctx.channel(opts.channel);
        const rows = await (
          await ctx.space()
        ).messages(channel.id, defined({ limit, before, topicId }));
        const list = await jsonOf(ctx, [...rows].reverse(), rowSeq);
        if (ctx.out.json) return ctx.out.list(list, [], (m) => m, '');
        if (list.length === 0)
          return ctx.out.line(ctx.out.color.dim(`no messages in #${inert(channel.name)}`));
        for (const m of list) {
          // A message that cannot be shown is marked; the messages around it still are.
          let line: string;
          try {
            line = chatLine(m, ctx.out.color, false);
          } catch (error) {
            line = placeholder(`message ${String(m.id)}`, error, ctx.out.color);
          }
          ctx.out.line(line);
        }
      },
    ),
    'spaces messages list --channel agent-logs',
    'spaces messages list --channel general --limit 10 --json',
  );

  examples(
    act<{ text: string }>(
      messages
        .command('edit')
        .description('edit your own message (history is kept)')
        .argument('<id>', 'message id')
        .requiredOption('--text <text>', 'the new text'),
      async (ctx, opts, [id]) => {
        const messageId = parseId('message id', id!);
        const receipt = await (
          await ctx.space()
        ).reducers.edit_message({ messageId, text: opts.text });
        ctx.out.result(
          { ok: true, seq: receipt.seq, id: messageId },
          ok(ctx, `edited message ${messageId}`),
        );
      },
    ),
    'spaces messages edit 12 --text "fixed typo"',
  );

  examples(
    act(
      messages
        .command('delete')
        .description('delete a message (yours, or as a higher rank)')
        .argument('<id>', 'message id'),
      async (ctx, _opts, [id]) => {
        const messageId = parseId('message id', id!);
        const receipt = await (await ctx.space()).reducers.delete_message({ messageId });
        ctx.out.result(
          { ok: true, seq: receipt.seq, id: messageId },
          ok(ctx, `deleted message ${messageId}`),
        );
      },
    ),
    'spaces messages delete 12',
  );
}
