import { CommanderError } from 'commander';
import { EXIT } from './exitCodes.js';
import type { Failure } from './failure.js';
import { failureLine, failureOf } from './failure.js';
import { stringify } from './json.js';
import type * as Client from '@spaces/client';
import type { HelpData } from './program.js';
import { buildProgram } from './program.js';

/** Help's data from the client: core's limits, and every reducer a client may call. */
function helpData(client: typeof Client): HelpData {
  const reducers = Object.values(client.reducers)
    .filter((r) => r.lifecycle === undefined)
    .map((r) => ({
      name: r.name,
      args: Object.entries(r.args as Record<string, { type: string; optional?: boolean }>)
        .map(([name, arg]) => `${name}${arg.optional ? '?' : ''}: ${arg.type}`)
        .join(', '),
      doc: r.doc,
    }));
  return { limits: client.LIMITS, reducers };
}

/** Runs the CLI on `argv` (without node and script) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  // Core's limits and reducers come with the client; it is loaded for help only, so other
  // commands start fast.
  const help =
    argv.length === 0 || argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
  const program = buildProgram(help ? helpData(await import('@spaces/client')) : undefined);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error, json);
    report(failureOf(error), json);
    return failureOf(error).exitCode;
  }
}

function commanderExit(error: CommanderError, json: boolean): number {
  // --help and --version print and succeed; a group without a subcommand printed its help.
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
    return EXIT.ok;
  if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
    return EXIT.usage;
  }
  const message = error.message.replace(/^error: /, '').replace(/\n/g, ' ');
  report({ class: 'usage', code: 'invalid_argument', message, exitCode: EXIT.usage }, json);
  return EXIT.usage;
}

function report(failure: Failure, json: boolean): void {
  process.stderr.write(
    (json
      ? stringify(
          { error: { class: failure.class, code: failure.code, message: failure.message } },
          false,
        )
      : failureLine(failure)) + '\n',
  );
}
