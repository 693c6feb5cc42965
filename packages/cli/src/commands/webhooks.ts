import type { Command } from 'commander';
import { inert } from '../inert.js';
import { isoOfMicros } from '../json.js';
import { parseId } from '../parse.js';
import { act, channelFrom, examples, ok } from './shared.js';

/** `webhooks create|list|delete|execute`: incoming webhooks. */
export function registerWebhooks(program: Command): void {
  const webhooks = program.command('webhooks').description('incoming webhooks (Admin+ to manage)');
  examples(
    act<{ channel: string; name: string }>(
      webhooks
        .command('create')
        .description('create a webhook; its token is printed once and only its SHA-256 is stored')
        .requiredOption('--channel <channel>', 'channel name or id')
        .requiredOption('--name <name>', 'webhook name (at most 32 characters)'),
      async (ctx, opts) => {
        const channel = await channelFrom(ctx, undefined, opts.channel);
        const space = await ctx.space();
        const c = await ctx.client();
        const { token, id, receipt } = await c.createWebhook(space, {
          channelId: channel.id,
          name: opts.name,
        });
        ctx.out.result(
          { id, name: opts.name, channel: channel.name, token, seq: receipt.seq },
          ok(
            ctx,
            `webhook ${id ?? '?'} "${inert(opts.name)}" for #${channel.name}\n  token (shown once): ${token}\n  post: spaces webhooks execute --id ${id ?? '?'} --token ${token} --text "…"`,
          ),
        );
      },
    ),
    'spaces webhooks create --channel alerts --name ci',
  );
  examples(
    act(webhooks.command('list').description('list webhooks'), async (ctx) => {
      const space = await ctx.space();
      const [rows, channels, names] = await Promise.all([
        space.webhooks(),
        space.rows('channels'),
        ctx.names(),
      ]);
      const channelName = new Map(channels.map((c) => [c.id, c.name]));
      await ctx.out.list(
        rows,
        [
          { head: 'ID', cell: (w) => String(w.id) },
          { head: 'NAME', cell: (w) => w.name },
          { head: 'CHANNEL', cell: (w) => `#${channelName.get(w.channelId) ?? w.channelId}` },
          { head: 'BY', cell: (w) => names.get(w.createdBy) ?? '' },
          { head: 'CREATED', cell: (w) => isoOfMicros(w.createdAt) },
        ],
        // The client never returns token hashes.
        (w) => ({ ...w, channel: channelName.get(w.channelId) }),
        'no webhooks',
      );
    }),
    'spaces webhooks list',
  );
  examples(
    act(
      webhooks.command('delete').description('delete a webhook').argument('<id>', 'webhook id'),
      async (ctx, _opts, [id]) => {
        const webhookId = parseId('webhook id', id!);
        const receipt = await (await ctx.space()).reducers.delete_webhook({ webhookId });
        ctx.out.result(
          { ok: true, seq: receipt.seq, id: webhookId },
          ok(ctx, `deleted webhook ${webhookId}`),
        );
      },
    ),
    'spaces webhooks delete 2',
  );
  examples(
    act<{ id: string; token: string; text: string }>(
      webhooks
        .command('execute')
        .description('post to a webhook’s channel with its token')
        .requiredOption('--id <id>', 'webhook id')
        .requiredOption('--token <token>', 'the token printed at create')
        .requiredOption('--text <text>', 'the message'),
      async (ctx, opts) => {
        const webhookId = parseId('--id', opts.id);
        const receipt = await (
          await ctx.space()
        ).reducers.execute_webhook({ webhookId, token: opts.token, text: opts.text });
        ctx.out.result({ ok: true, seq: receipt.seq }, ok(ctx, `posted via webhook ${webhookId}`));
      },
    ),
    'spaces webhooks execute --id 2 --token "$TOKEN" --text "deploy finished"',
  );
}
