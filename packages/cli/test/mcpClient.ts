import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BIN, ENV } from './cli.js';

/** An MCP client connected, over stdio, to `spaces mcp` run from the built executable. */
export interface McpPeer {
  client: Client;
  /** Calls a tool and returns its result (tool errors included, with `isError`). */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Calls a tool that must succeed and returns its structured content. */
  ok<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** What the server wrote to stderr. */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts `spaces [globalArgs] mcp [serveArgs]` and connects the SDK's own client to it. */
export async function connectMcp(
  globalArgs: string[],
  serveArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<McpPeer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...globalArgs, 'mcp', ...serveArgs],
    env: {
      ...(Object.fromEntries(Object.entries(ENV).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >),
      ...env,
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'spaces-test', version: '1.0.0' });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return {
    client,
    call,
    async ok(name, args) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${textOf(result)}\n${stderr}`);
      return result.structuredContent as never;
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}

/** The text of a tool result. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}
