import type { Command } from 'commander';
import { inert } from '../inert.js';
import { isoOfMicros } from '../json.js';
import { parseId } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';

/** `topics create|list|resolve|reopen`: threads inside a channel. */
export function registerTopics(program: Command): void {
  const topics = program.command('topics').description('topics (threads) inside a channel');
  examples(
    act<{ channel: string; title: string }>(
      topics
        .command('create')
        .description('open a topic (title at most 60 characters)')
        .requiredOption('--channel <channel>', 'channel name or id')
        .requiredOption('--title <title>', 'the topic title'),
      async (ctx, opts) => {
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const space = await ctx.space();
        const receipt = await space.reducers.create_topic({
          channelId: channel.id,
          title: opts.title,
        });
        const [topic] = (await ctx.client()).inserted(receipt, 'topics');
        ctx.out.result(
          { ...topic, channel: channel.name, seq: receipt.seq },
          ok(ctx, `topic ${topic?.id ?? '?'} "${inert(opts.title)}" in #${channel.name}`),
        );
      },
    ),
    'spaces topics create --channel agent-logs --title "flaky test in ci"',
  );
  examples(
    act<{ channel: string }>(
      topics
        .command('list')
        .description('topics of a channel')
        .requiredOption('--channel <channel>', 'channel name or id'),
      async (ctx, opts) => {
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const [rows, names] = await Promise.all([
          (await ctx.space()).topics(channel.id),
          ctx.names(),
        ]);
        await ctx.out.list(
          rows,
          [
            { head: 'ID', cell: (t) => String(t.id) },
            { head: 'TITLE', cell: (t) => t.title },
            {
              head: 'STATUS',
              cell: (t) =>
                t.status === 'open' ? ctx.out.color.green('open') : ctx.out.color.dim(t.status),
            },
            { head: 'BY', cell: (t) => names.get(t.createdBy) ?? '' },
            { head: 'CREATED', cell: (t) => isoOfMicros(t.createdAt) },
          ],
          (t) => ({ ...t, channel: channel.name }),
          `no topics in #${channel.name}`,
        );
      },
    ),
    'spaces topics list --channel agent-logs',
  );
  for (const [verb, reducer, done] of [
    ['resolve', 'resolve_topic', 'resolved'],
    ['reopen', 'reopen_topic', 'reopened'],
  ] as const) {
    examples(
      act(
        topics
          .command(verb)
          .description(`${verb} a topic (its creator, or Moderator+)`)
          .argument('<id>', 'topic id'),
        async (ctx, _opts, [id]) => {
          const topicId = parseId('topic id', id!);
          const receipt = await (await ctx.space()).call(reducer, { topicId });
          ctx.out.result(
            { ok: true, seq: receipt.seq, topicId },
            ok(ctx, `${done} topic ${topicId}`),
          );
        },
      ),
      `spaces topics ${verb} 3`,
    );
  }
}
