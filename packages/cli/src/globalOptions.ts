import { Option } from 'commander';
import type { Command } from 'commander';
import type { GlobalOptions } from './context.js';

/** The options every command accepts, before or after the command's name. */
const GLOBAL_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['--host <url>', 'SpacetimeDB host (default: $SPACETIMEDB_HOST; none = embedded store)'],
  ['--database <name>', 'SpacetimeDB database (default: $SPACETIMEDB_DATABASE, else spaces)'],
  ['--token <token>', 'SpacetimeDB token (default: $SPACETIMEDB_TOKEN, else spacetime cli.toml)'],
  ['--home <dir>', 'embedded store folder (default: $SPACES_HOME, else your data dir)'],
  ['--as <profile>', 'act as this local profile (default: the current one)'],
  ['--json', 'print machine-readable JSON'],
];

// The copies added to leaf commands, told apart from a leaf's own option of the same name.
const copies = new WeakSet<Option>();

/** Declares the global options on the root command. */
export function addRootOptions(program: Command): Command {
  for (const [flags, description] of GLOBAL_OPTIONS)
    program.addOption(new Option(flags, description));
  return program;
}

/**
 * Copies the global options onto every leaf command, so they work after the command's name too
 * (`spaces messages send --json`). A leaf's own option wins: `webhooks execute --token` is the
 * webhook's token, and the SpacetimeDB token then goes before the command name.
 */
export function addLeafOptions(command: Command): void {
  if (command.commands.length > 0) {
    for (const sub of command.commands) addLeafOptions(sub);
    return;
  }
  for (const [flags, description] of GLOBAL_OPTIONS) {
    const option = new Option(flags, description);
    if (command.options.some((o) => o.long === option.long)) continue;
    copies.add(option);
    command.addOption(option);
  }
}

/** The global options of a run: the root's, overridden by those given after the command name. */
export function globalsOf(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  const globals = { ...root.opts() } as Record<string, unknown>;
  for (const option of command.options) {
    if (!copies.has(option)) continue;
    const value: unknown = command.getOptionValue(option.attributeName());
    if (value !== undefined) globals[option.attributeName()] = value;
  }
  return globals as GlobalOptions;
}
