import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { act, examples, reportInstall } from './shared.js';

interface InstallFlags {
  user?: boolean;
  dir?: string;
  dryRun?: boolean;
  usePath?: boolean;
}

/**
 * The commands that run our hooks: `node <absolute bin>` of the installed @spaces/hooks, so they
 * work whether or not its bins are on PATH. Undefined when the package cannot be found.
 */
export function installedHookCommands(): { stop: string; sessionStart: string } | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@spaces/hooks');
    const root = dirname(dirname(entry)); // <pkg>/dist/index.js -> <pkg>
    const bin = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        bin: Record<string, string>;
      }
    ).bin;
    const command = (name: string) => `node ${JSON.stringify(join(root, bin[name]!))}`;
    return {
      stop: command('spaces-session-hook'),
      sessionStart: command('spaces-context-hook'),
    };
  } catch {
    return undefined;
  }
}

/** `hooks install`: adds the Stop and SessionStart hooks to a Claude Code settings file. */
export function registerHooks(program: Command): void {
  const hooks = program
    .command('hooks')
    .description('Claude Code hooks: session summaries out, peers in');
  examples(
    act<InstallFlags>(
      hooks
        .command('install')
        .description(
          'add spaces-session-hook (Stop) and spaces-context-hook (SessionStart) to .claude/settings.json, keeping every other setting',
        )
        .option('--user', 'install into ~/.claude/settings.json instead of the project’s')
        .option('--dir <path>', 'the project (or home) folder holding .claude (default: cwd or ~)')
        .option('--dry-run', 'print the change, write nothing')
        .option('--use-path', 'run the hooks by bare name from PATH instead of an absolute path'),
      async (ctx, flags) => {
        const { installHooks } = await import('@spaces/hooks');
        const commands = flags.usePath ? undefined : installedHookCommands();
        const result = await installHooks({
          scope: flags.user ? 'user' : 'project',
          ...(flags.dir !== undefined && { dir: flags.dir }),
          ...(flags.dryRun !== undefined && { dryRun: flags.dryRun }),
          ...(commands !== undefined && { commands }),
        });
        reportInstall(ctx, 'hooks', result);
      },
    ),
    'spaces hooks install',
    'spaces hooks install --user --dry-run',
  );
}
