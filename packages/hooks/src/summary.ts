import { basename } from 'node:path';
import { MESSAGE_MAX, PAYLOAD_MAX } from '@spaces/client';
import { formatDuration } from './duration.js';
import { redact, redactAll } from './redact.js';
import type { TranscriptFacts } from './transcript.js';
import { truncateWords } from './truncate.js';

/** The longest message Spaces accepts (core's `MESSAGE_MAX`). */
export const MESSAGE_LIMIT = MESSAGE_MAX;

/** The largest event payload Spaces accepts, as JSON text (core's `PAYLOAD_MAX`). */
export const PAYLOAD_LIMIT = PAYLOAD_MAX;

/** The event kind the Stop hook emits beside its message. */
export const SESSION_SUMMARY_KIND = 'session.summary@1';

/** File names the event payload lists (main agent's, and subagents' apart); the counts are exact. */
export const PAYLOAD_FILES = 200;

/** The subagents' part of a {@link SessionSummaryPayload}. */
export interface SubagentSummary {
  /** Subagent runs. */
  count: number;
  /** Their kinds, when recorded (`Explore`, `general-purpose`...). */
  types: string[];
  /** Their tool uses by tool name. */
  tools: Record<string, number>;
  /** The first {@link PAYLOAD_FILES} files only they edited. */
  files: string[];
  /** How many files only they edited. */
  fileCount: number;
}

/**
 * Payload of a `session.summary@1` event: the summary, for programs. `tools`, `files` and
 * `fileCount` are the main agent's; the subagents' are under `subagents`, so nothing is counted
 * twice. `durationMs` is active time (see `sessionTime`); `elapsedMs` first to last record.
 */
export interface SessionSummaryPayload {
  sessionId: string;
  /** The project's directory name. */
  project: string;
  branch: string | null;
  /** Tool uses by tool name. */
  tools: Record<string, number>;
  /** The first {@link PAYLOAD_FILES} files the main agent edited. */
  files: string[];
  /** How many files the main agent edited: exact, whatever `files` holds. */
  fileCount: number;
  subagents: SubagentSummary;
  durationMs: number;
  elapsedMs: number;
  turns: number;
}

/** What a session summary is made from. */
export interface SessionSummarySource {
  sessionId: string;
  /** The project's root, fixed at the session's first turn (see `sessionProject`). */
  projectDir: string;
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
  /** Characters for a file list. */
  filesChars?: number;
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

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `Edit ×3, Read ×1 (4 calls)`, or `none`; the names within `chars`. */
function toolsLine(tools: [string, number][], chars: number): string {
  if (tools.length === 0) return 'none';
  const calls = tools.reduce((n, [, c]) => n + c, 0);
  return `${listWithMore(
    tools.map(([n, c]) => `${n} ×${c}`),
    20,
    chars,
  )} (${plural(calls, 'call')})`;
}

/** `12m 34s`, or `active 50m over 5h 1m` when time away was left out; `unknown` without times. */
function durationText(facts: TranscriptFacts): string {
  if (facts.firstTimestamp === undefined) return 'unknown';
  const active = formatDuration(facts.activeMs);
  const elapsed = formatDuration(facts.elapsedMs);
  return active === elapsed ? active : `active ${active} over ${elapsed}`;
}

/**
 * Builds the session summary posted to the agent log: project, branch, what was done, the main
 * agent's and the subagents' tools and files, active time and turns. Every part is redacted
 * (`redact`) before it is shortened, so a secret is never cut into a piece that no longer looks
 * like one, and the whole is redacted once more. At most {@link MESSAGE_LIMIT} characters.
 */
export async function buildSessionSummary(
  source: SessionSummarySource,
  options: SessionSummaryOptions = {},
): Promise<SessionSummary> {
  const { doneChars = 1500, maxFiles = 15, filesChars = 900 } = options;
  const { facts } = source;
  const sub = facts.subagents;
  const doneRaw = source.lastAssistantMessage?.trim() || facts.lastAssistantText || '';
  const branchRaw = source.branch ?? facts.gitBranch;
  const [done = '', fullDir = '', sessionId = '', branchText = ''] = await redactAll([
    doneRaw,
    source.projectDir,
    source.sessionId,
    branchRaw ?? '',
  ]);
  const files = await redactAll(facts.filesEdited);
  const subFiles = await redactAll(sub.filesEdited);
  const redactTools = async (tools: Record<string, number>): Promise<[string, number][]> => {
    const entries = toolEntries(tools);
    const names = await redactAll(entries.map(([n]) => n));
    return entries.map(([, c], i) => [names[i] as string, c]);
  };
  const tools = await redactTools(facts.tools);
  const subTools = await redactTools(sub.tools);
  const subTypes = await redactAll(sub.types);

  // Names are capped so that a pathological path or branch cannot crowd out the summary.
  const cwd = truncateWords(fullDir, 300);
  const project = truncateWords(basename(fullDir) || fullDir, 100);
  const branch = branchRaw === undefined ? null : truncateWords(branchText, 100);
  // Blank-line runs waste the budget and read badly in a one-message log entry.
  const doneText = truncateWords(done.replace(/\n{3,}/g, '\n\n'), doneChars);
  const filesLine = (label: string, list: string[], chars: number) =>
    list.length === 0
      ? `${label}: none`
      : `${label} (${list.length}): ${listWithMore(list, maxFiles, chars)}`;
  const body = [
    `Session summary: ${project} (${cwd})${branch === null ? '' : ` on ${branch}`}`,
    `Done: ${doneText === '' ? '(no reply recorded yet)' : doneText}`,
    `Tools: ${toolsLine(tools, 600)}`,
    ...(sub.count === 0 && subTools.length === 0
      ? []
      : [
          `Subagents (${sub.count}${subTypes.length === 0 ? '' : `: ${listWithMore(subTypes, 10, 200)}`}): ${toolsLine(subTools, 400)}`,
        ]),
    filesLine('Files edited', files, filesChars),
    ...(subFiles.length === 0
      ? []
      : [filesLine('Files edited by subagents', subFiles, Math.floor(filesChars / 2))]),
  ];
  // The footer always fits: it is how people and the hooks match a message to its session.
  const tail = await redact(
    [
      `Duration: ${durationText(facts)}, ${plural(facts.turns, 'turn')}`,
      `Session: ${truncateWords(sessionId, 100)}`,
    ].join('\n'),
  );
  const text = `${truncateWords(await redact(body.join('\n')), MESSAGE_LIMIT - tail.length - 1)}\n${tail}`;
  const payload: SessionSummaryPayload = {
    sessionId,
    project,
    branch,
    // The hundred most used tools are plenty and keep the payload bounded.
    tools: Object.fromEntries(tools.slice(0, 100)),
    files: files.slice(0, PAYLOAD_FILES),
    fileCount: files.length,
    subagents: {
      count: sub.count,
      types: subTypes.slice(0, 20),
      tools: Object.fromEntries(subTools.slice(0, 100)),
      files: subFiles.slice(0, PAYLOAD_FILES),
      fileCount: subFiles.length,
    },
    durationMs: facts.activeMs,
    elapsedMs: facts.elapsedMs,
    turns: facts.turns,
  };
  return { text, payload: fitPayload(payload) };
}

/**
 * Drops listed file names from the end (the subagents' first) until the payload fits
 * {@link PAYLOAD_LIMIT}, which the store would otherwise refuse. The counts stay exact.
 */
function fitPayload(payload: SessionSummaryPayload): SessionSummaryPayload {
  const files = [...payload.files];
  const subFiles = [...payload.subagents.files];
  const size = () =>
    JSON.stringify({ ...payload, files, subagents: { ...payload.subagents, files: subFiles } })
      .length;
  while (size() > PAYLOAD_LIMIT && (subFiles.length > 0 || files.length > 0)) {
    // Halve what is over rather than pop one by one: a long list can be thousands of names.
    const list = subFiles.length > 0 ? subFiles : files;
    list.splice(Math.max(0, Math.floor(list.length / 2)), Math.ceil(list.length / 2));
  }
  return { ...payload, files, subagents: { ...payload.subagents, files: subFiles } };
}

const sortedKeys = (value: unknown): string[] =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.keys(value).sort()
    : [];
const sortedStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').sort() : [];
const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Whether a summary says something new next to the last one emitted for the session: a tool
 * not used before, a file not edited before (by the main agent or a subagent), another branch
 * or project. More turns, more calls of the same tools and a longer duration are not news. Each
 * event also posts a message to the agent log, so the Stop hook emits only when this is true (or
 * nothing was emitted yet), which keeps a fifty-turn session to a handful of event lines.
 */
export function summaryChanged(previous: unknown, next: SessionSummaryPayload): boolean {
  if (typeof previous !== 'object' || previous === null) return true;
  const prevSub = field(previous, 'subagents');
  return (
    field(previous, 'project') !== next.project ||
    (field(previous, 'branch') ?? null) !== next.branch ||
    field(previous, 'fileCount') !== next.fileCount ||
    (field(prevSub, 'fileCount') ?? 0) !== next.subagents.fileCount ||
    !sameList(sortedKeys(field(previous, 'tools')), sortedKeys(next.tools)) ||
    !sameList(sortedKeys(field(prevSub, 'tools')), sortedKeys(next.subagents.tools)) ||
    !sameList(sortedStrings(field(previous, 'files')), [...next.files].sort()) ||
    !sameList(sortedStrings(field(prevSub, 'files')), [...next.subagents.files].sort())
  );
}

/** The one-line text of the event's AgentEvent message, for people reading the log. */
export function summaryEventText(payload: SessionSummaryPayload): string {
  const count = (tools: Record<string, number>) => Object.values(tools).reduce((n, c) => n + c, 0);
  const sub = payload.subagents;
  const where = `${payload.project}${payload.branch === null ? '' : ` on ${payload.branch}`}`;
  const subCalls =
    sub.count === 0 ? '' : ` (+${count(sub.tools)} by ${plural(sub.count, 'subagent')})`;
  const subFiles = sub.fileCount === 0 ? '' : ` (+${sub.fileCount} by subagents)`;
  return truncateWords(
    `Session ${payload.sessionId.slice(0, 8)} in ${where}: ${plural(count(payload.tools), 'tool call')}${subCalls}, ` +
      `${plural(payload.fileCount, 'file')} edited${subFiles}, ${plural(payload.turns, 'turn')}, ` +
      `active ${formatDuration(payload.durationMs)}`,
    MESSAGE_LIMIT,
  );
}
