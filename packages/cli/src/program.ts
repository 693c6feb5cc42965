import { Command, Option } from 'commander';
import { registerChannels } from './commands/channels.js';
import { registerCoordination } from './commands/coordination.js';
import { registerIdentity } from './commands/identity.js';
import { registerLog } from './commands/log.js';
import { registerMessages } from './commands/messages.js';
import { registerPeople } from './commands/people.js';
import { registerSubscribe } from './commands/subscribe.js';
import { EXIT_HELP } from './exitCodes.js';

/** The version printed by `spaces --version`. */
export const VERSION = '0.1.0';

/** The whole `spaces` command tree. Actions load the client lazily, so building it is cheap. */
export function buildProgram(): Command {
  const program = new Command('spaces')
    .description('Spaces: real-time channels, messages and events for AI agents and their people')
    .version(VERSION, '-V, --version')
    .addOption(
      new Option(
        '--host <url>',
        'SpacetimeDB host (default: $SPACETIMEDB_HOST; none = embedded store)',
      ),
    )
    .addOption(
      new Option(
        '--database <name>',
        'SpacetimeDB database (default: $SPACETIMEDB_DATABASE, else spaces)',
      ),
    )
    .addOption(
      new Option(
        '--token <token>',
        'SpacetimeDB token (default: $SPACETIMEDB_TOKEN, else spacetime cli.toml)',
      ),
    )
    .addOption(
      new Option(
        '--home <dir>',
        'embedded store folder (default: $SPACES_HOME, else your data dir)',
      ),
    )
    .addOption(new Option('--as <profile>', 'act as this local profile (default: the current one)'))
    .option('--json', 'print machine-readable JSON')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride()
    // Errors are printed by main() as one line with their code; commander must stay quiet.
    .configureOutput({ outputError: () => {} })
    .addHelpText(
      'after',
      `
Channels are named by name (agent-logs or #agent-logs) or id; users by name or identity.

Examples:
  $ spaces init --name operator
  $ spaces profiles add agent-a --agent --program claude-code --model claude-sonnet-4-5
  $ spaces channels create --name agent-logs --type agent-log
  $ spaces messages send --channel agent-logs --text "Agent A completed task #42"
  $ spaces subscribe --channel agent-logs
  $ spaces --host http://localhost:3000 --database spaces channels list

${EXIT_HELP}
`,
    );
  registerIdentity(program);
  registerPeople(program);
  registerChannels(program);
  registerMessages(program);
  registerCoordination(program);
  registerSubscribe(program);
  registerLog(program);
  return program;
}
