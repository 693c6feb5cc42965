import type { Command } from 'commander';
import type { ReducerLine } from '../program.js';
import { CliError, usage } from '../cliError.js';
import { act, examples, ok } from './shared.js';

/** `spaces call --help`'s list: every reducer, its arguments and what it does. */
function reducersHelp(reducers: readonly ReducerLine[]): string {
  const lines = reducers.map((r) => `  ${r.name}(${r.args})\n      ${r.doc}`);
  return `\nReducers (optional arguments marked ?; u64 and timestamp as decimal strings):\n${lines.join('\n')}\n`;
}

/** `log verify|replay` and `call`: the event log, and a raw reducer call. */
export function registerLog(program: Command, reducers?: readonly ReducerLine[]): void {
  const log = program.command('log').description('the embedded store’s append-only log of calls');
  examples(
    act(
      log
        .command('verify')
        .description('replay the log into a scratch store and compare every table'),
      async (ctx) => {
        const space = await ctx.space();
        const progress = ctx.out.progress('verifying');
        const report = await space
          .verify((done, total) => progress.update(done, total))
          .finally(() => progress.done());
        if (!report.ok) {
          const diffs = Object.entries(report.differences).map(([t, d]) => `${t}: ${String(d)}`);
          if (ctx.out.json) ctx.out.result(report, '');
          throw new CliError(
            'log_mismatch',
            `replaying ${report.calls} calls does not reproduce the tables (${diffs.join('; ')})`,
            'internal',
          );
        }
        ctx.out.result(
          report,
          ok(ctx, `log verified: replaying ${report.calls} calls reproduces every table`),
        );
      },
    ),
    'spaces log verify',
  );
  examples(
    act(log.command('replay').description('rebuild the tables from the log'), async (ctx) => {
      const space = await ctx.space();
      const progress = ctx.out.progress('replaying');
      await space
        .replay((done, total) => progress.update(done, total))
        .finally(() => progress.done());
      ctx.out.result({ ok: true }, ok(ctx, 'tables rebuilt from the log'));
    }),
    'spaces log replay',
  );

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
