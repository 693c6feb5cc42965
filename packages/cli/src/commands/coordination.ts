import type { Command } from 'commander';
import type { ClientModule } from '../context.js';
import { isoOfMicros } from '../json.js';
import { parseCount, parseId, parseJsonObject, parseRole, parseUntil } from '../parse.js';
import { act, channelFrom, defined, examples, ok } from './shared.js';
import { truncate } from './messages.js';
import { inert } from '../inert.js';

/** `invites`, `topics`, `events` and `webhooks`. */
export function registerCoordination(program: Command): void {
  registerInvites(program);
  registerTopics(program);
  registerEvents(program);
  registerWebhooks(program);
}

function registerInvites(program: Command): void {
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
        const role = opts.role === undefined ? undefined : parseRole(opts.role);
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

function registerTopics(program: Command): void {
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

function registerEvents(program: Command): void {
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

function registerWebhooks(program: Command): void {
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
