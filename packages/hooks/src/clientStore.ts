import {
  SpacesError,
  isoOf,
  openSpace,
  resolveOptions,
  sendMessage,
  storePath,
} from '@spaces/client';
import type { Space } from '@spaces/client';
import { sessionNonce } from './agentName.js';
import type { AgentIdentity } from './agentProfile.js';
import { ensureAgentProfile, projectAgent, registerAgent } from './agentProfile.js';
import { HOOK_ERROR_CODES, HookError } from './errors.js';
import type { HookStore, PeerQuery, StoredMessageRef } from './hookStore.js';
import { hooksDir, locateHub } from './hubHome.js';
import type { HubHome } from './hubHome.js';
import type { PeerEntry } from './peerEntry.js';
import { readSessionRecord, writeSessionRecord } from './sessionRecord.js';
import { probeStore } from './storeProbe.js';

type Env = Readonly<Record<string, string | undefined>>;
type Channel = NonNullable<Awaited<ReturnType<Space['channel']>>>;
type Message = Awaited<ReturnType<Space['messages']>>[number];

/** The channel the hooks write to and read from when `SPACES_CHANNEL_ID` is unset. */
export const DEFAULT_CHANNEL = 'agent-logs';

/** Messages read to find a session's message without a session file, and to find peers. */
const RECENT_SCAN = 1000;
/** Events read to find this session's last summary event. */
const EVENT_SCAN = 200;

/** Options of {@link openClientStore}. */
export interface OpenClientStoreOptions {
  /** `SPACES_HOME`, `SPACETIMEDB_HOST`, `SPACETIMEDB_DATABASE`, `SPACETIMEDB_TOKEN`, `SPACES_CHANNEL_ID`. */
  env: Env;
  /** The project's root, fixed at the session's first turn: its base name is the project. */
  cwd: string;
  /** This machine's name (default `os.hostname()`). */
  host?: string;
}

const micros = (date: Date): bigint => BigInt(date.getTime()) * 1000n;
const updatedAt = (m: Message): bigint => m.editedAt ?? m.sentAt;
const SESSION_FOOTER = /(?:^|\n)Session: (\S+)\s*$/;

/** The session a log message belongs to: its footer line, else its nonce. */
function sessionOf(m: Message): string | undefined {
  const footer = SESSION_FOOTER.exec(m.text)?.[1];
  if (footer !== undefined) return footer;
  return m.nonce?.startsWith('session:') ? m.nonce.slice('session:'.length) : undefined;
}

/** Turns a refusal by Spaces into a diagnostic naming what the hook was doing. */
function refused(what: string, error: unknown): unknown {
  if (!(error instanceof SpacesError)) return error;
  return new HookError(
    HOOK_ERROR_CODES.storeRefused,
    `Spaces refused to ${what}: ${error.message} [${error.code}]`,
  );
}

async function guard<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw refused(what, error);
  }
}

/**
 * The {@link HookStore} over `@spaces/client`: one agent per machine and project posts one
 * message per session in `#agent-logs` (or `SPACES_CHANNEL_ID`).
 *
 * A session's message carries the nonce `session:<id>` (so a repeated first post is a no-op)
 * and the footer `Session: <id>` (so people can match it). Its id is remembered in the session's
 * record (`<home>/hooks/sessions/<id>.json`, see `sessionRecord.ts`), checked against the store
 * on every use; without it the message is found by its nonce among the channel's recent messages.
 */
export class ClientHookStore implements HookStore {
  private registered: Promise<void> | undefined;

  constructor(
    readonly space: Space,
    readonly channel: Channel,
    readonly agent: AgentIdentity,
    /** Where the hub is: session records are kept beside it, and only if there is one. */
    readonly place: HubHome,
    /** The project's root, recorded with the session. */
    readonly projectDir: string,
  ) {}

  findSessionMessage(sessionId: string): Promise<StoredMessageRef | undefined> {
    return guard('find this session’s message', async () => {
      const nonce = sessionNonce(sessionId);
      const remembered = await this.recall(sessionId);
      if (remembered !== undefined) {
        // The message with this id, if it is still there: the newest one at or below it.
        const [m] = await this.space.messages(this.channel.id, {
          before: remembered + 1n,
          limit: 1,
        });
        if (m && m.id === remembered && this.isMine(m, nonce)) return { id: m.id, text: m.text };
      }
      const found = await this.findRecent(nonce, RECENT_SCAN);
      if (found) await this.remember(sessionId, found.id);
      return found && { id: found.id, text: found.text };
    });
  }

  postSessionMessage(sessionId: string, text: string): Promise<StoredMessageRef> {
    return guard('post the session summary', async () => {
      await this.register();
      const nonce = sessionNonce(sessionId);
      // One message per session: a repeated first post finds the one already there by its nonce.
      const posted = (await sendMessage(this.space, { channelId: this.channel.id, text, nonce }))
        .message;
      if (!posted) {
        throw new HookError(
          HOOK_ERROR_CODES.storeRefused,
          `posted the summary to #${this.channel.name} but could not read it back`,
        );
      }
      await this.remember(sessionId, posted.id);
      return { id: posted.id };
    });
  }

  editSessionMessage(id: bigint, text: string): Promise<void> {
    return guard('edit the session summary', async () => {
      await this.register();
      await this.space.reducers.edit_message({ messageId: id, text });
    });
  }

  emitEvent(kind: string, payload: unknown, text?: string): Promise<void> {
    return guard(`emit ${kind}`, async () => {
      await this.register();
      await this.space.reducers.emit_event({
        channelId: this.channel.id,
        kind,
        payload: JSON.stringify(payload),
        ...(text === undefined ? {} : { text }),
      });
    });
  }

  lastSessionEvent(kind: string, sessionId: string): Promise<unknown> {
    return guard(`read ${kind} events`, async () => {
      const events = await this.space.events({
        channelId: this.channel.id,
        kind,
        limit: EVENT_SCAN,
      });
      for (const event of events) {
        if (event.sender !== this.space.identity) continue;
        try {
          const payload = JSON.parse(event.payload) as { sessionId?: unknown } | null;
          if (payload?.sessionId === sessionId) return payload;
        } catch {
          // Not ours to judge: an unreadable payload is skipped.
        }
      }
      return undefined;
    });
  }

  /**
   * Text messages of other sessions, newest first: those updated since this project's
   * previous session began (this agent's newest message of another session), else the last
   * `limit`. The previous session's own entry is included: to the new session it is a peer.
   */
  recentPeerEntries(query: PeerQuery): Promise<PeerEntry[]> {
    return guard(`read #${this.channel.name}`, async () => {
      const exclude = sessionNonce(query.excludeSessionId);
      const isThisSession = (m: Message): boolean =>
        m.nonce === exclude || sessionOf(m) === query.excludeSessionId;
      const recent = (await this.space.messages(this.channel.id, { limit: RECENT_SCAN })).filter(
        (m) => m.kind === 'Text' && !isThisSession(m),
      );
      const previous = recent.find((m) => m.sender === this.space.identity);
      let floor = previous?.sentAt ?? 0n;
      if (query.since !== undefined && micros(query.since) > floor) floor = micros(query.since);
      const picked = recent
        .filter((m) => updatedAt(m) >= floor)
        .sort((a, b) => (updatedAt(b) > updatedAt(a) ? 1 : updatedAt(b) < updatedAt(a) ? -1 : 0))
        .slice(0, query.limit);
      const names = new Map<string, string>();
      for (const sender of new Set(picked.map((m) => m.sender))) {
        names.set(sender, (await this.space.user(sender))?.name ?? sender.slice(0, 12));
      }
      return picked.map((m) => {
        const sessionId = sessionOf(m);
        return {
          author: names.get(m.sender) ?? m.sender.slice(0, 12),
          time: isoOf(updatedAt(m)),
          text: m.text,
          ...(sessionId === undefined ? {} : { sessionId }),
        };
      });
    });
  }

  close(): Promise<void> {
    return this.space.close();
  }

  private isMine(m: Message, nonce: string): boolean {
    return m.sender === this.space.identity && m.nonce === nonce && m.kind === 'Text';
  }

  private async findRecent(nonce: string, limit: number): Promise<Message | undefined> {
    const recent = await this.space.messages(this.channel.id, { limit });
    return recent.find((m) => this.isMine(m, nonce));
  }

  /** Registers the agent (`set_profile`) before its first write, once per store. */
  private register(): Promise<void> {
    return (this.registered ??= registerAgent(this.space, this.agent, { program: 'claude-code' }));
  }

  /** The message id remembered for a session, if its record holds one. */
  private async recall(sessionId: string): Promise<bigint | undefined> {
    const dir = await hooksDir(this.place, 'sessions');
    const record = dir === undefined ? undefined : await readSessionRecord(dir, sessionId);
    return record?.messageId === undefined ? undefined : BigInt(record.messageId);
  }

  /** Remembers a session's message id; best effort, as the nonce scan can always find it. */
  private async remember(sessionId: string, messageId: bigint): Promise<void> {
    const dir = await hooksDir(this.place, 'sessions');
    if (dir === undefined) return;
    const record = await readSessionRecord(dir, sessionId);
    await writeSessionRecord(dir, {
      sessionId,
      projectDir: record?.projectDir ?? this.projectDir,
      messageId: String(messageId),
      channelId: String(this.channel.id),
    });
  }
}

/**
 * Opens the hooks' store over `@spaces/client`, as the agent of this machine and project.
 * The engine comes from the environment as for every Spaces program (`resolveOptions`).
 *
 * It never creates a hub: a missing store, or one where `spaces init` never ran, fails with
 * `hooks.no_hub` saying so. A hook runs unattended as an agent; creating the hub would make
 * that agent its Owner, which is a decision for the person running `spaces init`.
 */
export async function openClientStore(options: OpenClientStoreOptions): Promise<ClientHookStore> {
  const { env, cwd } = options;
  const place = await locateHub(env);
  const target = resolveOptions({}, env);
  const agent = projectAgent(cwd, options.host);
  let space: Space;
  let where: string;
  if (target.engine === 'embedded') {
    where = storePath(target.home);
    if (!place.hub) {
      throw new HookError(
        HOOK_ERROR_CODES.noHub,
        `no Spaces store at ${where}: run \`spaces init\` first (or point SPACES_HOME at one)`,
      );
    }
    const probe = probeStore(where);
    try {
      await ensureAgentProfile(target.home, agent.name);
      space = await openSpace({ home: target.home, as: agent.name });
    } catch (error) {
      throw refused('open the store', error);
    } finally {
      probe.close();
    }
  } else {
    where = `${target.host} (database ${target.database})`;
    const token = target.token === undefined ? {} : { token: target.token };
    space = await guard('connect', () =>
      openSpace({ host: target.host, database: target.database, ...token }),
    );
  }
  try {
    const ref = env['SPACES_CHANNEL_ID']?.trim() || DEFAULT_CHANNEL;
    const channel = await space.channel(ref);
    if (!channel) {
      throw new HookError(
        HOOK_ERROR_CODES.noHub,
        ref === DEFAULT_CHANNEL
          ? `no #${DEFAULT_CHANNEL} channel in ${where}: the hub was never created; run \`spaces init\` first`
          : `no channel "${ref}" (SPACES_CHANNEL_ID) in ${where}`,
      );
    }
    return new ClientHookStore(space, channel, agent, place, cwd);
  } catch (error) {
    await space.close().catch(() => undefined);
    throw refused('open the channel', error);
  }
}
