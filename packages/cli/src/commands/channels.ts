import type { Command } from 'commander';
import { usage } from '../cliError.js';
import { isoOfMicros } from '../json.js';
import { inert } from '../inert.js';
import { parseChannelType } from '../parse.js';
import { act, channelCommand, channelFrom, examples, ok } from './shared.js';

const KIND_LABEL: Readonly<Record<string, string>> = { AgentLog: 'agent-log' };

/** `channels list|create|update|delete|join|leave|members|add-member|remove-member`. */
export function registerChannels(program: Command): void {
  const channels = program
    .command('channels')
    .description('channels: text, voice, announcement, agent-log');

  examples(
    act(channels.command('list').description('list channels'), async (ctx) => {
      const space = await ctx.space();
      const [rows, members] = await Promise.all([space.rows('channels'), space.rows('members')]);
      const count = new Map<bigint, number>();
      const mine = new Set<bigint>();
      for (const m of members) {
        count.set(m.channelId, (count.get(m.channelId) ?? 0) + 1);
        if (m.identity === space.identity) mine.add(m.channelId);
      }
      const list = rows
        .map((c) => ({ ...c, members: count.get(c.id) ?? 0, joined: mine.has(c.id) }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      const col = ctx.out.color;
      await ctx.out.list(
        list,
        [
          { head: 'ID', cell: (c) => String(c.id) },
          {
            head: 'NAME',
            cell: (c) => col.cyan(`#${c.name}`) + (c.private ? col.dim(' (private)') : ''),
          },
          { head: 'TYPE', cell: (c) => KIND_LABEL[c.kind] ?? c.kind.toLowerCase() },
          { head: 'MEMBERS', cell: (c) => String(c.members) + (c.joined ? ' (you)' : '') },
          { head: 'DESCRIPTION', cell: (c) => c.description },
        ],
        (c) => c,
        'no channels yet: run spaces init',
      );
    }),
    'spaces channels list',
    'spaces channels list --json',
  );

  examples(
    act<{ name: string; type: string; description?: string; private?: boolean }>(
      channels
        .command('create')
        .description('create a channel (Member and above); you join it')
        .requiredOption('--name <name>', 'lowercase letters, digits, _ . - (at most 100)')
        .option('--type <type>', 'text | voice | announcement | agent-log', 'text')
        .option('--description <text>', 'what the channel is for')
        .option('--private', 'only its members see it, read or post (whatever their rank)'),
      async (ctx, opts) => {
        const kind = parseChannelType(opts.type);
        const name = opts.name.replace(/^#/, '');
        const space = await ctx.space();
        const receipt = await space.reducers.create_channel({
          name,
          kind,
          description: opts.description,
          private: opts.private,
        });
        // The new row from the receipt; by name (never by id: `#` makes it a name) where the
        // engine returns no rows.
        const channel =
          (await ctx.client()).inserted(receipt, 'channels')[0] ??
          (await space.channel(`#${name}`));
        ctx.out.result(
          { ...channel, seq: receipt.seq },
          ok(
            ctx,
            `created ${ctx.out.color.cyan(`#${inert(name)}`)} (${KIND_LABEL[kind] ?? kind.toLowerCase()}, id ${channel?.id ?? '?'})`,
          ),
        );
      },
    ),
    'spaces channels create --name agent-logs --type agent-log',
    'spaces channels create --name ops --type text --private --description "on-call"',
  );

  examples(
    act<{
      channel?: string;
      name?: string;
      description?: string;
      private?: boolean;
      public?: boolean;
    }>(
      channels
        .command('update')
        .description(
          'rename a channel or change its description or privacy (Moderator+, or its creator)',
        )
        .argument('[channel]', 'channel name or id')
        .option('--channel <channel>', 'channel name or id (instead of the argument)')
        .option('--name <name>', 'new name')
        .option('--description <text>', 'new description')
        .option('--private', 'make it private')
        .option('--public', 'make it public'),
      async (ctx, opts, [arg]) => {
        if (opts.private && opts.public)
          throw usage('--private and --public contradict each other');
        if (
          opts.name === undefined &&
          opts.description === undefined &&
          !opts.private &&
          !opts.public
        ) {
          throw usage('nothing to change: give --name, --description, --private or --public');
        }
        const channel = await channelFrom(ctx, arg, opts.channel);
        const receipt = await (
          await ctx.space()
        ).reducers.update_channel({
          channelId: channel.id,
          name: opts.name?.replace(/^#/, ''),
          description: opts.description,
          private: opts.private ? true : opts.public ? false : undefined,
        });
        ctx.out.result(
          { ok: true, seq: receipt.seq, id: channel.id },
          ok(ctx, `updated #${opts.name ?? channel.name}`),
        );
      },
    ),
    'spaces channels update ops --description "incident room"',
    'spaces channels update --channel ops --name incidents --public',
  );

  examples(
    act<{ channel?: string }>(
      channelCommand(channels, 'delete', 'delete a channel and everything in it (Admin+)'),
      async (ctx, opts, [arg]) => {
        const channel = await channelFrom(ctx, arg, opts.channel);
        const receipt = await (
          await ctx.space()
        ).reducers.delete_channel({ channelId: channel.id });
        ctx.out.result(
          { ok: true, seq: receipt.seq, id: channel.id },
          ok(ctx, `deleted #${channel.name}`),
        );
      },
    ),
    'spaces channels delete ops',
  );

  for (const [verb, reducer, done, help] of [
    ['join', 'join_channel', 'joined', 'join a public channel'],
    ['leave', 'leave_channel', 'left', 'leave a channel'],
  ] as const) {
    examples(
      act<{ channel?: string }>(channelCommand(channels, verb, help), async (ctx, opts, [arg]) => {
        const channel = await channelFrom(ctx, arg, opts.channel);
        const receipt = await (await ctx.space()).call(reducer, { channelId: channel.id });
        ctx.out.result(
          { ok: true, seq: receipt.seq, channel: channel.name },
          ok(ctx, `${done} #${channel.name}`),
        );
      }),
      `spaces channels ${verb} agent-logs`,
    );
  }

  examples(
    act<{ channel?: string }>(
      channelCommand(channels, 'members', 'list a channel’s members'),
      async (ctx, opts, [arg]) => {
        const channel = await channelFrom(ctx, arg, opts.channel);
        const [rows, names] = await Promise.all([
          (await ctx.space()).members(channel.id),
          ctx.names(),
        ]);
        await ctx.out.list(
          rows,
          [
            { head: 'NAME', cell: (m) => names.get(m.identity) ?? m.identity.slice(0, 12) },
            { head: 'JOINED', cell: (m) => isoOfMicros(m.joinedAt) },
            { head: 'IDENTITY', cell: (m) => m.identity.slice(0, 12) },
          ],
          (m) => ({ ...m, name: names.get(m.identity), channel: channel.name }),
          `#${channel.name} has no members`,
        );
      },
    ),
    'spaces channels members agent-logs',
  );

  for (const [verb, reducer, done, help] of [
    [
      'add-member',
      'add_member',
      'added',
      'add a user to a channel you can see (Moderator+, or its creator; the way into a private one)',
    ],
    [
      'remove-member',
      'remove_member',
      'removed',
      'remove a user from a channel (Moderator+, ranked above them)',
    ],
  ] as const) {
    examples(
      act<{ channel?: string }>(
        channels
          .command(verb)
          .description(help)
          .argument('<channel>', 'channel name or id')
          .argument('<user>', 'user name or identity'),
        async (ctx, _opts, [arg, who]) => {
          const channel = await channelFrom(ctx, arg, undefined);
          const user = await ctx.user(who!);
          const receipt = await (
            await ctx.space()
          ).call(reducer, { channelId: channel.id, identity: user.identity });
          ctx.out.result(
            { ok: true, seq: receipt.seq },
            ok(
              ctx,
              `${done} ${user.name} ${verb === 'add-member' ? 'to' : 'from'} #${channel.name}`,
            ),
          );
        },
      ),
      `spaces channels ${verb} ops agent-a`,
    );
  }
}
