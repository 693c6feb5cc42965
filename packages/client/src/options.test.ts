import { describe, expect, it } from 'vitest';
import { defaultHome, resolveOptions, tokenFromToml } from './options.js';

describe('resolveOptions', () => {
  it('uses the embedded engine under SPACES_HOME when no host is configured', () => {
    expect(resolveOptions({}, { SPACES_HOME: '/h', HOME: '/u' })).toEqual({
      engine: 'embedded',
      home: '/h',
      as: undefined,
      create: true,
    });
    expect(resolveOptions({ as: 'bot' }, { HOME: '/u' })).toMatchObject({
      home: '/u/.local/share/spaces',
      as: 'bot',
    });
  });

  it('uses SpacetimeDB when SPACETIMEDB_HOST is set, with database and token from the environment', () => {
    expect(
      resolveOptions(
        {},
        {
          SPACETIMEDB_HOST: 'http://h:3000',
          SPACETIMEDB_DATABASE: 'db',
          SPACETIMEDB_TOKEN: 'tok',
          HOME: '/nonexistent',
        },
      ),
    ).toEqual({ engine: 'spacetimedb', host: 'http://h:3000', database: 'db', token: 'tok' });
    expect(resolveOptions({ host: 'https://x' }, { HOME: '/nonexistent' })).toMatchObject({
      database: 'spaces',
      token: undefined,
    });
  });

  it('lets an explicit home win over SPACETIMEDB_HOST, and rejects a host that is not a URL', () => {
    expect(resolveOptions({ home: '/h' }, { SPACETIMEDB_HOST: 'http://h' }).engine).toBe(
      'embedded',
    );
    expect(() => resolveOptions({ host: 'localhost:3000' }, {})).toThrow(/host must be an http/);
  });

  it('finds the data directory per platform', () => {
    expect(defaultHome({ HOME: '/u', XDG_DATA_HOME: '/x' }, 'linux')).toBe('/x/spaces');
    expect(defaultHome({ HOME: '/u' }, 'darwin')).toBe('/u/Library/Application Support/spaces');
  });

  it('reads the token the spacetime CLI saved', () => {
    expect(tokenFromToml('default_server = "local"\nspacetimedb_token = "eyJ.abc"\n')).toBe(
      'eyJ.abc',
    );
    expect(tokenFromToml('default_server = "local"\n')).toBeUndefined();
  });

  it('reads the token as TOML does: comments, escapes, and only at the top level', () => {
    expect(tokenFromToml('spacetimedb_token = "eyJ.a\\u0062c" # saved by login\n')).toBe('eyJ.abc');
    expect(tokenFromToml("spacetimedb_token = 'eyJ.lit'\n")).toBe('eyJ.lit');
    expect(
      tokenFromToml('[[server_configs]]\nnickname = "local"\nspacetimedb_token = "not.this"\n'),
    ).toBeUndefined();
  });

  it('refuses a cli.toml that is not TOML, naming the file', () => {
    expect(() =>
      tokenFromToml('spacetimedb_token = "unclosed\n', '/h/.config/spacetime/cli.toml'),
    ).toThrow(/\/h\/\.config\/spacetime\/cli\.toml is not valid TOML .*--token/);
  });
});
