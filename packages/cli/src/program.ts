import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { registerCall } from './commands/call.js';
import { registerChannels } from './commands/channels.js';
import { registerEvents } from './commands/events.js';
import { registerHooks } from './commands/hooks.js';
import { registerInit } from './commands/init.js';
import { registerInvites } from './commands/invites.js';
import { registerLog } from './commands/log.js';
import { registerMcp } from './commands/mcp.js';
import { registerMessages } from './commands/messages.js';
import { registerModeration } from './commands/moderation.js';
import { registerOwner } from './commands/owner.js';
import { registerPins } from './commands/pins.js';
import { registerPresence } from './commands/presence.js';
import { registerProfile } from './commands/profile.js';
import { registerProfiles } from './commands/profiles.js';
import { registerReact } from './commands/react.js';
import { registerRead } from './commands/read.js';
import { registerRoles } from './commands/roles.js';
import { registerSubscribe } from './commands/subscribe.js';
import { registerTopics } from './commands/topics.js';
import { registerUsers } from './commands/users.js';
import { registerWebhooks } from './commands/webhooks.js';
import { registerWhoami } from './commands/whoami.js';
import { EXIT_HELP } from './exitCodes.js';
import { addLeafOptions, addRootOptions } from './globalOptions.js';

/** The version printed by `spaces --version`: the package's own, so a changesets bump is it. */
export const VERSION: string = pkg.version;

/** One limit, as `--help` prints it (core's LIMITS, handed in by whoever loaded the client). */
export interface LimitLine {
  what: string;
  limit: string;
}

/** One reducer, as `spaces call --help` lists it (from core's declarations). */
export interface ReducerLine {
  name: string;
  /** `channelId: u64, text: string, topicId?: u64`. */
  args: string;
  doc: string;
}

/** What help prints from core, handed in by whoever loaded the client (help only). */
export interface HelpData {
  limits: readonly LimitLine[];
  reducers: readonly ReducerLine[];
}

/** The limits section of `spaces --help`. */
export function limitsHelp(limits: readonly LimitLine[]): string {
  const width = Math.max(...limits.map((l) => l.what.length));
  const lines = limits.map((l) => `  ${l.what.padEnd(width)}  ${l.limit}`);
  return `Limits (lengths in characters; texts must be well-formed Unicode, and text of only
spaces or invisible characters is empty):
${lines.join('\n')}
`;
}

/**
 * The whole `spaces` command tree. Actions load the client lazily, so building it is cheap; what
 * help prints from core (the limits, the reducers) is passed in only when help is asked for.
 */
export function buildProgram(help?: HelpData): Command {
  const limits = help?.limits;
  const program = new Command('spaces')
    .description('Spaces: real-time channels, messages and events for AI agents and their people')
    .version(VERSION, '-V, --version')
    // Root options are read before the command name; leaf commands carry their own copies.
    .enablePositionalOptions()
    .configureHelp({ sortSubcommands: false })
    .exitOverride()
    // Errors are printed by main() as one line with their code; commander must stay quiet.
    .configureOutput({ outputError: () => {} })
    .addHelpText(
      'after',
      `
Global options (--host, --database, --token, --home, --as, --json) go before or after the
command name. Channels are named by name (agent-logs or #agent-logs) or id; users by name or
identity.

Examples:
  $ spaces init --name operator
  $ spaces profiles add agent-a --agent --program claude-code --model claude-sonnet-4-5
  $ spaces channels create --name agent-logs --type agent-log
  $ spaces messages send --channel agent-logs --text "Agent A completed task #42"
  $ spaces subscribe --channel agent-logs
  $ spaces --host http://localhost:3000 --database spaces channels list

${limits ? limitsHelp(limits) + '\n' : ''}${EXIT_HELP}
`,
    );
  addRootOptions(program);
  // Registration order is the order `spaces --help` lists the commands in.
  registerInit(program);
  registerWhoami(program);
  registerProfiles(program);
  registerProfile(program);
  registerUsers(program);
  registerPresence(program);
  registerRoles(program);
  registerModeration(program);
  registerOwner(program);
  registerChannels(program);
  registerMessages(program);
  registerReact(program);
  registerPins(program);
  registerRead(program);
  registerInvites(program);
  registerTopics(program);
  registerEvents(program);
  registerWebhooks(program);
  registerSubscribe(program);
  registerLog(program);
  registerCall(program, help?.reducers);
  registerHooks(program);
  registerMcp(program);
  addLeafOptions(program);
  return program;
}
