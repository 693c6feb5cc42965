import type { Change } from '@spaces/client';
import type { Command } from 'commander';
import { toJson } from '../json.js';
import { inert } from '../inert.js';
import type { Colors } from '../output.js';
import { parseId } from '../parse.js';
import { chatLine, messageJson, placeholder } from '../render.js';
import { act, examples } from './shared.js';

/** Names of users and channels, kept current from the changes themselves. */
interface Names {
  users: Map<string, string>;
  channels: Map<bigint, string>;
}

/** `subscribe`: follow changes as they are committed, until interrupted. */
export function registerSubscribe(program: Command): void {
  examples(
    act<{ channel?: string; since?: string }>(
      program
        .command('subscribe')
        .description(
          'print changes as they happen (a chat-like stream, or one JSON object per line with --json)',
        )
        .option('--channel <channel>', 'only this channel (plus changes that belong to no channel)')
        .option(
          '--since <seq>',
          'first replay every change after this log sequence number (resume)',
        ),
      async (ctx, opts) => {
        const since = opts.since === undefined ? undefined : parseId('--since', opts.since);
        const channel = opts.channel === undefined ? undefined : await ctx.channel(opts.channel);
        const space = await ctx.space();
        const names: Names = {
          users: new Map(await ctx.names()),
          channels: new Map((await space.rows('channels')).map((c) => [c.id, c.name])),
        };
        let last = since ?? -1n;
        const sub = space.subscribe(
          {
            ...(channel ? { channelId: channel.id } : {}),
            ...(since !== undefined ? { since } : {}),
          },
          (change) => {
            // Commits arrive in seq order; anything older than what was printed is a repeat.
            if (change.seq < last) return;
            last = change.seq;
            // One change that cannot be shown is shown as a placeholder: the stream goes on.
            try {
              learn(names, change);
              if (ctx.out.json) ctx.out.jsonLine(changeJson(change, names));
              else {
                const line = describe(change, names, ctx.out.color, channel === undefined);
                if (line !== undefined) ctx.out.line(line);
              }
            } catch (error) {
              const what = `change ${change.seq} (${change.table} ${change.op})`;
              if (ctx.out.json) {
                ctx.out.jsonLine({
                  seq: change.seq,
                  table: change.table,
                  op: change.op,
                  unreadable: true,
                  error: error instanceof Error ? error.message.slice(0, 200) : String(error),
                });
              } else ctx.out.line(placeholder(what, error, ctx.out.color));
            }
          },
        );
        const stopped = untilInterrupted();
        await Promise.race([sub.ready, stopped]);
        if (!ctx.out.json && process.stderr.isTTY) {
          process.stderr.write(
            ctx.out.color.dim(
              `listening${channel ? ` on #${channel.name}` : ''} (Ctrl-C to stop)\n`,
            ),
          );
        }
        await stopped;
        sub.close();
        if (!ctx.out.json && process.stderr.isTTY && sub.seq > 0n) {
          process.stderr.write(
            ctx.out.color.dim(`stopped at seq ${sub.seq}: resume with --since ${sub.seq}\n`),
          );
        }
      },
    ),
    'spaces subscribe --channel agent-logs',
    'spaces subscribe --json --since 120 | jq .row.text',
  );
}

/** Resolves on Ctrl-C or SIGTERM: the normal way a subscription ends (exit status 0). */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function learn(names: Names, change: Change): void {
  if (change.table === 'users' && change.op !== 'delete')
    names.users.set(change.row.identity, change.row.name);
  if (change.table === 'channels') {
    if (change.op === 'delete') names.channels.delete(change.row.id);
    else names.channels.set(change.row.id, change.row.name);
  }
}

/** The `--json` line of one change: seq, table, op, the row (a message in its JSON form), and who. */
export function changeJson(change: Change, names: Names): Record<string, unknown> {
  const row =
    change.table === 'messages'
      ? messageJson(
          change.row,
          names.channels.get(change.row.channelId) ?? String(change.row.channelId),
          names.users,
          change.seq,
        )
      : toJson(change.row);
  return {
    seq: toJson(change.seq),
    table: change.table,
    op: change.op,
    row,
    ...(change.op === 'update' ? { old: toJson(change.old) } : {}),
    ...(change.reducer !== undefined ? { reducer: change.reducer } : {}),
    ...(change.sender !== undefined
      ? { sender: change.sender, senderName: names.users.get(change.sender) ?? null }
      : {}),
    ...(change.timestamp !== undefined ? { at: toJson(change.timestamp, 'committedAt') } : {}),
  };
}

/** One line for people, or undefined for changes not worth a line (receipts, event rows, …). */
export function describe(
  change: Change,
  names: Names,
  c: Colors,
  showChannel: boolean,
): string | undefined {
  // Every name, title and text here was written by a user: each is made inert.
  const who = (identity: string | undefined) =>
    identity === undefined ? 'someone' : inert(names.users.get(identity) ?? identity.slice(0, 12));
  const note = (text: string) => c.dim(`  * ${text}`);
  const chan = (id: bigint) => `#${inert(names.channels.get(id) ?? String(id))}`;
  switch (change.table) {
    case 'messages': {
      const m = messageJson(
        change.row,
        names.channels.get(change.row.channelId) ?? String(change.row.channelId),
        names.users,
        change.seq,
      );
      if (change.op === 'insert') return chatLine(m, c, showChannel);
      if (change.op === 'delete') return note(`message ${change.row.id} deleted`);
      return change.old.text !== change.row.text
        ? note(`${inert(m.senderName)} edited [${change.row.id}]: ${inert(change.row.text)}`)
        : undefined;
    }
    case 'reactions':
      return note(
        `${who(change.row.identity)} ${change.op === 'delete' ? 'removed' : 'reacted'} ${inert(change.row.emoji)} ${change.op === 'delete' ? 'from' : 'to'} [${change.row.messageId}]`,
      );
    case 'pins':
      return note(
        `${who(change.sender)} ${change.op === 'delete' ? 'unpinned' : 'pinned'} [${change.row.messageId}]`,
      );
    case 'topics':
      if (change.op === 'insert')
        return note(
          `${who(change.row.createdBy)} opened topic ${change.row.id} "${inert(change.row.title)}" in ${chan(change.row.channelId)}`,
        );
      if (change.op === 'update')
        return note(`topic ${change.row.id} "${inert(change.row.title)}" is ${change.row.status}`);
      return undefined;
    case 'members':
      return note(
        `${who(change.row.identity)} ${change.op === 'delete' ? 'left' : 'joined'} ${chan(change.row.channelId)}`,
      );
    case 'channels':
      return note(
        `${chan(change.row.id)} ${change.op === 'insert' ? `created (${inert(change.row.kind)})` : change.op === 'delete' ? 'deleted' : 'updated'}`,
      );
    case 'users':
      if (change.op === 'insert')
        return note(`${inert(change.row.name)} registered (${inert(change.row.kind)})`);
      if (change.op === 'update' && change.old.name !== change.row.name)
        return note(`${inert(change.old.name)} is now ${inert(change.row.name)}`);
      return undefined;
    case 'presence':
      if (
        change.op === 'update' &&
        (change.old.status !== change.row.status || change.old.statusText !== change.row.statusText)
      ) {
        return note(
          `${who(change.row.identity)} is ${inert(change.row.status)}${change.row.statusText ? `: ${inert(change.row.statusText)}` : ''}`,
        );
      }
      return undefined;
    case 'roles':
      if (change.op === 'update' && change.old.role !== change.row.role)
        return note(`${who(change.row.identity)} is now ${inert(change.row.role)}`);
      if (change.op === 'update' && change.old.banned !== change.row.banned)
        return note(`${who(change.row.identity)} was ${change.row.banned ? 'banned' : 'unbanned'}`);
      return undefined;
    default:
      return undefined;
  }
}
