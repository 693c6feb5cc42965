import type { Command } from 'commander';
import { usage } from '../cliError.js';
import type { Ctx } from '../context.js';
import { createCtx } from '../context.js';
import { globalsOf } from '../globalOptions.js';
import { createOutput } from '../output.js';
import type { Channel } from '../types.js';

/** A command body: the run's context, the command's own options, and its positional arguments. */
export type Action<O = Record<string, string | boolean | undefined>> = (
  ctx: Ctx,
  opts: O,
  args: string[],
) => Promise<void>;

/** Attaches an action that gets a fresh context and always closes the space it opened. */
export function act<O>(cmd: Command, fn: Action<O>): Command {
  return cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const globals = globalsOf(command);
    const ctx = createCtx(globals, createOutput(globals.json === true));
    try {
      await fn(ctx, command.opts() as O, command.args.slice(0, command.registeredArguments.length));
    } finally {
      await ctx.close();
    }
  });
}

/** Adds an "Examples:" section to a command's --help. */
export function examples(cmd: Command, ...lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** A subcommand naming its channel by position or by `--channel` (read it with channelFrom). */
export function channelCommand(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('[channel]', 'channel name or id')
    .option('--channel <channel>', 'channel name or id');
}

/** The channel named by a positional argument or `--channel`; one of them is required. */
export async function channelFrom(
  ctx: Ctx,
  positional: string | undefined,
  option: string | undefined,
): Promise<Channel> {
  const key = positional ?? option;
  if (key === undefined) throw usage('which channel? give its name or id (e.g. agent-logs)');
  return ctx.channel(key);
}

/** What an `install` command did to a settings file: `--json` facts, or a line and the diff. */
export function reportInstall(
  ctx: Ctx,
  what: string,
  result: { path: string; changed: boolean; written: boolean; diff: string },
): void {
  const verb = !result.changed
    ? 'already installed'
    : result.written
      ? 'installed'
      : 'would change';
  const { path, changed, written, diff } = result;
  ctx.out.result({ path, changed, written, diff }, `${ok(ctx, `${what} ${verb}`)}\n${diff}`);
}

/** The green tick that starts a confirmation line. */
export function ok(ctx: Ctx, text: string): string {
  return `${ctx.out.color.green('✓')} ${text}`;
}

/** Keeps only the defined fields: arguments under exactOptionalPropertyTypes. */
export function defined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
