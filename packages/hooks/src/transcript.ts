import { readFile } from 'node:fs/promises';
import { isAbsolute, normalize, relative } from 'node:path';
import { sessionTime } from './activeTime.js';
import { isTurn } from './prompts.js';
import type { SubagentTranscript } from './subagents.js';

/** What one agent did: tool uses by name and the files it changed. */
export interface AgentWork {
  /** Tool uses by tool name, including ones that failed. */
  tools: Record<string, number>;
  /** Files changed by Edit, Write, MultiEdit and NotebookEdit; relative to cwd when inside it. */
  filesEdited: string[];
}

/** What the session's subagents did, all of them together. */
export interface SubagentWork extends AgentWork {
  /** Subagent runs: 2.x transcript files plus 1.x inline sidechains. */
  count: number;
  /** Their kinds (`Explore`, `general-purpose`...), when Claude Code recorded them; sorted. */
  types: string[];
  /** Only files the main agent did not also change: each file is listed once, by its first editor. */
  filesEdited: string[];
}

/** What a transcript tells us about a session so far. */
export interface TranscriptFacts extends AgentWork {
  /** ISO time of the earliest and latest records, when any record carried one. */
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** First to last record. */
  elapsedMs: number;
  /** Time at work: gaps between records over five minutes left out (see `sessionTime`). */
  activeMs: number;
  /** The main agent's tools and files are {@link AgentWork}'s; the subagents' are here. */
  subagents: SubagentWork;
  /** Text of the main agent's latest reply, when the transcript has caught up with it. */
  lastAssistantText?: string;
  /** The git branch the records were written on, latest first. */
  gitBranch?: string;
  /** The working directory of the session's first record: where the session started. */
  firstCwd?: string;
  /** The person's turns: typed prompts and slash commands (see `isTurn`). */
  turns: number;
  /** Lines that were not JSON objects (a cut-off last line, mostly). */
  skippedLines: number;
}

type Rec = Record<string, unknown>;

const EDIT_TOOLS: Readonly<Record<string, string>> = {
  Edit: 'file_path',
  Write: 'file_path',
  MultiEdit: 'file_path',
  NotebookEdit: 'notebook_path',
};

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const blocksOf = (rec: Rec): Rec[] => {
  const message = rec['message'];
  const content = isRec(message) ? message['content'] : undefined;
  return Array.isArray(content) ? content.filter(isRec) : [];
};

/**
 * Reads a transcript file as bytes, or undefined when it is missing or unreadable: the
 * transcript is evidence we use when we can, never a reason to fail. Bytes, not text, so
 * that lines we skip are never decoded (see {@link parseTranscript}).
 */
export async function readTranscript(path: string): Promise<Buffer | undefined> {
  if (path === '') return undefined;
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

const BULK_LINE = 4096;
const USER_TYPE = Buffer.from('"type":"user"');
const TOOL_RESULT = Buffer.from('"type":"tool_result"');
const IS_ERROR = Buffer.from('"is_error":true');

/**
 * Whether a line is a large, successful tool result, which tells us nothing we need. Tool
 * results are most of a transcript's bytes; not decoding them keeps a long session's Stop hook
 * inside its budget. (Its timestamp is lost, but it lies between its neighbours'.) Escaped
 * JSON inside a string never contains `"type":"user"` verbatim, so a reply that merely talks
 * about tool results is not mistaken for one.
 */
const isBulkToolResult = (line: Buffer): boolean =>
  line.length > BULK_LINE &&
  line.includes(USER_TYPE) &&
  line.includes(TOOL_RESULT) &&
  !line.includes(IS_ERROR);

/** Splits JSONL into records, skipping blank lines and lines that are not JSON objects. */
export function parseTranscript(transcript: string | Buffer): {
  records: Rec[];
  skippedLines: number;
} {
  const buf = typeof transcript === 'string' ? Buffer.from(transcript) : transcript;
  const records: Rec[] = [];
  let skippedLines = 0;
  for (let start = 0; start < buf.length;) {
    const newline = buf.indexOf(10, start);
    const end = newline === -1 ? buf.length : newline;
    const line = buf.subarray(start, end);
    start = end + 1;
    if (isBulkToolResult(line)) continue;
    const text = line.toString('utf8');
    if (text.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(text);
      if (isRec(value)) records.push(value);
      else skippedLines++;
    } catch {
      skippedLines++;
    }
  }
  return { records, skippedLines };
}

/** Makes a path relative to cwd when it lies inside it; leaves any other path as it was. */
export function relativeToCwd(path: string, cwd: string): string {
  if (!isAbsolute(path) || cwd === '') return normalize(path);
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? normalize(path) : rel;
}

/** Tool uses and edits of one agent (the main one, or all subagents together). */
class Tally {
  readonly tools = new Map<string, number>();
  readonly edits: { id: string | undefined; path: string }[] = [];

  files(failed: ReadonlySet<string>): string[] {
    // An edit whose tool call failed (say, old_string not found) changed nothing.
    return [...new Set(this.edits.filter((e) => !e.id || !failed.has(e.id)).map((e) => e.path))];
  }
}

/** Reads one transcript's records into the tallies; returns the facts only the main one has. */
class SessionReader {
  readonly main = new Tally();
  readonly sub = new Tally();
  readonly times: number[] = [];
  readonly failed = new Set<string>();
  readonly seenToolIds = new Set<string>();
  readonly sidechainIds = new Set<string>();
  sidechains = 0;
  turns = 0;
  skippedLines = 0;
  gitBranch: string | undefined;
  firstCwd: string | undefined;
  lastText: { key: unknown; parts: string[] } | undefined;

  constructor(readonly cwd: string) {}

  read(transcript: string | Buffer, subagent: boolean): void {
    const { records, skippedLines } = parseTranscript(transcript);
    this.skippedLines += subagent ? 0 : skippedLines;
    for (const rec of records) {
      if (!subagent && rec['isSidechain'] === true) this.sidechain(rec);
      this.record(rec, subagent || rec['isSidechain'] === true);
    }
  }

  /**
   * A 1.x subagent's records form a chain of their own inside the session's transcript: a
   * sidechain record whose parent is not a sidechain record starts a new subagent run.
   */
  private sidechain(rec: Rec): void {
    const parent = str(rec['parentUuid']);
    if (parent === undefined || !this.sidechainIds.has(parent)) this.sidechains++;
    const uuid = str(rec['uuid']);
    if (uuid !== undefined) this.sidechainIds.add(uuid);
  }

  private record(rec: Rec, sidechain: boolean): void {
    const time = typeof rec['timestamp'] === 'string' ? Date.parse(rec['timestamp']) : NaN;
    if (!Number.isNaN(time)) this.times.push(time);
    if (!sidechain) {
      this.gitBranch = str(rec['gitBranch']) ?? this.gitBranch;
      this.firstCwd ??= str(rec['cwd']);
    }
    if (rec['type'] === 'user') {
      if (!sidechain && isTurn(rec)) this.turns++;
      for (const block of blocksOf(rec)) {
        const id = str(block['tool_use_id']);
        if (block['type'] === 'tool_result' && block['is_error'] === true && id)
          this.failed.add(id);
      }
    }
    if (rec['type'] === 'assistant') this.assistant(rec, sidechain);
  }

  private assistant(rec: Rec, sidechain: boolean): void {
    const message = rec['message'];
    // Claude Code writes one record per content block, all sharing the API message id.
    const key = (isRec(message) ? message['id'] : undefined) ?? rec['uuid'];
    const tally = sidechain ? this.sub : this.main;
    for (const block of blocksOf(rec)) {
      if (block['type'] === 'text' && !sidechain) {
        const t = typeof block['text'] === 'string' ? block['text'].trim() : '';
        if (t === '') continue;
        if (this.lastText && key !== undefined && this.lastText.key === key) {
          this.lastText.parts.push(t);
        } else this.lastText = { key, parts: [t] };
      }
      if (block['type'] !== 'tool_use') continue;
      const name = str(block['name']);
      const id = str(block['id']);
      if (!name || (id && this.seenToolIds.has(id))) continue;
      if (id) this.seenToolIds.add(id);
      tally.tools.set(name, (tally.tools.get(name) ?? 0) + 1);
      const field = EDIT_TOOLS[name];
      const input = block['input'];
      const path = field && isRec(input) ? str(input[field]) : undefined;
      if (path) tally.edits.push({ id, path: relativeToCwd(path, this.cwd) });
    }
  }
}

/**
 * Extracts {@link TranscriptFacts} from a session's transcript JSONL and its subagents'
 * transcripts (2.x; see `readSubagentTranscripts`). `cwd` makes edited paths relative.
 * Subagents' tool uses and files are counted apart from the main agent's, whether they come
 * from their own files or, as in 1.x, from `isSidechain` records inline.
 */
export function analyzeTranscript(
  transcript: string | Buffer,
  cwd: string,
  subagents: readonly SubagentTranscript[] = [],
): TranscriptFacts {
  const reader = new SessionReader(cwd);
  reader.read(transcript, false);
  for (const agent of subagents) reader.read(agent.bytes, true);
  const { first, last, elapsedMs, activeMs } = sessionTime(reader.times);
  const mainFiles = reader.main.files(reader.failed);
  const mine = new Set(mainFiles);
  const types = [...new Set(subagents.flatMap((a) => (a.agentType ? [a.agentType] : [])))].sort();
  return {
    ...(first === undefined ? {} : { firstTimestamp: new Date(first).toISOString() }),
    ...(last === undefined ? {} : { lastTimestamp: new Date(last).toISOString() }),
    elapsedMs,
    activeMs,
    tools: Object.fromEntries(reader.main.tools),
    filesEdited: mainFiles,
    subagents: {
      count: subagents.length + reader.sidechains,
      types,
      tools: Object.fromEntries(reader.sub.tools),
      filesEdited: reader.sub.files(reader.failed).filter((f) => !mine.has(f)),
    },
    ...(reader.lastText === undefined
      ? {}
      : { lastAssistantText: reader.lastText.parts.join('\n\n') }),
    ...(reader.gitBranch === undefined ? {} : { gitBranch: reader.gitBranch }),
    ...(reader.firstCwd === undefined ? {} : { firstCwd: reader.firstCwd }),
    turns: reader.turns,
    skippedLines: reader.skippedLines,
  };
}

/**
 * The facts with edited paths made relative to `cwd` where they lie inside it (once the
 * project is known), each file still listed once, and the subagents' only if the main agent
 * did not edit it too.
 */
export function relativeFacts(facts: TranscriptFacts, cwd: string): TranscriptFacts {
  const main = [...new Set(facts.filesEdited.map((f) => relativeToCwd(f, cwd)))];
  const mine = new Set(main);
  const sub = [...new Set(facts.subagents.filesEdited.map((f) => relativeToCwd(f, cwd)))];
  return {
    ...facts,
    filesEdited: main,
    subagents: { ...facts.subagents, filesEdited: sub.filter((f) => !mine.has(f)) },
  };
}
