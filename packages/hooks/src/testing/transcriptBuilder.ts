import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type Rec = Record<string, unknown>;

/** Where a transcript's records start. */
export interface TranscriptBuilderOptions {
  sessionId: string;
  cwd: string;
  gitBranch?: string;
  /** ISO time of the first record. */
  start: string;
  /** Claude Code's version as records carry it. */
  version?: string;
  /** Set for a subagent's transcript: its records are sidechain records carrying this id. */
  agentId?: string;
}

/**
 * Writes Claude Code transcripts record by record, shaped as Claude Code 2.1 writes them (the
 * common fields on every record, one assistant record per content block sharing the API message
 * id, tool results as user records with `toolUseResult`, slash commands and their meta
 * expansion, task notifications, compaction, hook feedback). Written by us from the documented
 * format, for tests and benchmarks; no real session's content. Test-only.
 */
export class TranscriptBuilder {
  private clock: number;
  private cwd: string;
  private branch: string;
  private last: string | null = null;
  private seq = 0;
  private readonly lines: string[] = [];
  private chars = 0;

  constructor(private readonly options: TranscriptBuilderOptions) {
    this.clock = Date.parse(options.start);
    this.cwd = options.cwd;
    this.branch = options.gitBranch ?? 'main';
  }

  /** Moves the clock forward. */
  wait(ms: number): this {
    this.clock += ms;
    return this;
  }

  /** The session changes directory (records after this carry the new cwd). */
  cd(cwd: string): this {
    this.cwd = cwd;
    return this;
  }

  /** The repository switches branch. */
  checkout(branch: string): this {
    this.branch = branch;
    return this;
  }

  private id(prefix: string): string {
    this.seq += 1;
    const hex = this.seq.toString(16).padStart(12, '0');
    return `${prefix}${(this.options.agentId ?? 'main').slice(0, 4)}-${hex}`;
  }

  private push(rec: Rec, step = 1000): Rec {
    const uuid = this.id('0000');
    const full: Rec = {
      parentUuid: this.last,
      isSidechain: this.options.agentId !== undefined,
      userType: 'external',
      cwd: this.cwd,
      sessionId: this.options.sessionId,
      version: this.options.version ?? '2.1.39',
      gitBranch: this.branch,
      ...(this.options.agentId === undefined ? {} : { agentId: this.options.agentId }),
      ...rec,
      uuid,
      timestamp: new Date(this.clock).toISOString(),
    };
    this.add(JSON.stringify(full));
    this.last = uuid;
    this.clock += step;
    return full;
  }

  private user(content: unknown, extra: Rec = {}): Rec {
    return this.push({ type: 'user', message: { role: 'user', content }, ...extra });
  }

  private assistant(id: string, block: Rec): Rec {
    return this.push(
      {
        type: 'assistant',
        requestId: `req_${id}`,
        message: {
          id,
          type: 'message',
          role: 'assistant',
          model: 'claude-opus-4-5-20251101',
          content: [block],
          stop_reason: null,
          usage: { input_tokens: 10, output_tokens: 20 },
        },
      },
      500,
    );
  }

  /** A record that is not part of the conversation (queue operations, snapshots). */
  raw(rec: Rec): this {
    this.add(JSON.stringify(rec));
    return this;
  }

  /** A prompt the person typed. */
  prompt(text: string): this {
    this.user(text);
    return this;
  }

  /** A slash command the person ran, and the prompt it expands to (a meta record), if any. */
  slash(name: string, args = '', expansion?: string): this {
    this.user(
      `<command-name>/${name}</command-name>\n<command-message>${name}</command-message>\n<command-args>${args}</command-args>`,
    );
    if (expansion !== undefined) this.user([{ type: 'text', text: expansion }], { isMeta: true });
    return this;
  }

  /** Output of a local command (`/cost`, `/model`), which Claude Code records as a user record. */
  localOutput(text: string): this {
    this.user(`<local-command-stdout>${text}</local-command-stdout>`);
    return this;
  }

  /** A background task's completion, injected as a user record. */
  taskNotification(taskId: string, toolUseId: string, summary: string): this {
    this.user(
      `<task-notification>\n<task-id>${taskId}</task-id>\n<tool-use-id>${toolUseId}</tool-use-id>\n<status>completed</status>\n<summary>${summary}</summary>\n</task-notification>`,
    );
    return this;
  }

  /** A Stop hook that blocked, whose reason Claude Code feeds back as a user record. */
  hookFeedback(reason: string): this {
    this.user(`Stop hook feedback:\n[lint-check]: ${reason}`);
    return this;
  }

  /** The person pressed Esc. */
  interrupt(): this {
    this.user([{ type: 'text', text: '[Request interrupted by user]' }]);
    return this;
  }

  /** Compaction: the boundary, then the summary the new context starts from. */
  compact(summary: string): this {
    this.push({ type: 'system', subtype: 'compact_boundary', content: 'Conversation compacted' });
    this.user(
      `This session is being continued from a previous conversation that ran out of context. ${summary}`,
      { isCompactSummary: true, isVisibleInTranscriptOnly: true },
    );
    return this;
  }

  /** A system record such as the summary of the Stop hooks that ran. */
  system(subtype: string): this {
    this.push({ type: 'system', subtype, level: 'info' });
    return this;
  }

  /** The assistant's text, possibly in several blocks of one message. */
  reply(...texts: string[]): this {
    const id = this.id('msg_');
    for (const text of texts) this.assistant(id, { type: 'text', text });
    return this;
  }

  /**
   * A tool call and its result. `error` makes the result a failure; `result` is its text, and
   * `resultBytes` pads it (large successful results are most of a real transcript's bytes).
   */
  tool(
    name: string,
    input: Rec,
    options: { error?: boolean; result?: string; resultBytes?: number } = {},
  ): string {
    const toolId = this.id('toolu_');
    this.assistant(this.id('msg_'), { type: 'tool_use', id: toolId, name, input });
    const text = (options.result ?? 'ok') + 'x'.repeat(options.resultBytes ?? 0);
    this.user(
      [
        {
          tool_use_id: toolId,
          type: 'tool_result',
          content: text,
          is_error: options.error ?? false,
        },
      ],
      {
        toolUseResult: options.error ? `Error: ${text}` : { stdout: text.slice(0, 200) },
      },
    );
    return toolId;
  }

  /** The JSONL text. */
  text(): string {
    return this.lines.join('\n') + '\n';
  }

  /** The size of {@link text} so far, in UTF-16 units (bytes for ASCII), without building it. */
  size(): number {
    return this.chars;
  }

  private add(line: string): void {
    this.lines.push(line);
    this.chars += line.length + 1;
  }
}

/** A subagent of a session: its id, its kind, and its transcript. */
export interface SubagentFixture {
  agentId: string;
  agentType: string;
  transcript: TranscriptBuilder;
}

/**
 * Writes a session as Claude Code 2.1 lays it out: `<dir>/<session>.jsonl`, and for each subagent
 * `<dir>/<session>/subagents/agent-<id>.jsonl` with its `agent-<id>.meta.json`. Returns the
 * transcript's path. Test-only.
 */
export async function writeSession(
  dir: string,
  sessionId: string,
  main: TranscriptBuilder,
  subagents: readonly SubagentFixture[] = [],
): Promise<string> {
  const transcript = join(dir, `${sessionId}.jsonl`);
  await mkdir(dir, { recursive: true });
  await writeFile(transcript, main.text());
  if (subagents.length > 0) {
    const folder = join(dir, sessionId, 'subagents');
    await mkdir(folder, { recursive: true });
    for (const agent of subagents) {
      await writeFile(join(folder, `agent-${agent.agentId}.jsonl`), agent.transcript.text());
      const meta = { agentType: agent.agentType, description: `${agent.agentType} task` };
      await writeFile(join(folder, `agent-${agent.agentId}.meta.json`), JSON.stringify(meta));
    }
  }
  return transcript;
}
