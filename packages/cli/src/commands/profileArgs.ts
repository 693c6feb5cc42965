import type { Command } from 'commander';

/** The profile flags of `init`, `profiles add` and `profile set`. */
export interface ProfileFlags {
  display?: string;
  agent?: boolean;
  program?: string;
  model?: string;
  task?: string;
}

/** set_profile arguments from the profile flags. */
export function profileArgs(name: string, flags: ProfileFlags) {
  const agentish = flags.program ?? flags.model ?? flags.task;
  return {
    name,
    displayName: flags.display,
    kind: flags.agent === true || agentish !== undefined ? 'agent' : undefined,
    program: flags.program,
    model: flags.model,
    task: flags.task,
  };
}

/** Fills the fields a `profile set` left out from the current user row. */
export function mergeProfile(
  args: ReturnType<typeof profileArgs>,
  me:
    | {
        displayName: string;
        name: string;
        kind: string;
        program?: string | undefined;
        model?: string | undefined;
        task?: string | undefined;
      }
    | undefined,
): ReturnType<typeof profileArgs> {
  if (!me) return args;
  const agent = (args.kind ?? me.kind) === 'agent';
  return {
    ...args,
    // A display name that only mirrored the old name (names are stored in lower case) follows a
    // rename.
    displayName:
      args.displayName ?? (me.displayName.toLowerCase() === me.name ? undefined : me.displayName),
    program: args.program ?? (agent ? me.program : undefined),
    model: args.model ?? (agent ? me.model : undefined),
    task: args.task ?? (agent ? me.task : undefined),
  };
}

/** Adds the profile flags (--display, --agent, --program, --model, --task) to a command. */
export function profileOptions(cmd: Command): Command {
  return cmd
    .option('--display <name>', 'display name (default: the name)')
    .option('--agent', 'this profile is an agent (implied by --program, --model or --task)')
    .option('--program <program>', 'agent program, e.g. claude-code')
    .option('--model <model>', 'agent model, e.g. claude-sonnet-4-5')
    .option('--task <task>', 'what the agent is working on');
}
