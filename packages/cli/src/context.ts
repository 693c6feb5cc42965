import type * as Client from '@spaces/client';
import type { OpenOptions, Space } from '@spaces/client';
import { CliError, notFound, usage } from './cliError.js';
import type { Output } from './output.js';
import type { Channel, User } from './types.js';

/** The global options every command accepts. */
export interface GlobalOptions {
  host?: string;
  database?: string;
  token?: string;
  home?: string;
  as?: string;
  json?: boolean;
}

/** The client module, loaded on first use so `--help` and bad flags never pay for it. */
export type ClientModule = typeof Client;

/** What a command action works with: options, output, and a space opened on first use. */
export interface Ctx {
  readonly opts: GlobalOptions;
  readonly out: Output;
  client(): Promise<ClientModule>;
  /**
   * The options for `openSpace`, from the global flags (the client fills in the environment).
   * They never create a store: only `init` and `profiles add` do, and they say so.
   */
  openOptions(): OpenOptions;
  /** Opens the space once, as `--as` or the current profile. */
  space(): Promise<Space>;
  /** The embedded store's folder; a usage error when a SpacetimeDB host is selected. */
  home(): Promise<string>;
  /** A channel by name (with or without `#`) or id, or not_found. */
  channel(nameOrId: string): Promise<Channel>;
  /** A user by name or identity, or not_found. */
  user(nameOrIdentity: string): Promise<User>;
  /** Identity → user name, for showing senders. */
  names(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

/** Builds the context of one command run. */
export function createCtx(opts: GlobalOptions, out: Output): Ctx {
  let client: Promise<ClientModule> | undefined;
  let opened: Promise<Space> | undefined;
  let names: Promise<Map<string, string>> | undefined;
  const openOptions = (): OpenOptions => {
    const o: OpenOptions = { create: false };
    if (opts.host !== undefined) o.host = opts.host;
    if (opts.database !== undefined) o.database = opts.database;
    if (opts.token !== undefined) o.token = opts.token;
    if (opts.home !== undefined) o.home = opts.home;
    if (opts.as !== undefined) o.as = opts.as;
    return o;
  };
  const ctx: Ctx = {
    opts,
    out,
    client: () => (client ??= import('@spaces/client')),
    openOptions,
    space() {
      opened ??= (async () => {
        const c = await ctx.client();
        const resolved = c.resolveOptions(openOptions());
        if (resolved.engine !== 'spacetimedb') return c.openSpace(openOptions());
        // Reaching a remote host can take a while: say so on a TTY.
        const progress = out.progress(`connecting to ${resolved.host} (${resolved.database})…`);
        progress.update(0, 1);
        try {
          return await c.openSpace(openOptions());
        } finally {
          progress.done();
        }
      })();
      return opened;
    },
    async home() {
      const c = await ctx.client();
      const resolved = c.resolveOptions(openOptions());
      if (resolved.engine !== 'embedded') {
        throw usage(
          'profiles live in the embedded store; drop --host (or SPACETIMEDB_HOST) to manage them',
        );
      }
      return resolved.home;
    },
    async channel(nameOrId) {
      const space = await ctx.space();
      const key = nameOrId.trim();
      if (key === '' || key === '#') throw usage('a channel name or id is required');
      // Digits are an id (the space refuses one past 2^63 - 1 as out_of_range); `#` makes a name.
      const digits = /^\d{1,40}$/.test(key);
      if (/^\d{41,}$/.test(key)) {
        throw new CliError('out_of_range', 'a channel id is a number up to 2^63 - 1', 'usage');
      }
      const channel = await space.channel(digits ? BigInt(key) : key);
      if (channel) return channel;
      // Stores from before names of digits alone were refused may hold one: try it as a name.
      const byName = digits ? await space.channel(`#${key}`) : undefined;
      return byName ?? throwIt(notFound(`no channel named or numbered "${key}"`));
    },
    async user(nameOrIdentity) {
      const space = await ctx.space();
      const key = nameOrIdentity.replace(/^@/, '');
      // Names are unique ignoring case and stored folded: `Alice` finds `alice`.
      const user = (await space.user(key)) ?? (await space.user((await ctx.client()).nameKey(key)));
      return user ?? throwIt(notFound(`no user named or with identity "${nameOrIdentity}"`));
    },
    names() {
      names ??= (async () => {
        const users = await (await ctx.space()).rows('users');
        return new Map(users.map((u) => [u.identity, u.name]));
      })();
      return names;
    },
    async close() {
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  return ctx;
}

function throwIt(error: Error): never {
  throw error;
}
