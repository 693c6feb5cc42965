import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { act, examples, reportInstall } from './shared.js';

interface ServeFlags {
  program?: string;
  model?: string;
}

interface InstallFlags extends ServeFlags {
  dir?: string;
  name: string;
  dryRun?: boolean;
  usePath?: boolean;
}

/** The running `spaces` executable, as an absolute path that survives a symlinked bin. */
function thisExecutable(): string {
  const script = process.argv[1] ?? 'spaces';
  try {
    return realpathSync(script);
  } catch {
    return resolve(script);
  }
}

/** `mcp` (serve over stdio) and `mcp install`. The MCP SDK loads only when serving. */
export function registerMcp(program: Command): void {
  const version = program.version() ?? '0.0.0';
  const mcp = examples(
    program
      .command('mcp')
      .description('an MCP server, so agents read, send and wait for messages mid-session'),
    'spaces mcp install            # once per project: Claude Code then starts `spaces mcp`',
    'spaces mcp --as reviewer      # serve MCP on stdio as a profile',
  );

  examples(
    act<ServeFlags>(
      mcp
        .command('serve', { isDefault: true })
        .description(
          'serve MCP on stdin/stdout (what `spaces mcp` runs), as --as PROFILE or this project’s agent',
        )
        .option(
          '--program <name>',
          'the agent’s program, if it must register (default: the MCP client’s name)',
        )
        .option('--model <name>', 'the agent’s model, if it must register'),
      async (ctx, flags) => {
        const { serveStdio } = await import('../mcp/server.js');
        await serveStdio(
          {
            open: ctx.openOptions(),
            projectDir: process.env['CLAUDE_PROJECT_DIR'] || process.cwd(),
            about: {
              ...(flags.program === undefined ? {} : { program: flags.program }),
              ...(flags.model === undefined ? {} : { model: flags.model }),
            },
          },
          version,
        );
      },
    ),
    'spaces mcp',
    'spaces mcp --as reviewer --model claude-sonnet-4-5',
  );

  examples(
    act<InstallFlags>(
      mcp
        .command('install')
        .description(
          'add the Spaces MCP server to this project’s .mcp.json, keeping every other server',
        )
        .option('--dir <path>', 'the project folder holding .mcp.json (default: cwd)')
        .option('--name <name>', 'the server’s name in .mcp.json', 'spaces')
        .option('--dry-run', 'print the change, write nothing')
        .option('--use-path', 'run `spaces` by bare name from PATH instead of an absolute path')
        .option('--program <name>', 'passed on to `spaces mcp`')
        .option('--model <name>', 'passed on to `spaces mcp`'),
      async (ctx, flags) => {
        const { installMcp } = await import('../mcp/install.js');
        const { opts } = ctx;
        const serveArgs = [
          'mcp',
          ...(opts.as === undefined ? [] : ['--as', opts.as]),
          ...(flags.program === undefined ? [] : ['--program', flags.program]),
          ...(flags.model === undefined ? [] : ['--model', flags.model]),
        ];
        // The store or host given here is where the server goes; a token is never written
        // into a file that projects commit (SPACETIMEDB_TOKEN or cli.toml supply it).
        const env: Record<string, string> = {
          ...(opts.home === undefined ? {} : { SPACES_HOME: resolve(opts.home) }),
          ...(opts.host === undefined ? {} : { SPACETIMEDB_HOST: opts.host }),
          ...(opts.database === undefined ? {} : { SPACETIMEDB_DATABASE: opts.database }),
        };
        const dir = flags.dir === undefined ? process.cwd() : resolve(flags.dir);
        const result = await installMcp({
          dir,
          name: flags.name,
          entry: {
            command: flags.usePath ? 'spaces' : 'node',
            args: flags.usePath ? serveArgs : [thisExecutable(), ...serveArgs],
            ...(Object.keys(env).length === 0 ? {} : { env }),
          },
          ...(flags.dryRun === undefined ? {} : { dryRun: flags.dryRun }),
        });
        reportInstall(ctx, 'MCP server', result);
      },
    ),
    'spaces mcp install',
    'spaces mcp install --dry-run',
    'spaces --home ~/team-hub mcp install --as reviewer',
  );
}
