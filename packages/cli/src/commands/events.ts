import type { Command } from 'commander';
import type { ClientModule } from '../context.js';
import { isoOfMicros } from '../json.js';
import { parseCount, parseJsonObject } from '../parse.js';
import { act, channelFrom, defined, examples, ok } from './shared.js';
import { truncate } from './truncate.js';

/** `events emit|list`: structured agent events. */
export function registerEvents(program: Command): void {
  const events = program
    .command('events')
    .description('structured agent events (kind@version + JSON payload)');
  examples(
    act<{ channel: string; kind: string; payload: string; text?: string }>(
      events
        .command('emit')
        .description('emit an event; it also posts an AgentEvent message')
        .requiredOption('--channel <channel>', 'channel name or id')
        .requiredOption('--kind <kind>', 'e.g. task.completed@1')
        .option('--payload <json>', 'a JSON object', '{}')
        .option('--text <text>', 'the message shown (default: the kind)'),
      async (ctx, opts) => {
        const payload = parseJsonObject('--payload', opts.payload);
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const receipt = await (
          await ctx.space()
        ).reducers.emit_event({
          channelId: channel.id,
          kind: opts.kind,
          payload,
          text: opts.text,
        });
        ctx.out.result(
          { ok: true, seq: receipt.seq, channel: channel.name, kind: opts.kind },
          ok(ctx, `emitted ${opts.kind} in #${channel.name}`),
        );
      },
    ),
    `spaces events emit --channel agent-logs --kind task.completed@1 --payload '{"task":"#42","summary":"done"}'`,
  );
  examples(
    act<{ channel?: string; kind?: string; limit: string }>(
      events
        .command('list')
        .description('recent events')
        .option('--channel <channel>', 'only this channel')
        .option('--kind <kind>', 'only this kind')
        .option('--limit <n>', 'how many (at most 1000)', '50'),
      async (ctx, opts) => {
        const limit = parseCount('--limit', opts.limit, 1000);
        const channel =
          opts.channel === undefined ? undefined : await channelFrom(ctx, undefined, opts.channel);
        const space = await ctx.space();
        const [rows, names, channels] = await Promise.all([
          space.events(defined({ channelId: channel?.id, kind: opts.kind, limit })),
          ctx.names(),
          space.rows('channels'),
        ]);
        const channelName = new Map(channels.map((c) => [c.id, c.name]));
        const client = await ctx.client();
        await ctx.out.list(
          rows,
          [
            { head: 'ID', cell: (e) => String(e.id) },
            { head: 'WHEN', cell: (e) => isoOfMicros(e.emittedAt) },
            { head: 'CHANNEL', cell: (e) => `#${channelName.get(e.channelId) ?? e.channelId}` },
            { head: 'BY', cell: (e) => names.get(e.sender) ?? e.sender.slice(0, 12) },
            { head: 'KIND', cell: (e) => e.kind },
            { head: 'PAYLOAD', cell: (e) => truncate(e.payload, 60) },
          ],
          (e) => ({
            ...e,
            payload: payloadOf(e.payload, client),
            channel: channelName.get(e.channelId),
            senderName: names.get(e.sender),
          }),
          'no events',
        );
      },
    ),
    'spaces events list --channel agent-logs --kind task.completed@1 --json',
  );
}

/**
 * A stored payload as JSON; its text as it is when it does not parse or nests deeper than core
 * allows (a store written before the limit), so no reader walks a 3,000-level tree.
 */
function payloadOf(
  text: string,
  { nestingOf, PAYLOAD_DEPTH_MAX }: Pick<ClientModule, 'nestingOf' | 'PAYLOAD_DEPTH_MAX'>,
): unknown {
  if (nestingOf(text) > PAYLOAD_DEPTH_MAX) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
