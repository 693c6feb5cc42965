import { readFile } from 'node:fs/promises';
import { isAbsolute, normalize, relative } from 'node:path';

/** What a transcript tells us about a session so far. */
export interface TranscriptFacts {
  /** ISO time of the earliest and latest records, when any record carried one. */
  firstTimestamp?: string;
  lastTimestamp?: string;
  /** Latest minus earliest record time: the session's duration so far. */
  durationMs: number;
  /** Tool uses by tool name, including ones that failed. */
  tools: Record<string, number>;
  /** Files changed by Edit, Write, MultiEdit and NotebookEdit; relative to cwd when inside it. */
  filesEdited: string[];
  /** Text of the main agent's latest reply, when the transcript has caught up with it. */
  lastAssistantText?: string;
  /** The git branch the records were written on, latest first. */
  gitBranch?: string;
  /** Prompts typed by the user (tool results and injected records excluded). */
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

/** Whether a user record is a prompt the person typed, rather than a tool result or injection. */
function isPrompt(rec: Rec): boolean {
  if (rec['isMeta'] === true || rec['isCompactSummary'] === true) return false;
  const message = rec['message'];
  const content = isRec(message) ? message['content'] : undefined;
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content) && !content.some((b) => isRec(b) && b['type'] === 'tool_result')
        ? content.map((b) => (isRec(b) && typeof b['text'] === 'string' ? b['text'] : '')).join('')
        : '';
  // Slash-command echoes and interruption notices are written as user records too.
  return text.trim() !== '' && !/^\s*(<command-|<local-command-|\[Request interrupted)/.test(text);
}

/** Extracts {@link TranscriptFacts} from transcript JSONL; `cwd` makes edited paths relative. */
export function analyzeTranscript(transcript: string | Buffer, cwd: string): TranscriptFacts {
  const { records, skippedLines } = parseTranscript(transcript);
  const tools = new Map<string, number>();
  const seenToolIds = new Set<string>();
  const edits: { id: string | undefined; path: string }[] = [];
  const failedToolIds = new Set<string>();
  let first: number | undefined;
  let last: number | undefined;
  let gitBranch: string | undefined;
  let turns = 0;
  let lastText: { key: unknown; parts: string[] } | undefined;

  for (const rec of records) {
    const time = typeof rec['timestamp'] === 'string' ? Date.parse(rec['timestamp']) : NaN;
    if (!Number.isNaN(time)) {
      first = first === undefined ? time : Math.min(first, time);
      last = last === undefined ? time : Math.max(last, time);
    }
    gitBranch = str(rec['gitBranch']) ?? gitBranch;
    // Subagents' records (sidechains) count for tools and files, not for turns or the reply.
    const main = rec['isSidechain'] !== true;
    if (rec['type'] === 'user') {
      if (main && isPrompt(rec)) turns++;
      for (const block of blocksOf(rec)) {
        const id = str(block['tool_use_id']);
        if (block['type'] === 'tool_result' && block['is_error'] === true && id) {
          failedToolIds.add(id);
        }
      }
    }
    if (rec['type'] !== 'assistant') continue;
    const message = rec['message'];
    // Claude Code writes one record per content block, all sharing the API message id.
    const key = (isRec(message) ? message['id'] : undefined) ?? rec['uuid'];
    for (const block of blocksOf(rec)) {
      if (block['type'] === 'text' && main) {
        const t = typeof block['text'] === 'string' ? block['text'].trim() : '';
        if (t === '') continue;
        if (lastText && key !== undefined && lastText.key === key) lastText.parts.push(t);
        else lastText = { key, parts: [t] };
      }
      if (block['type'] !== 'tool_use') continue;
      const name = str(block['name']);
      const id = str(block['id']);
      if (!name || (id && seenToolIds.has(id))) continue;
      if (id) seenToolIds.add(id);
      tools.set(name, (tools.get(name) ?? 0) + 1);
      const field = EDIT_TOOLS[name];
      const input = block['input'];
      const path = field && isRec(input) ? str(input[field]) : undefined;
      if (path) edits.push({ id, path: relativeToCwd(path, cwd) });
    }
  }

  // An edit whose tool call failed (say, old_string not found) changed nothing.
  const files = [
    ...new Set(edits.filter((e) => !e.id || !failedToolIds.has(e.id)).map((e) => e.path)),
  ];
  return {
    ...(first === undefined ? {} : { firstTimestamp: new Date(first).toISOString() }),
    ...(last === undefined ? {} : { lastTimestamp: new Date(last).toISOString() }),
    durationMs: first === undefined || last === undefined ? 0 : last - first,
    tools: Object.fromEntries(tools),
    filesEdited: files,
    ...(lastText === undefined ? {} : { lastAssistantText: lastText.parts.join('\n\n') }),
    ...(gitBranch === undefined ? {} : { gitBranch }),
    turns,
    skippedLines,
  };
}
