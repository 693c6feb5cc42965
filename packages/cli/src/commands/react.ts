import type { Command } from 'commander';
import { parseId } from '../parse.js';
import { act, examples, ok } from './shared.js';

/** `react add|remove`: emoji reactions on messages. */
export function registerReact(program: Command): void {
  const react = program.command('react').description('emoji reactions on messages');
  for (const [verb, reducer, done] of [
    ['add', 'add_reaction', 'reacted'],
    ['remove', 'remove_reaction', 'removed reaction'],
  ] as const) {
    examples(
      act(
        react
          .command(verb)
          .description(`${verb} a reaction`)
          .argument('<message>', 'message id')
          .argument('<emoji>', 'the emoji'),
        async (ctx, _opts, [id, emoji]) => {
          const messageId = parseId('message id', id!);
          const receipt = await (await ctx.space()).call(reducer, { messageId, emoji: emoji! });
          ctx.out.result(
            { ok: true, seq: receipt.seq, messageId, emoji },
            ok(ctx, `${done} ${emoji} on message ${messageId}`),
          );
        },
      ),
      `spaces react ${verb} 12 👍`,
    );
  }
}
