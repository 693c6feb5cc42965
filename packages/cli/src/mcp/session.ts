import { existsSync } from 'node:fs';
import type { Channel, OpenOptions, Space, User } from '@spaces/client';
import { SpacesError, openSpace, resolveOptions, storePath } from '@spaces/client';
import type { AgentAbout, AgentIdentity } from '@spaces/hooks';
import { ensureAgentProfile, projectAgent, registerAgent } from '@spaces/hooks';
import type { Names } from './format.js';

/** How `spaces mcp` opens the space and whom it acts as. */
export interface McpSessionOptions {
  /** Engine options from the global flags (`--home`, `--host`, …); `as` picks the profile. */
  open: OpenOptions;
  /** The project folder: names the per-project agent when no profile is given. */
  projectDir: string;
  /** What the agent says about itself when it registers (program, model), if known. */
  about: AgentAbout;
}

/**
 * One MCP server's hold on the space: the space opened as its profile (`--as NAME`, else the
 * project's agent, the same one the hooks post as), registered on first use.
 */
export class McpSession {
  private registered: Promise<void> | undefined;

  private constructor(
    readonly space: Space,
    /** The name the agent registers with if its identity is not registered yet. */
    readonly agent: AgentIdentity,
    /** Program and model; the server fills in the program from the MCP client when it connects. */
    readonly about: AgentAbout,
  ) {}

  /** Opens the space. An embedded store must exist already: creating a hub is a person's call. */
  static async open(options: McpSessionOptions): Promise<McpSession> {
    const target = resolveOptions(options.open);
    const as = options.open.as;
    const agent: AgentIdentity =
      as === undefined ? projectAgent(options.projectDir) : { name: as, displayName: as };
    if (target.engine === 'embedded') {
      const store = storePath(target.home);
      if (!existsSync(store)) {
        throw new SpacesError(
          'not_found',
          `no Spaces store at ${store}: run \`spaces init\` first (or point --home / SPACES_HOME at one)`,
        );
      }
      if (as === undefined) await ensureAgentProfile(target.home, agent.name);
    }
    const space = await openSpace({ ...options.open, as: agent.name });
    return new McpSession(space, agent, { ...options.about });
  }

  /** The caller's user row (read fresh), registering the agent (`set_profile`) on first use. */
  async me(): Promise<User> {
    await this.register();
    const me = await this.space.me();
    if (!me) throw new SpacesError('not_registered', 'this agent is not registered in the hub');
    return me;
  }

  private register(): Promise<void> {
    if (!this.registered) {
      const registering = registerAgent(this.space, this.agent, this.about);
      // A failed registration is tried again on the next call rather than remembered.
      registering.catch(() => {
        if (this.registered === registering) this.registered = undefined;
      });
      this.registered = registering;
    }
    return this.registered;
  }

  /** A channel by name (with or without `#`) or id, or `not_found` (also when it is hidden). */
  async channel(ref: string): Promise<Channel> {
    const key = ref.trim();
    if (key === '' || key === '#')
      throw new SpacesError('invalid_argument', 'a channel name or id is required');
    const channel =
      (await this.space.channel(key)) ??
      // An all-digit name is a legal channel name too: "7" is tried as an id, then as a name.
      (/^\d+$/.test(key) ? await this.space.channel(`#${key}`) : undefined);
    if (!channel) throw new SpacesError('not_found', `no channel named or numbered "${key}"`);
    return channel;
  }

  /** The channels this profile may see, by id. */
  async channels(): Promise<Map<bigint, Channel>> {
    return new Map((await this.space.rows('channels')).map((c) => [c.id, c]));
  }

  /** Identity → user name, read fresh (users come and go, and rename). */
  async names(): Promise<Names> {
    return new Map((await this.space.rows('users')).map((u) => [u.identity, u.name]));
  }

  close(): Promise<void> {
    return this.space.close();
  }
}
