import { readGitBranch as readGitBranchFromDisk } from './gitBranch.js';
import { closeQuietly } from './hookStore.js';
import type { HookStore, StoredMessageRef } from './hookStore.js';
import { atProjectDir, parseStopInput } from './input.js';
import type { ProjectDirDeps } from './input.js';
import type { StopInput } from './input.js';
import type { HookHandler } from './run.js';
import {
  SESSION_SUMMARY_KIND,
  buildSessionSummary,
  summaryChanged,
  summaryEventText,
} from './summary.js';
import type { SessionSummary, SessionSummaryOptions } from './summary.js';
import { analyzeTranscript, readTranscript as readTranscriptFromDisk } from './transcript.js';

/** What the Stop handler needs; file readers are replaceable for tests. */
export interface SessionHookDeps {
  store: HookStore;
  readTranscript?: (path: string) => Promise<string | Buffer | undefined>;
  readGitBranch?: (cwd: string) => Promise<string | undefined>;
  summary?: SessionSummaryOptions;
}

/** What the Stop handler did. */
export interface SessionHookResult {
  message: StoredMessageRef;
  /** `posted` on the session's first Stop, `edited` on later ones, `unchanged` if nothing new. */
  action: 'posted' | 'edited' | 'unchanged';
  /** Whether a `session.summary@1` event was emitted (see {@link summaryChanged}). */
  emitted: boolean;
  summary: SessionSummary;
  /** Things worth a diagnostic that did not stop the summary, such as a missing transcript. */
  notes: string[];
}

/**
 * Handles Stop: summarises the session so far and keeps exactly one log message per
 * session, posting it on the first turn and editing it on later ones (Stop fires after
 * every turn), then emits the summary as a `session.summary@1` event when it says something
 * new: on the first turn, and whenever a tool, file or branch appears that the last event did
 * not have. Every event also posts a line to the log, so emitting on every turn would undo
 * the point of editing one message.
 */
export async function handleStop(
  input: StopInput,
  deps: SessionHookDeps,
): Promise<SessionHookResult> {
  const readTranscript = deps.readTranscript ?? readTranscriptFromDisk;
  const readGitBranch = deps.readGitBranch ?? readGitBranchFromDisk;
  // Start the store lookup now: it is the slow part, and needs nothing from the transcript.
  const existing = deps.store.findSessionMessage(input.sessionId);
  // Awaited below; this only stops a rejection that lands before then from crashing the process.
  existing.catch(() => undefined);
  const lastEvent = deps.store.lastSessionEvent(SESSION_SUMMARY_KIND, input.sessionId);
  lastEvent.catch(() => undefined);
  const transcript = await readTranscript(input.transcriptPath);
  const notes =
    transcript === undefined
      ? [`transcript not found at "${input.transcriptPath}"; summarised from the Stop input alone`]
      : [];
  const facts = analyzeTranscript(transcript ?? '', input.cwd);
  const branch = facts.gitBranch ?? (await readGitBranch(input.cwd));
  const summary = buildSessionSummary(
    {
      sessionId: input.sessionId,
      cwd: input.cwd,
      branch,
      lastAssistantMessage: input.lastAssistantMessage,
      facts,
    },
    deps.summary,
  );
  const found = await existing;
  let id: bigint;
  let action: SessionHookResult['action'];
  if (!found) {
    ({ id } = await deps.store.postSessionMessage(input.sessionId, summary.text));
    action = 'posted';
  } else if (found.text === summary.text) {
    // A turn that changed nothing we report would only add a copy to the edit history.
    id = found.id;
    action = 'unchanged';
  } else {
    await deps.store.editSessionMessage(found.id, summary.text);
    id = found.id;
    action = 'edited';
  }
  const emitted = !found || summaryChanged(await lastEvent, summary.payload);
  if (emitted) {
    await deps.store.emitEvent(
      SESSION_SUMMARY_KIND,
      summary.payload,
      summaryEventText(summary.payload),
    );
  }
  return { message: { id }, action, emitted, summary, notes };
}

/**
 * The Stop hook as the runner runs it: parse stdin, open the store, summarise. What the
 * `spaces-session-hook` executable does, with the store and cwd passed in.
 */
export function stopHook(
  openStore: (input: StopInput) => Promise<HookStore>,
  deps: Omit<SessionHookDeps, 'store'> & ProjectDirDeps = {},
): HookHandler {
  return async (stdin) => {
    // Parse first: bad input should fail before any time goes into connecting.
    const input = atProjectDir(parseStopInput(stdin, deps.fallbackCwd), deps.projectDir);
    const store = await openStore(input);
    try {
      const result = await handleStop(input, { ...deps, store });
      return { diagnostic: result.notes.join('; ') };
    } finally {
      await closeQuietly(store);
    }
  };
}
