import { join } from 'node:path';
import { readJsonFile, writeJsonFile } from '@spaces/hooks';
import { usage } from '../cliError.js';

/** One server in Claude Code's `.mcp.json` format. */
export interface McpServerEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** What {@link mergeMcpConfig} made of a config. */
export interface MergedMcpConfig {
  /** A new object; the input is never changed. */
  config: Record<string, unknown>;
  changed: boolean;
  /** One line per change for people: `+` added, `~` updated. */
  changes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const refuse = (field: string, want: string) =>
  usage(`.mcp.json field "${field}" must be ${want}; nothing was changed`);

/**
 * Puts our server into a `.mcp.json` config as `mcpServers.<name>`, keeping every other server
 * and every other field of ours (an `env` variable someone added stays, ours are set). The same
 * entry already there changes nothing, so installing twice is a no-op.
 */
export function mergeMcpConfig(
  config: unknown,
  name: string,
  entry: McpServerEntry,
): MergedMcpConfig {
  if (config !== undefined && !isObj(config)) throw refuse('(root)', 'an object');
  const next: Obj = structuredClone(config ?? {});
  const servers = next['mcpServers'] ?? {};
  if (!isObj(servers)) throw refuse('mcpServers', 'an object');
  const before = servers[name];
  if (before !== undefined && !isObj(before)) throw refuse(`mcpServers.${name}`, 'an object');
  const env = before?.['env'] ?? {};
  if (!isObj(env)) throw refuse(`mcpServers.${name}.env`, 'an object');
  const after: Obj = {
    ...before,
    command: entry.command,
    args: entry.args,
    ...(entry.env === undefined && before?.['env'] === undefined
      ? {}
      : { env: { ...env, ...entry.env } }),
  };
  const changed = JSON.stringify(before) !== JSON.stringify(after);
  next['mcpServers'] = { ...servers, [name]: after };
  const line = `mcpServers.${name}: ${[entry.command, ...entry.args].join(' ')}`;
  return {
    config: changed ? next : structuredClone(config as Obj),
    changed,
    changes: changed ? [`  ${before === undefined ? '+' : '~'} ${line}`] : [],
  };
}

/** Options of {@link installMcp}. */
export interface InstallMcpOptions {
  /** The project folder holding `.mcp.json`. */
  dir: string;
  /** The server's name under `mcpServers`. */
  name: string;
  entry: McpServerEntry;
  dryRun?: boolean;
}

/** What {@link installMcp} did, or would do. */
export interface InstallMcpResult {
  path: string;
  changed: boolean;
  written: boolean;
  /** For people: the file, then one line per change, or a note that nothing changes. */
  diff: string;
}

/** Adds (or updates) our server in the project's `.mcp.json`, created if missing. Idempotent. */
export async function installMcp(options: InstallMcpOptions): Promise<InstallMcpResult> {
  const path = join(options.dir, '.mcp.json');
  const current = await readJsonFile(path, (reason) =>
    usage(`${path} is not valid JSON (${reason}); fix it first, nothing was changed`),
  );
  const merged = mergeMcpConfig(current, options.name, options.entry);
  const write = merged.changed && options.dryRun !== true;
  if (write) await writeJsonFile(path, merged.config);
  const diff = [
    path,
    ...(merged.changed
      ? merged.changes
      : [`  (${options.name} already installed; nothing to change)`]),
  ].join('\n');
  return { path, changed: merged.changed, written: write, diff };
}
