import type { Command } from 'commander';
import { isoOfMicros } from '../json.js';
import { parsePresence } from '../parse.js';
import { act, examples, ok } from './shared.js';

/** `presence set|list`: online, idle, dnd or offline. */
export function registerPresence(program: Command): void {
  const presence = program.command('presence').description('online, idle, dnd or offline');
  examples(
    act<{ status?: string }>(
      presence
        .command('set')
        .description('set your presence')
        .argument('<state>', 'online | idle | dnd | offline')
        .option('--status <text>', 'a status text (at most 128 characters)'),
      async (ctx, opts, [state]) => {
        const status = parsePresence(state!);
        const receipt = await (
          await ctx.space()
        ).reducers.set_presence({ status, statusText: opts.status });
        ctx.out.result({ ok: true, seq: receipt.seq, status }, ok(ctx, `presence: ${status}`));
      },
    ),
    'spaces presence set dnd --status "deep in a refactor"',
  );
  examples(
    act(presence.command('list').description('everyone’s presence'), async (ctx) => {
      const space = await ctx.space();
      const names = await ctx.names();
      const rows = await space.rows('presence');
      await ctx.out.list(
        rows,
        [
          { head: 'NAME', cell: (p) => names.get(p.identity) ?? p.identity.slice(0, 12) },
          { head: 'STATUS', cell: (p) => p.status },
          { head: 'TEXT', cell: (p) => p.statusText },
          { head: 'LAST SEEN', cell: (p) => isoOfMicros(p.lastSeen) },
        ],
        (p) => ({ ...p, name: names.get(p.identity) }),
        'nobody yet',
      );
    }),
    'spaces presence list',
  );
}
