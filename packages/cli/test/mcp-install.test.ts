import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { BIN, ENV, hub, spaces, tempHome } from './cli.js';

interface McpJson {
  mcpServers: Record<string, { command: string; args: string[]; env?: Record<string, string> }>;
}

const read = (path: string): McpJson => JSON.parse(readFileSync(path, 'utf8')) as McpJson;

describe('spaces mcp install', () => {
  it('merges the server into .mcp.json beside others, idempotently; --dry-run writes nothing', async () => {
    const dir = tempHome();
    const path = join(dir, '.mcp.json');
    const theirs = { mcpServers: { github: { command: 'gh-mcp', args: ['--stdio'] } } };
    writeFileSync(path, JSON.stringify(theirs));

    const dry = await spaces(['--json', 'mcp', 'install', '--dir', dir, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ changed: true, written: false });
    expect(read(path)).toEqual(theirs);

    const home = join(dir, 'hub');
    const install = ['--home', home, 'mcp', 'install', '--dir', dir, '--as', 'reviewer'];
    const first = await spaces(install);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('+ mcpServers.spaces');
    const installed = read(path);
    expect(installed.mcpServers['github']).toEqual(theirs.mcpServers.github);
    expect(installed.mcpServers['spaces']).toEqual({
      command: 'node',
      args: [BIN, 'mcp', '--as', 'reviewer'],
      env: { SPACES_HOME: home },
    });

    const bytes = readFileSync(path, 'utf8');
    const second = await spaces(['--json', ...install]);
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, written: false });
    expect(readFileSync(path, 'utf8')).toBe(bytes);
  });

  it('refuses a .mcp.json that is not JSON, and leaves it as it was', async () => {
    const dir = tempHome();
    const path = join(dir, '.mcp.json');
    writeFileSync(path, '{ "mcpServers": ');
    const r = await spaces(['mcp', 'install', '--dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid JSON');
    expect(readFileSync(path, 'utf8')).toBe('{ "mcpServers": ');
  });

  it('installs a server that a client can start from the file as written', async () => {
    const h = await hub(['reviewer']);
    const dir = tempHome();
    expect(
      (await spaces(['--home', h.home, 'mcp', 'install', '--dir', dir, '--as', 'reviewer'])).code,
    ).toBe(0);
    const entry = read(join(dir, '.mcp.json')).mcpServers['spaces']!;
    const env = Object.fromEntries(Object.entries(ENV).filter(([, v]) => v !== undefined));
    const transport = new StdioClientTransport({
      command: entry.command === 'node' ? process.execPath : entry.command,
      args: entry.args,
      env: { ...(env as Record<string, string>), ...entry.env },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'claude-code', version: '1' });
    await client.connect(transport);
    try {
      const me = await client.callTool({ name: 'whoami', arguments: {} });
      expect(me.structuredContent).toMatchObject({ name: 'reviewer', profile: 'reviewer' });
    } finally {
      await client.close();
    }
  });
});
