import { describe, expect, it } from 'vitest';
import { mergeMcpConfig } from './install.js';

const ours = { command: 'node', args: ['/opt/spaces/dist/bin.js', 'mcp'] };

describe('mergeMcpConfig', () => {
  it('adds our server to an empty or missing config', () => {
    const merged = mergeMcpConfig(undefined, 'spaces', ours);
    expect(merged).toMatchObject({ changed: true, config: { mcpServers: { spaces: ours } } });
    expect(merged.changes).toEqual(['  + mcpServers.spaces: node /opt/spaces/dist/bin.js mcp']);
  });

  it('keeps every other server and top-level field, and changes nothing the second time', () => {
    const config = {
      mcpServers: { github: { command: 'gh-mcp', args: [], env: { TOKEN: 'x' } } },
      other: true,
    };
    const once = mergeMcpConfig(config, 'spaces', ours);
    expect(once.config).toEqual({ ...config, mcpServers: { ...config.mcpServers, spaces: ours } });
    expect(config.mcpServers).not.toHaveProperty('spaces'); // the input is left alone
    const twice = mergeMcpConfig(once.config, 'spaces', ours);
    expect(twice).toMatchObject({ changed: false, changes: [], config: once.config });
  });

  it('updates our entry in place, keeping fields and env variables someone added', () => {
    const config = {
      mcpServers: {
        spaces: { command: 'spaces', args: ['mcp'], env: { DEBUG: '1' }, type: 'stdio' },
      },
    };
    const merged = mergeMcpConfig(config, 'spaces', { ...ours, env: { SPACES_HOME: '/hub' } });
    expect(merged.config['mcpServers']).toEqual({
      spaces: { ...ours, env: { DEBUG: '1', SPACES_HOME: '/hub' }, type: 'stdio' },
    });
    expect(merged.changes).toEqual(['  ~ mcpServers.spaces: node /opt/spaces/dist/bin.js mcp']);
  });

  it('refuses shapes it must not overwrite, naming the field', () => {
    expect(() => mergeMcpConfig([], 'spaces', ours)).toThrow(/"\(root\)" must be an object/);
    expect(() => mergeMcpConfig({ mcpServers: [] }, 'spaces', ours)).toThrow(
      /"mcpServers" must be an object/,
    );
    expect(() => mergeMcpConfig({ mcpServers: { spaces: 'x' } }, 'spaces', ours)).toThrow(
      /"mcpServers.spaces" must be an object/,
    );
  });
});
