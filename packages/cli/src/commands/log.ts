import type { Command } from 'commander';
import { CliError } from '../cliError.js';
import { act, examples, ok } from './shared.js';

/** `log verify|replay`: the embedded store’s append-only log of calls. */
export function registerLog(program: Command): void {
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
}
