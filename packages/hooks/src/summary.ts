import { basename } from 'node:path';
import { formatDuration } from './duration.js';
import { redact } from './redact.js';
import type { TranscriptFacts } from './transcript.js';
import { truncateWords } from './truncate.js';

/** The longest message Spaces accepts (core's MESSAGE_MAX; hooks do not import core). */
export const MESSAGE_LIMIT = 4000;

/** The largest event payload Spaces accepts, as JSON text (core's PAYLOAD_MAX). */
export const PAYLOAD_LIMIT = 16_384;

/** The event kind the Stop hook emits beside its message. */
export const SESSION_SUMMARY_KIND = 'session.summary@1';

/** Payload of a `session.summary@1` event: the summary, for programs. */
export interface SessionSummaryPayload {
  sessionId: string;
  /** The project's directory name. */
  project: string;
  branch: string | null;
  /** Tool uses by tool name. */
  tools: Record<string, number>;
  files: string[];
  durationMs: number;
  turns: number;
}

/** What a session summary is made from. */
export interface SessionSummarySource {
  sessionId: string;
  cwd: string;
  branch?: string | undefined;
  /** From the Stop input; preferred to the transcript's, which may lag a turn behind. */
  lastAssistantMessage?: string | undefined;
  facts: TranscriptFacts;
}

/** Budgets for {@link buildSessionSummary}; the defaults keep the whole under {@link MESSAGE_LIMIT}. */
export interface SessionSummaryOptions {
  /** Characters for the "Done" part. */
  doneChars?: number;
  /** File names listed before "+N more". */
  maxFiles?: number;
  /** Characters for the file list. */
  filesChars?: number;
  /** Files kept in the event payload. */
  maxPayloadFiles?: number;
}

/** A summary message for people and the same facts as an event payload for programs. */
export interface SessionSummary {
  text: string;
  payload: SessionSummaryPayload;
}

/** Lists items until the count or character budget runs out, then says how many were left. */
export function listWithMore(items: readonly string[], maxItems: number, maxChars: number): string {
  const shown: string[] = [];
  let used = 0;
  for (const item of items) {
    const cost = item.length + 2;
    if (shown.length >= maxItems || (shown.length > 0 && used + cost > maxChars)) break;
    shown.push(shown.length === 0 ? truncateWords(item, maxChars) : item);
    used += cost;
  }
  const more = items.length - shown.length;
  return more > 0 ? [...shown, `+${more} more`].join(', ') : shown.join(', ');
}

/** Tool names sorted by use, most used first, then by name so the order is stable. */
function toolEntries(tools: Record<string, number>): [string, number][] {
  return Object.entries(tools).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/**
 * Builds the session summary posted to the agent log: project, branch, what was done,
 * tools, files and duration so far. Every part is redacted before it is shortened, so a
 * secret is never cut into a piece that no longer looks like one. At most {@link MESSAGE_LIMIT}.
 */
export function buildSessionSummary(
  source: SessionSummarySource,
  options: SessionSummaryOptions = {},
): SessionSummary {
  const { doneChars = 1500, maxFiles = 15, filesChars = 900, maxPayloadFiles = 200 } = options;
  const { facts } = source;
  // Names are capped so that a pathological path or branch cannot crowd out the summary.
  const fullCwd = redact(source.cwd);
  const cwd = truncateWords(fullCwd, 300);
  const project = truncateWords(basename(fullCwd) || fullCwd, 100);
  const branchRaw = source.branch ?? facts.gitBranch;
  const branch = branchRaw === undefined ? null : truncateWords(redact(branchRaw), 100);
  const files = facts.filesEdited.map(redact);
  const tools = toolEntries(facts.tools);
  const calls = tools.reduce((n, [, c]) => n + c, 0);
  const doneRaw = source.lastAssistantMessage?.trim() || facts.lastAssistantText || '';
  // Blank-line runs waste the budget and read badly in a one-message log entry.
  const done = truncateWords(redact(doneRaw).replace(/\n{3,}/g, '\n\n'), doneChars);

  const lines = [
    `Session summary: ${project} (${cwd})${branch === null ? '' : ` on ${branch}`}`,
    `Done: ${done === '' ? '(no reply recorded yet)' : done}`,
    `Tools: ${
      tools.length === 0
        ? 'none'
        : `${listWithMore(
            tools.map(([n, c]) => `${redact(n)} ×${c}`),
            20,
            600,
          )} (${calls} ${calls === 1 ? 'call' : 'calls'})`
    }`,
    `Files edited: ${files.length === 0 ? 'none' : listWithMore(files, maxFiles, filesChars)}`,
    // Without a single timestamp the duration is not zero but unknown.
    `Duration: ${facts.firstTimestamp === undefined ? 'unknown' : formatDuration(facts.durationMs)}, ${facts.turns} ${facts.turns === 1 ? 'turn' : 'turns'}`,
    `Session: ${truncateWords(redact(source.sessionId), 100)}`,
  ];
  const text = truncateWords(lines.join('\n'), MESSAGE_LIMIT);
  const payload: SessionSummaryPayload = {
    sessionId: source.sessionId,
    project,
    branch,
    // The hundred most used tools are plenty and keep the payload bounded.
    tools: Object.fromEntries(tools.slice(0, 100)),
    files: files.slice(0, maxPayloadFiles),
    durationMs: facts.durationMs,
    turns: facts.turns,
  };
  return { text, payload: fitPayload(payload) };
}

/** Drops files from the end until the payload fits {@link PAYLOAD_LIMIT}; the store would refuse it. */
function fitPayload(payload: SessionSummaryPayload): SessionSummaryPayload {
  let size = JSON.stringify(payload).length;
  const files = [...payload.files];
  while (size > PAYLOAD_LIMIT && files.length > 0) {
    size -= JSON.stringify(files.pop()).length + 1;
  }
  return { ...payload, files };
}

const sortedKeys = (value: unknown): string[] =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.keys(value).sort()
    : [];
const sortedStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').sort() : [];
const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Whether a summary says something new next to the last one emitted for the session: a tool
 * not used before, a file not edited before, another branch or project. More turns, more
 * calls of the same tools and a longer duration are not news. Each event also posts a message
 * to the agent log, so the Stop hook emits only when this is true (or nothing was emitted yet),
 * which keeps a fifty-turn session to a handful of event lines rather than fifty.
 */
export function summaryChanged(previous: unknown, next: SessionSummaryPayload): boolean {
  if (typeof previous !== 'object' || previous === null) return true;
  const prev = previous as Partial<Record<keyof SessionSummaryPayload, unknown>>;
  return (
    prev.project !== next.project ||
    (prev.branch ?? null) !== next.branch ||
    !sameList(sortedKeys(prev.tools), sortedKeys(next.tools)) ||
    !sameList(sortedStrings(prev.files), [...next.files].sort())
  );
}

/** The one-line text of the event's AgentEvent message, for people reading the log. */
export function summaryEventText(payload: SessionSummaryPayload): string {
  const calls = Object.values(payload.tools).reduce((n, c) => n + c, 0);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const where = `${payload.project}${payload.branch === null ? '' : ` on ${payload.branch}`}`;
  return truncateWords(
    `Session ${redact(payload.sessionId).slice(0, 8)} in ${where}: ${plural(calls, 'tool call')}, ` +
      `${plural(payload.files.length, 'file')} edited, ${plural(payload.turns, 'turn')}`,
    MESSAGE_LIMIT,
  );
}
