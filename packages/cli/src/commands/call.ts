import type { Command } from 'commander';
import { usage } from '../cliError.js';
import type { ReducerLine } from '../program.js';
import { act, examples, ok } from './shared.js';

/** `spaces call --help`'s list: every reducer, its arguments and what it does. */
function reducersHelp(reducers: readonly ReducerLine[]): string {
  const lines = reducers.map((r) => `  ${r.name}(${r.args})\n      ${r.doc}`);
  return `\nReducers (optional arguments marked ?; u64 and timestamp as decimal strings):\n${lines.join('\n')}\n`;
}

/** `call`: a raw reducer call by name, with JSON arguments. */
export function registerCall(program: Command, reducers?: readonly ReducerLine[]): void {
  examples(
    act(
      program
        .command('call')
        .description('call any reducer by name with JSON arguments (bigints as strings)')
        .argument('<reducer>', 'reducer name, e.g. send_message')
        .argument('[args]', 'JSON object of arguments', '{}')
        .addHelpText('after', reducers ? reducersHelp(reducers) : ''),
      async (ctx, _opts, [reducer, json]) => {
        let args: unknown;
        try {
          args = JSON.parse(json ?? '{}');
        } catch {
          throw usage(`arguments are not valid JSON: ${json}`);
        }
        const space = await ctx.space();
        const receipt = await space.call(reducer as never, args as never);
        ctx.out.result(
          { ok: true, seq: receipt.seq },
          ok(ctx, `${reducer} committed (seq ${receipt.seq})`),
        );
      },
    ),
    `spaces call send_message '{"channelId":"2","text":"hi"}'`,
  );
}
